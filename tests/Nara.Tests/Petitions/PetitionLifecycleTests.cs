using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Petitions;
using Nara.Tests.Infrastructure;
using Nara.Transparency.Log;

namespace Nara.Tests.Petitions;

/// <summary>
/// A petition's whole life through its pages: written, supported through the private link, moderated, opened,
/// signed and confirmed, counted in batches, past its thresholds, answered (and the answer emailed), closed —
/// with every public step in the public log and no signer's name or email there.
/// </summary>
public sealed class PetitionLifecycleTests() : AppTest(new NaraApp()
    .With("Petitions:Supporters", "2").With("Petitions:ResponseThreshold", "4").With("Petitions:DebateThreshold", "5"))
{
    [Fact]
    public async Task Petition_FromDraftToResponseToClose()
    {
        using var creator = await app.SignInCitizenAsync();
        var id = await creator.CreateAsync(TestData.Unique("Footbridge at the market"));
        var link = await creator.SupportLinkAsync(id);
        using var visitor = app.Session();
        var hiddenWhileGathering = await visitor.GetAsync($"/petitions/{id}");
        var wrongKey = await visitor.GetAsync($"/petitions/{id}?support=not-the-key");

        // Supporters sign through the private link; the tally then sends the petition to moderation.
        await app.SignAndConfirmAsync(link, "supporter.one@test.example", "capital");
        await app.SignAndConfirmAsync(link, "supporter.two@test.example", "north");
        await app.TallyAsync();
        var waiting = await Db(db => db.Set<Petition>().SingleAsync(p => p.Id == id));

        // A moderator publishes it, naming the agency that must respond.
        var (agencyId, _) = await app.CreateAgencyAsync("Ministry of Bridges");
        using var moderator = await app.SignInAsync(await app.CreateStaffAsync("moderator"));
        var queue = await moderator.OpenAsync("/moderate/petitions");
        var review = await moderator.OpenAsync($"/moderate/petitions/{id}");
        var noAgency = await moderator.SubmitAsync(review, new Dictionary<string, string?> { ["agency"] = "" }, "form[action*='handler=Publish']");
        await moderator.SubmitAsync(review, new Dictionary<string, string?> { ["agency"] = agencyId.ToString() }, "form[action*='handler=Publish']");
        var officerLogin = await app.CreateStaffAsync("officer", agencyId);

        // The public signs; two more confirmed signatures cross both thresholds (4 and 5).
        await app.SignAndConfirmAsync($"/petitions/{id}", "ama@test.example", "north", notify: true);
        await app.SignAndConfirmAsync($"/petitions/{id}", "yaw@test.example", "south");
        var before = await visitor.GetAsync($"/api/v1/petitions/{id}");
        await app.TallyAsync();
        await app.SignAndConfirmAsync($"/petitions/{id}", "esi@test.example", "north");
        await app.TallyAsync();
        var counted = await Db(db => db.Set<Petition>().SingleAsync(p => p.Id == id));
        var agencyTold = await app.Smtp.WaitForAsync(officerLogin.Email, m => (m.Subject ?? "").Contains("needs your agency", StringComparison.Ordinal));

        // The agency's officer publishes the response; the signer who asked is emailed.
        using var officer = await app.SignInAsync(officerLogin);
        var owed = await officer.OpenAsync("/office/petitions");
        var form = await officer.OpenAsync($"/office/petitions/{id}");
        var tooShort = await officer.SubmitAsync(form, new Dictionary<string, string?> { ["response"] = "No." });
        var published = await officer.SubmitAsync(form, new Dictionary<string, string?> { ["response"] = "The ministry will build the footbridge next dry season; the design is out for tender." });
        var answerMail = await app.Smtp.WaitForAsync("ama@test.example", m => (m.Subject ?? "").Contains("has responded", StringComparison.Ordinal));

        // Its time runs out: the tally closes it; it stays readable with its final count.
        await Db(db => db.Set<Petition>().Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await app.TallyAsync();
        var closed = await visitor.OpenAsync($"/petitions/{id}?fresh=1");
        var json = await visitor.Client.GetFromJsonAsync<JsonElement>($"/api/v1/petitions/{id}?fresh=1");
        var log = (await Db(db => db.Set<LogEntry>().Select(e => e.Data).ToListAsync())).Select(e => Encoding.UTF8.GetString(e)).ToList();
        var petitionsCsv = await visitor.Client.GetStringAsync("/data/petitions.csv");
        var regionsCsv = await visitor.Client.GetStringAsync("/data/petition-regions.csv");
        var regionsJson = await visitor.Client.GetFromJsonAsync<JsonElement>("/data/petition-regions.json");

        Assert.Equal(HttpStatusCode.NotFound, hiddenWhileGathering.Status);
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.Status);
        Assert.Equal(Petition.AwaitingModeration, waiting.State);
        Assert.NotNull(waiting.ModerationDueOn);
        Assert.Contains(waiting.Title, queue.Html, StringComparison.Ordinal);
        Assert.Contains("Choose the agency that will respond.", noAgency.Errors);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(5, counted.Signatures);
        Assert.NotNull(counted.ResponseThresholdAt);
        Assert.NotNull(counted.DebateThresholdAt);
        Assert.NotNull(counted.ResponseDueOn);
        Assert.Contains(counted.ResponseDueOn!.Value.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("en")), agencyTold.TextBody, StringComparison.Ordinal);
        Assert.Contains(waiting.Title, owed.Html, StringComparison.Ordinal);
        Assert.NotEmpty(tooShort.Errors);
        Assert.Contains("design is out for tender", published.Html, StringComparison.Ordinal);
        Assert.Contains("design is out for tender", answerMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == "yaw@test.example") && (m.Subject ?? "").Contains("has responded", StringComparison.Ordinal));
        Assert.Contains("This petition closed on", closed.Html, StringComparison.Ordinal);
        Assert.Equal("closed", json.GetProperty("state").GetString());
        Assert.Equal(5, json.GetProperty("signatures").GetInt32());
        Assert.Equal(3, json.GetProperty("signaturesByRegion").GetProperty("north").GetInt32());
        Assert.Equal(1, json.GetProperty("signaturesByRegion").GetProperty("capital").GetInt32());
        Assert.Contains("Northern Region", closed.Html, StringComparison.Ordinal);
        Assert.Contains("<svg", closed.Html, StringComparison.Ordinal);
        Assert.Equal(5, log.Count(e => e.Contains("petitions.signature-confirmed.v1", StringComparison.Ordinal)));
        foreach (var type in new[] { "petitions.published.v1", "petitions.threshold-reached.v1", "petitions.responded.v1", "petitions.closed.v1" })
        {
            Assert.Contains(log, e => e.Contains(type, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(log, e => e.Contains("test.example", StringComparison.Ordinal) || e.Contains("Kofi", StringComparison.Ordinal));
        Assert.StartsWith("Id,Title,State,Signatures,", petitionsCsv, StringComparison.Ordinal);
        Assert.Contains($"{id},{waiting.Title},closed,5,", petitionsCsv, StringComparison.Ordinal);
        Assert.Contains("design is out for tender", petitionsCsv, StringComparison.Ordinal);
        Assert.Contains($"{id},north,<5", regionsCsv, StringComparison.Ordinal);
        Assert.Contains(regionsJson.EnumerateArray(), r => r.GetProperty("region").GetString() == "capital" && r.GetProperty("signatures").GetString() == "<5");
        Assert.DoesNotContain("test.example", petitionsCsv + regionsCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmedSigner_GetsReceipt_ServedByTheLog()
    {
        var (id, _) = await app.OpenPetitionAsync(2);
        await app.SignAsync($"/petitions/{id}", "receipt@test.example");
        var confirmed = await app.ConfirmAsync("receipt@test.example");
        var receipt = confirmed.Document.QuerySelector("a[href^='/api/v1/log/receipts/']")!.GetAttribute("href")!;
        using var visitor = app.Session();
        var response = await visitor.Client.GetAsync(receipt);
        var again = await app.ConfirmAsync("receipt@test.example");
        await app.TallyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Your signature is confirmed", again.Title);
        Assert.Equal(3, await Db(db => db.Set<Petition>().Where(p => p.Id == id).Select(p => p.Signatures).SingleAsync()));
    }

    [Fact]
    public async Task Moderator_Rejects_ReasonShown_OffensiveTextHidden()
    {
        using var creator = await app.SignInCitizenAsync();
        var plain = await creator.CreateAsync(TestData.Unique("Rename the moon"));
        var rude = await creator.CreateAsync(TestData.Unique("Something rude"), "Rude words here.", "More rude words.");
        foreach (var id in new[] { plain, rude })
        {
            var link = await creator.SupportLinkAsync(id);
            await app.SignAndConfirmAsync(link, $"s1-{id}@test.example");
            await app.SignAndConfirmAsync(link, $"s2-{id}@test.example");
        }

        await app.TallyAsync();
        using var moderator = await app.SignInAsync(await app.CreateStaffAsync("moderator"));
        var review = await moderator.OpenAsync($"/moderate/petitions/{plain}");
        var noReason = await moderator.SubmitAsync(review, new Dictionary<string, string?> { ["reason"] = "" }, "form[action*='handler=Reject']");
        await moderator.SubmitAsync(review, new Dictionary<string, string?> { ["reason"] = "not-government-responsibility", ["details"] = "The moon is nobody's." }, "form[action*='handler=Reject']");
        var reviewRude = await moderator.OpenAsync($"/moderate/petitions/{rude}");
        await moderator.SubmitAsync(reviewRude, new Dictionary<string, string?> { ["reason"] = "offensive" }, "form[action*='handler=Reject']");
        using var visitor = app.Session();
        var shownPlain = await visitor.OpenAsync($"/petitions/{plain}");
        var shownRude = await visitor.OpenAsync($"/petitions/{rude}");
        var signRejected = await visitor.Client.PostAsync($"/petitions/{plain}?handler=Sign",
            new FormUrlEncodedContent([new("name", "Late"), new("email", "late@test.example"), new("region", "east"), new("declaration", "true")]));

        Assert.Contains("Choose a reason for rejecting it.", noReason.Errors);
        Assert.Contains("It is not something the government is responsible for", shownPlain.Html, StringComparison.Ordinal);
        Assert.Contains("The moon is nobody", shownPlain.Html, StringComparison.Ordinal);
        Assert.Contains("footbridge", shownPlain.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Rude words", shownRude.Html, StringComparison.Ordinal);
        Assert.Contains("It is offensive or abusive", shownRude.Html, StringComparison.Ordinal);
        Assert.Null(shownPlain.Document.QuerySelector("form[action*='handler=Sign']"));
        Assert.Contains("This petition is not open for signatures.", await signRejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Db(db => db.Set<Signature>().CountAsync(s => s.EmailDomain == "test.example" && s.PetitionId == plain && s.Region == "east")));
    }

    [Fact]
    public async Task SimilarPetitions_ShownBeforeCreating()
    {
        var id = (await app.OpenPetitionAsync(2, "Clean water for Northern villages")).Id;
        using var citizen = await app.SignInCitizenAsync();
        var form = await citizen.OpenAsync("/petitions/new");
        var page = await citizen.SubmitAsync(form, new Dictionary<string, string?> { ["Title"] = "Clean water for the villages", ["Action"] = "Pipes.", ["Background"] = "Thirst." });

        Assert.Contains($"/petitions/{id}", page.Html, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("input[name=Anyway]"));
        Assert.Equal(0, await Db(db => db.Set<Petition>().CountAsync(p => p.Title == "Clean water for the villages")));
    }

    private Task<T> Db<T>(Func<Nara.Platform.Storage.NaraDb, Task<T>> query) =>
        app.WithScopeAsync(sp => query(sp.GetRequiredService<Nara.Platform.Storage.NaraDb>()));
}
