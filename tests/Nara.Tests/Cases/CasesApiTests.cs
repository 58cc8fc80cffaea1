using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>The JSON API runs the same rules as the pages: start, answer, submit, follow; the agency's queue and actions.</summary>
public sealed class CasesApiTests : JourneyTest
{
    [Fact]
    public async Task Api_StartAnswerSubmitTrack_OfficerActsThroughApi()
    {
        using var citizen = await app.SignInCitizenAsync();
        var api = citizen.Client;

        var created = await api.PostAsJsonAsync("/api/v1/cases", new { blueprint = "residence-certificate" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reference = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var wrong = await api.PutAsJsonAsync($"/api/v1/cases/{reference}/answers/about-you", new { full_name = "Ama", national_id = "12", phone = "+233200000001" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("national_id", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/cases/{reference}/answers/about-you", new { full_name = "Ama", national_id = "123456789", phone = "+233200000001" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/cases/{reference}/answers/your-address", new { address = "1 Main St", region = "north", years_at_address = 0, occupancy = "tenant" })).StatusCode);
        var early = await api.PostAsync($"/api/v1/cases/{reference}/submit", null);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("declaration", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/v1/cases/{reference}/answers/declaration-page", new { declaration = true })).StatusCode);
        var disguised = await api.PutAsync($"/api/v1/cases/{reference}/documents/proof_of_address_file", new ByteArrayContent("MZ\u0090\u0000"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Contains("file-type", await disguised.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsync($"/api/v1/cases/{reference}/documents/proof_of_address_file", new ByteArrayContent(CaseDriver.Pdf))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsync($"/api/v1/cases/{reference}/documents/full_name", new ByteArrayContent(CaseDriver.Pdf))).StatusCode);
        var submitted = await api.PostAsync($"/api/v1/cases/{reference}/submit", null);
        Assert.Equal("submitted", (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());

        var officer = (await OfficerAsync("capital-city")).Client;
        var queue = await officer.GetFromJsonAsync<JsonElement>("/api/v1/office/capital-city/cases");
        Assert.Contains(queue.EnumerateArray(), c => c.GetProperty("reference").GetString() == reference);
        var view = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
        Assert.False(view.GetProperty("answers").TryGetProperty("full_name", out _));
        Assert.Contains(view.GetProperty("actions").EnumerateArray(), a => a.GetString() == "start-review");
        var stale = await officer.PostAsJsonAsync($"/api/v1/cases/{reference}/actions", new { action = "start-review", version = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var acted = await officer.PostAsJsonAsync($"/api/v1/cases/{reference}/actions", new { action = "start-review", version = view.GetProperty("concurrency").GetGuid() });
        Assert.Equal(HttpStatusCode.OK, acted.StatusCode);
        var refused = await officer.PostAsJsonAsync($"/api/v1/cases/{reference}/actions", new { action = "issue-automatically", version = Guid.Empty });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var mine = await api.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
        Assert.Equal("in-review", mine.GetProperty("state").GetString());
        Assert.Equal("Ama", mine.GetProperty("answers").GetProperty("full_name").GetString());
        Assert.Contains((await api.GetFromJsonAsync<JsonElement>("/api/v1/cases")).EnumerateArray(), c => c.GetProperty("reference").GetString() == reference);
    }

    [Fact]
    public async Task Api_ReadOnlyToken_CannotWrite_StrangerSeesNothing()
    {
        using var citizen = await app.SignInCitizenAsync();
        var created = await citizen.Client.PostAsJsonAsync("/api/v1/cases", new { blueprint = "social-assistance" });
        var reference = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        var me = await citizen.Client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var token = await app.WithScopeAsync(sp => sp.GetRequiredService<Nara.Identity.Tokens.ApiTokens>().CreateAsync(me.GetProperty("id").GetGuid(), "reader", ["read"], 30, default));
        using var reader = app.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var stranger = await app.SignInCitizenAsync();

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/cases/{reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/cases", new { blueprint = "social-assistance" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/cases/{reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.Client.PostAsJsonAsync("/api/v1/cases", new { blueprint = "official-memo" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await citizen.Client.PostAsync("/api/v1/cases", new StringContent("[", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task Catalogue_SchemaAndBlueprintsPublished()
    {
        var client = app.CreateClient();

        var schema = await client.GetFromJsonAsync<JsonElement>("/schemas/blueprint.json");
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/blueprints");
        var page = await app.Session().OpenAsync("/blueprints");
        var package = await client.GetStringAsync("/api/v1/blueprints/customs-import/1.0.0/package");

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        Assert.Equal(9, list.GetArrayLength());
        Assert.NotNull(page.Document.QuerySelector("a[href='/api/v1/blueprints/customs-import/1.0.0/package']"));
        var (ok, message) = await Nara.Cases.BlueprintSharing.ImportAsync(app.Services, package, null, default);
        Assert.True(ok, message);
        var (tamperedOk, tamperedMessage) = await Nara.Cases.BlueprintSharing.ImportAsync(app.Services, package.Replace("percent: 10", "percent: 1", StringComparison.Ordinal), null, default);
        Assert.False(tamperedOk);
        Assert.Contains("not the ones the publisher signed", tamperedMessage, StringComparison.Ordinal);
        var (otherKeyOk, _) = await Nara.Cases.BlueprintSharing.ImportAsync(app.Services, package, "someone.else+00000000+AQ==", default);
        Assert.False(otherKeyOk);
    }
}
