using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Petitions;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Petitions;

/// <summary>Signing: one signature per person, no enumeration, clear refusals, fraud controls, and text shown as text.</summary>
public sealed class SignatureTests() : AppTest(new NaraApp().With("Petitions:Supporters", "1"))
{
    [Fact]
    public async Task SameAddressTwice_SameAnswer_OneSignature_OwnerToldByEmail()
    {
        var (id, _) = await app.OpenPetitionAsync(1);
        var first = await app.SignAsync($"/petitions/{id}", "  Adjoa.Owusu@Example.ORG ");
        await app.ConfirmAsync("adjoa.owusu@example.org");
        var second = await app.SignAsync($"/petitions/{id}", "adjoa.owusu+again@example.org");
        var told = await app.Smtp.WaitForAsync("adjoa.owusu@example.org", m => (m.Subject ?? "").StartsWith("You have already signed", StringComparison.Ordinal));
        await app.TallyAsync();

        Assert.Equal(first.Url, second.Url);
        Assert.Equal(first.Html, second.Html);
        Assert.EndsWith("/check-email", second.Url, StringComparison.Ordinal);
        Assert.Contains("counts once", told.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await Db(db => db.Set<Signature>().CountAsync(s => s.PetitionId == id && s.EmailDomain == "example.org")));
        Assert.Equal(2, await Db(db => db.Set<Petition>().Where(p => p.Id == id).Select(p => p.Signatures).SingleAsync()));
        Assert.DoesNotContain(await Db(db => db.Set<Signature>().Select(s => s.EmailHash + s.ProtectedContact).ToListAsync()), v => v.Contains("adjoa", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task BadInput_ClearMessages_NothingCounted()
    {
        var (id, _) = await app.OpenPetitionAsync(1);
        var empty = await app.SignAsync($"/petitions/{id}", "", region: "", name: "", declaration: false);
        var badEmail = await app.SignAsync($"/petitions/{id}", "not-an-address");
        var unknownRegion = await app.SignAsync($"/petitions/{id}", "someone@test.example", region: "atlantis");
        var disposable = await app.SignAsync($"/petitions/{id}", "someone@mailinator.com");
        var tooLong = await app.SignAsync($"/petitions/{id}", "long@test.example", name: new string('x', 201));

        Assert.Equal(["Enter your name.", "Enter an email address like name@example.org.", "Choose your region from the list.", "Confirm that you are eligible to sign."], empty.Errors);
        Assert.Equal(["Enter an email address like name@example.org."], badEmail.Errors);
        Assert.Equal(["Choose your region from the list."], unknownRegion.Errors);
        Assert.Equal(["This email address cannot be used to sign. Use another one."], disposable.Errors);
        Assert.Equal(["Use 200 characters or fewer."], tooLong.Errors);
        Assert.All(new[] { empty, badEmail, unknownRegion, disposable, tooLong }, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Equal(1, await Db(db => db.Set<Signature>().CountAsync(s => s.PetitionId == id)));
    }

    [Fact]
    public async Task ConfirmationLink_Expired_Or_Made_Up_Refused()
    {
        var (id, _) = await app.OpenPetitionAsync(1);
        await app.SignAsync($"/petitions/{id}", "slow@test.example");
        await Db(db => db.Set<Signature>().Where(s => s.PetitionId == id && s.State == Signature.Pending).ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, DateTimeOffset.UtcNow.AddDays(-8))));
        var expired = await app.ConfirmAsync("slow@test.example");
        using var visitor = app.Session();
        var madeUp = await visitor.GetAsync("/petitions/confirm/this-is-not-a-real-key");
        await app.TallyAsync();

        Assert.Equal(HttpStatusCode.Conflict, expired.Status);
        Assert.Contains("This link has expired", expired.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, madeUp.Status);
        Assert.Equal(1, await Db(db => db.Set<Petition>().Where(p => p.Id == id).Select(p => p.Signatures).SingleAsync()));
        Assert.Equal(1, await Db(db => db.Set<Signature>().CountAsync(s => s.PetitionId == id && s.State == Signature.Confirmed)));
    }

    [Fact]
    public async Task LinkExpired_SigningAgain_SendsAFreshLink_CountsOnce()
    {
        var (id, _) = await app.OpenPetitionAsync(1);
        await app.SignAsync($"/petitions/{id}", "forgetful@test.example");
        await Db(db => db.Set<Signature>().Where(s => s.PetitionId == id && s.EmailDomain == "test.example").ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, DateTimeOffset.UtcNow.AddDays(-8))));
        var expired = await app.ConfirmAsync("forgetful@test.example");
        var first = await app.Smtp.WaitForAsync("forgetful@test.example");
        await app.SignAsync($"/petitions/{id}", "forgetful@test.example");
        var fresh = await app.Smtp.WaitForAsync("forgetful@test.example", m => m != first && (m.Subject ?? "").StartsWith("Confirm your signature", StringComparison.Ordinal));
        var link = System.Text.RegularExpressions.Regex.Match(fresh.TextBody ?? "", "/petitions/confirm/[A-Za-z0-9_-]+").Value;
        using var visitor = app.Session();
        var page = await visitor.OpenAsync(link);
        var confirmed = await visitor.SubmitAsync(page, new Dictionary<string, string?>());
        var twice = await visitor.SubmitAsync(page, new Dictionary<string, string?>()); // a double click: the same form again
        await app.TallyAsync();

        Assert.Contains("This link has expired", expired.Html, StringComparison.Ordinal);
        Assert.Equal("Your signature is confirmed", confirmed.Title);
        Assert.Equal("Your signature is confirmed", twice.Title);
        Assert.Equal(1, await Db(db => db.Set<Signature>().CountAsync(s => s.PetitionId == id && s.EmailDomain == "test.example")));
        Assert.Equal(2, await Db(db => db.Set<Petition>().Where(p => p.Id == id).Select(p => p.Signatures).SingleAsync()));
        Assert.Equal(2, await Db(db => db.Events.CountAsync(e => e.Type == "petitions.signature-confirmed.v1")));
    }

    [Fact]
    public async Task SigningAgainAtOnce_SameAnswer_NoSecondMessage_FirstLinkStillWorks()
    {
        var (id, _) = await app.OpenPetitionAsync(1);
        var first = await app.SignAsync($"/petitions/{id}", "hasty@test.example");
        var again = await app.SignAsync($"/petitions/{id}", "hasty@test.example");
        var thrice = await app.SignAsync($"/petitions/{id}", "Hasty@Test.Example");
        await OutboxEmptyAsync();
        var confirmations = app.Smtp.Messages.Count(m => m.To.ToString() == "hasty@test.example");
        var confirmed = await app.ConfirmAsync("hasty@test.example"); // the link of the first (and only) email
        var repeats = new List<WebSession.PageResult>();
        for (var i = 0; i < 3; i++)
        {
            repeats.Add(await app.SignAsync($"/petitions/{id}", "hasty@test.example"));
        }

        await OutboxEmptyAsync();
        var notes = app.Smtp.Messages.Count(m => m.To.ToString() == "hasty@test.example" && (m.Subject ?? "").StartsWith("You have already signed", StringComparison.Ordinal));

        Assert.All(new[] { again, thrice }.Concat(repeats), p => Assert.Equal(first.Url, p.Url));
        Assert.Equal(1, confirmations);
        Assert.Equal("Your signature is confirmed", confirmed.Title);
        Assert.Equal(1, notes);
        Assert.Equal(1, await Db(db => db.Set<Signature>().CountAsync(s => s.PetitionId == id && s.EmailDomain == "test.example" && s.State == Signature.Confirmed)));
    }

    [Fact]
    public async Task AlreadySignedNote_AtMostOncePerInterval_WhicheverInstanceIsAsked()
    {
        var (id, _) = await app.OpenPetitionAsync(1);
        await app.SignAsync($"/petitions/{id}", "counted@test.example");
        await app.ConfirmAsync("counted@test.example");
        await app.SignAsync($"/petitions/{id}", "counted@test.example");
        var other = new NaraApp(app).With("Petitions:Supporters", "1");
        await other.InitializeAsync();
        try
        {
            var there = await other.SignAsync($"/petitions/{id}", "counted@test.example");
            await OutboxEmptyAsync();

            Assert.EndsWith("/check-email", there.Url, StringComparison.Ordinal);
            var notes = app.Smtp.Messages.Concat(other.Smtp.Messages)
                .Count(m => m.To.ToString() == "counted@test.example" && (m.Subject ?? "").StartsWith("You have already signed", StringComparison.Ordinal));
            Assert.Equal(1, notes);
        }
        finally
        {
            await ((IAsyncLifetime)other).DisposeAsync();
        }
    }

    private async Task OutboxEmptyAsync()
    {
        for (var i = 0; i < 100 && await Db(db => db.Outbox.CountAsync(m => m.SentAt == null && m.FailedAt == null)) > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, await Db(db => db.Outbox.CountAsync(m => m.SentAt == null && m.FailedAt == null)));
    }

    [Fact]
    public async Task AnonymousReaders_ServedFromMemory_SignedInPeopleFresh()
    {
        var (id, _) = await app.OpenPetitionAsync(1);
        using var anonymous = app.Session();
        var first = await anonymous.OpenAsync($"/petitions/{id}");
        await Db(db => db.Set<Petition>().Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Title, "Renamed behind Nara's back")));
        var cached = await anonymous.OpenAsync($"/petitions/{id}");
        using var citizen = await app.SignInCitizenAsync();
        var fresh = await citizen.OpenAsync($"/petitions/{id}");

        Assert.Equal(first.Title, cached.Title);
        Assert.Equal("Renamed behind Nara's back", fresh.Title);
    }

    [Fact]
    public async Task ReadOnlyToken_CannotStartPetition()
    {
        using var citizen = await app.SignInCitizenAsync();
        var created = await citizen.SubmitAsync(await citizen.GetAsync("/account/tokens"),
            new Dictionary<string, string?> { ["Name"] = "Reader", ["Scopes"] = "read", ["Days"] = "30" }, "form[action*='Create']");
        using var program = app.CreateClient();
        program.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", created.Document.QuerySelector(".banner code.key")!.TextContent);

        var response = await program.PostAsJsonAsync("/api/v1/petitions", new { title = "Read-only token petition", action = "Act.", background = "Because." });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await Db(db => db.Set<Petition>().CountAsync(p => p.Title == "Read-only token petition")));
    }

    [Fact]
    public async Task PetitionText_ScriptsShownAsText_MarkdownLimited()
    {
        using var creator = await app.SignInCitizenAsync();
        var id = await creator.CreateAsync("<script>alert('title')</script> bridge",
            "Build it *now*. <script>alert(1)</script> [see](javascript:alert(2)) [plan](https://example.org/plan)", "# Not a heading\n\n<img src=x onerror=alert(3)>");
        var link = await creator.SupportLinkAsync(id);
        using var supporter = app.Session();
        var page = await supporter.OpenAsync(link);
        var main = page.Document.QuerySelector("main")!.InnerHtml;

        Assert.Contains("&lt;script&gt;alert('title')&lt;/script&gt; bridge", page.Document.QuerySelector("h1")!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("<em>now</em>", main, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/plan\"", main, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", main, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", main, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", main, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1>Not", main, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_SignAccepted202_SameAnswerForRepeat_BadRequest400_Unknown404()
    {
        var (id, _) = await app.OpenPetitionAsync(1);
        using var client = app.Session().Client;
        var regions = await client.GetFromJsonAsync<JsonElement>("/api/v1/regions");
        var accepted = await client.PostAsJsonAsync($"/api/v1/petitions/{id}/signatures", new { name = "Abena", email = "abena@test.example", region = "east", declaration = true, notify = false });
        var repeat = await client.PostAsJsonAsync($"/api/v1/petitions/{id}/signatures", new { name = "Abena", email = "ABENA@test.example", region = "east", declaration = true, notify = false });
        var bad = await client.PostAsJsonAsync($"/api/v1/petitions/{id}/signatures", new { name = "", email = "nope", region = "mars", declaration = false });
        var unknown = await client.PostAsJsonAsync("/api/v1/petitions/999999/signatures", new { name = "A", email = "a@test.example", region = "east", declaration = true });
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(5, regions.GetArrayLength());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(await accepted.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["declaration", "email", "name", "region"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(1, await Db(db => db.Set<Signature>().CountAsync(s => s.PetitionId == id && s.Channel == "api")));
    }

    private Task<T> Db<T>(Func<Nara.Platform.Storage.NaraDb, Task<T>> query) =>
        app.WithScopeAsync(sp => query(sp.GetRequiredService<Nara.Platform.Storage.NaraDb>()));
}
