using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Petitions;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Petitions;

/// <summary>The authenticated petition API — create, support, moderate, invalidate, respond — through the same handlers as the pages.</summary>
public sealed class PetitionApiTests() : AppTest(new NaraApp().With("Petitions:Supporters", "1").With("Petitions:ResponseThreshold", "2"))
{
    [Fact]
    public async Task CreateSupportModerateInvalidateRespond_ThroughTheApi()
    {
        using var citizen = await app.SignInCitizenAsync();
        var empty = await citizen.Client.PostAsJsonAsync("/api/v1/petitions", new { title = "", action = "x", background = "y" });
        var created = await citizen.Client.PostAsJsonAsync("/api/v1/petitions", new { title = "Street lights on Harbour Road", action = "Install street lights.", background = "It is dark." });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        var supportKey = new Uri(body.GetProperty("supportLink").GetString()!).Query.Split("support=")[1];
        using var anonymous = app.Session();
        var withoutKey = await anonymous.Client.PostAsJsonAsync($"/api/v1/petitions/{id}/signatures", new { name = "S", email = "s@test.example", region = "north", declaration = true });
        var withKey = await anonymous.Client.PostAsJsonAsync($"/api/v1/petitions/{id}/signatures", new { name = "S", email = "s@test.example", region = "north", declaration = true, supportKey });
        await app.ConfirmAsync("s@test.example");
        await app.TallyAsync();

        var (agencyId, agencyCode) = await app.CreateAgencyAsync();
        using var moderator = await app.SignInAsync(await app.CreateStaffAsync("moderator"));
        var queue = await moderator.Client.GetFromJsonAsync<JsonElement>("/api/v1/moderation/petitions");
        var citizenQueue = await citizen.Client.GetAsync("/api/v1/moderation/petitions");
        var unknownAgency = await moderator.Client.PostAsJsonAsync($"/api/v1/moderation/petitions/{id}/publish", new { agency = "nowhere" });
        var published = await moderator.Client.PostAsJsonAsync($"/api/v1/moderation/petitions/{id}/publish", new { agency = agencyCode });
        var again = await moderator.Client.PostAsJsonAsync($"/api/v1/moderation/petitions/{id}/publish", new { agency = agencyCode });
        var duplicate = await citizen.Client.PostAsJsonAsync("/api/v1/petitions", new { title = "Street lights for Harbour Road", action = "Lights.", background = "Dark." });
        var anyway = await citizen.Client.PostAsJsonAsync("/api/v1/petitions", new { title = "Street lights for Harbour Road", action = "Lights.", background = "Dark.", anyway = true });

        await app.SignAndConfirmAsync($"/petitions/{id}", "a@bots.example", "east");
        await app.SignAndConfirmAsync($"/petitions/{id}", "b@bots.example", "east");
        await app.TallyAsync();
        var noReason = await moderator.Client.PostAsJsonAsync($"/api/v1/moderation/petitions/{id}/invalidations", new { pattern = "domain", value = "bots.example" });
        var invalidated = await moderator.Client.PostAsJsonAsync($"/api/v1/moderation/petitions/{id}/invalidations", new { pattern = "domain", value = "bots.example", reason = "Two addresses from a throwaway domain" });
        await app.TallyAsync();

        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agencyId));
        using var outsider = await app.SignInAsync(await app.CreateStaffAsync("officer", (await app.CreateAgencyAsync()).Id));
        var notTheirs = await outsider.Client.PostAsJsonAsync($"/api/v1/petitions/{id}/response", new { response = "We will install twenty street lights by June." });
        var responded = await officer.Client.PostAsJsonAsync($"/api/v1/petitions/{id}/response", new { response = "We will install twenty street lights by June." });
        var mine = await citizen.Client.GetFromJsonAsync<JsonElement>("/api/v1/petitions/mine");
        var petition = await app.WithScopeAsync(sp => sp.GetRequiredService<Nara.Platform.Storage.NaraDb>().Set<Petition>().AsNoTracking().SingleAsync(p => p.Id == id));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withKey.StatusCode);
        Assert.Equal(id, queue.EnumerateArray().Single().GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, citizenQueue.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownAgency.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, published.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Created, anyway.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(2, (await invalidated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invalidated").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, responded.StatusCode);
        Assert.Equal(2, mine.GetArrayLength());
        Assert.Equal(1, petition.Signatures);
        Assert.NotNull(petition.ResponseThresholdAt);
        Assert.Equal("We will install twenty street lights by June.", petition.Response);
    }
}
