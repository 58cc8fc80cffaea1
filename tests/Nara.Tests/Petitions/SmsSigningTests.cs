using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Petitions;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Petitions;

/// <summary>Where people have phones but not email, signatures are confirmed with a six-digit code sent by SMS.</summary>
public sealed class SmsSigningTests(Xunit.Abstractions.ITestOutputHelper output) : AppTest(new NaraApp().With("Petitions:Confirmation", "sms").With("Petitions:Supporters", "1").With("Petitions:CodeAttempts", "3").With("Petitions:ResponseThreshold", "3"))
{
    [Fact]
    public async Task SignByPhone_CodeConfirms_WrongCodesLimited_RepeatTellsNothing_ResponseBySms()
    {
        using var creator = await app.SignInCitizenAsync();
        var id = await creator.CreateAsync(TestData.Unique("Borehole for the school"));
        var link = await creator.SupportLinkAsync(id);
        await SignAndConfirmAsync(link, id, "+233 20 555 0001");
        await app.TallyAsync();
        var (agencyId, _) = await app.CreateAgencyAsync();
        await app.PublishAsync(id, agencyId);

        var form = await app.Session().OpenAsync($"/petitions/{id}");
        var badNumber = await app.Session().SubmitAsync(form, Fields("0205550002"), "form[action*='handler=Sign']");
        var signed = await app.Session().SubmitAsync(form, Fields("+233 20-555-0002", notify: true), "form[action*='handler=Sign']");
        var code = await CodeForAsync("+233205550002");
        var wrong = code == "000000" ? "111111" : "000000";
        using var guesser = app.Session();
        var guess = await guesser.OpenAsync($"/petitions/{id}/check-phone");
        var firstWrong = await guesser.SubmitAsync(guess, new Dictionary<string, string?> { ["Phone"] = "+233205550002", ["Code"] = wrong });
        var unknownNumber = await guesser.SubmitAsync(guess, new Dictionary<string, string?> { ["Phone"] = "+233205559999", ["Code"] = code });
        var confirmed = await guesser.SubmitAsync(guess, new Dictionary<string, string?> { ["Phone"] = "+233 20 555 0002", ["Code"] = code });
        var again = await app.Session().SubmitAsync(form, Fields("+233205550002"), "form[action*='handler=Sign']");
        var replay = await guesser.SubmitAsync(guess, new Dictionary<string, string?> { ["Phone"] = "+233205550002", ["Code"] = code });

        Assert.Equal(["Enter a mobile number with its country code, like +233 20 123 4567."], badNumber.Errors);
        Assert.EndsWith($"/petitions/{id}/check-phone", signed.Url, StringComparison.Ordinal);
        Assert.Equal(["That code is not right. Check the number and the code, or sign again in a few minutes to get a new code."], firstWrong.Errors);
        Assert.Equal(firstWrong.Errors, unknownNumber.Errors);
        Assert.Equal("Your signature is confirmed", confirmed.Title);
        Assert.NotNull(confirmed.Document.QuerySelector("a[href^='/api/v1/log/receipts/']"));
        Assert.EndsWith($"/petitions/{id}/check-phone", again.Url, StringComparison.Ordinal);
        Assert.Equal(firstWrong.Errors, replay.Errors);
        Assert.Contains("You have already signed", await app.WaitForSmsAsync("+233205550002", t => t.Contains("already signed", StringComparison.Ordinal)), StringComparison.Ordinal);

        // Three wrong codes and the right one no longer works; signing again sends a new code that does.
        await app.Session().SubmitAsync(form, Fields("+233205550003"), "form[action*='handler=Sign']");
        var stale = await CodeForAsync("+233205550003");
        for (var i = 0; i < 3; i++)
        {
            await guesser.SubmitAsync(guess, new Dictionary<string, string?> { ["Phone"] = "+233205550003", ["Code"] = stale == "000000" ? "111111" : "000000" });
        }

        var locked = await guesser.SubmitAsync(guess, new Dictionary<string, string?> { ["Phone"] = "+233205550003", ["Code"] = stale });
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Outbox.CountAsync());
        var tooSoon = await app.Session().SubmitAsync(form, Fields("+233205550003"), "form[action*='handler=Sign']");
        var sent = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Outbox.CountAsync());
        // A new code goes out at most once per resend interval (two minutes): let it pass.
        var earlier = DateTimeOffset.UtcNow.AddMinutes(-3);
        await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<Signature>().Where(s => s.PetitionId == id && s.State == Signature.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, earlier)));
        await app.Session().SubmitAsync(form, Fields("+233205550003"), "form[action*='handler=Sign']");
        var fresh = await CodeForAsync("+233205550003", notThis: stale);
        var api = await app.Session().Client.PostAsJsonAsync($"/api/v1/petitions/{id}/signatures/confirm", new { phone = "+233205550003", code = fresh });

        Assert.NotEmpty(locked.Errors);
        Assert.EndsWith($"/petitions/{id}/check-phone", tooSoon.Url, StringComparison.Ordinal);
        Assert.Equal(before, sent);
        await Nara.Tests.Web.PageWeightTests.AssertEveryLanguageAsync([(guesser.Client, $"/petitions/{id}/check-phone"), (guesser.Client, $"/petitions/{id}")], output);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Matches("^[0-9a-f]{64}$", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipt").GetString());
        await app.TallyAsync();
        var counted = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<Petition>().Where(p => p.Id == id).Select(p => p.Signatures).SingleAsync());
        Assert.Equal(3, counted);

        // The response reaches the signer who asked, by SMS.
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agencyId));
        var respond = await officer.OpenAsync($"/office/petitions/{id}");
        await officer.SubmitAsync(respond, new Dictionary<string, string?> { ["response"] = "The ministry will drill a borehole at the school before the dry season." });
        Assert.Contains("The government has responded to petition", await app.WaitForSmsAsync("+233205550002", t => t.Contains("responded", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Fields(string phone, bool notify = false) => new()
    {
        ["name"] = "Abena Asante",
        ["phone"] = phone,
        ["region"] = "north",
        ["declaration"] = "true",
        ["notify"] = notify ? "true" : null,
    };

    private async Task SignAndConfirmAsync(string path, long id, string phone)
    {
        using var visitor = app.Session();
        await visitor.SubmitAsync(await visitor.OpenAsync(path), Fields(phone), "form[action*='handler=Sign']");
        var normalized = new string([.. phone.Where(c => c != ' ')]);
        var page = await visitor.OpenAsync($"/petitions/{id}/check-phone");
        var done = await visitor.SubmitAsync(page, new Dictionary<string, string?> { ["Phone"] = normalized, ["Code"] = await CodeForAsync(normalized) });
        Assert.Equal("Your signature is confirmed", done.Title);
    }

    private async Task<string> CodeForAsync(string phone, string? notThis = null) =>
        TestData.CodeIn(await app.WaitForSmsAsync(phone, t => TestData.CodeIn(t) is { Length: 6 } code && code != notThis && t.Contains("code", StringComparison.Ordinal)));
}
