using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Nara.Cases.Payments;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>Bad input of every kind gets a clear answer, never a 500, and no case ends in a state its workflow does not allow.</summary>
public sealed class CaseBadInputTests : JourneyTest
{
    private static readonly Dictionary<string, string?> NoFields = [];

    [Fact]
    public async Task Answers_WrongTypesAndMissing_ClearMessagesAndNothingAdvances()
    {
        using var citizen = await app.SignInCitizenAsync();
        var service = await citizen.OpenAsync("/services/residence-certificate");
        var first = await citizen.SubmitAsync(service, NoFields);

        var page = await citizen.SubmitAsync(first, new Dictionary<string, string?> { ["full_name"] = new string('x', 101), ["national_id"] = "12AB", ["phone"] = "call me" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.EndsWith("/answers/about-you", page.Url, StringComparison.Ordinal);
        Assert.Contains(page.Errors, e => e.Contains("100 characters or fewer", StringComparison.Ordinal));
        Assert.Contains(page.Errors, e => e.Contains("9 digits", StringComparison.Ordinal));
        Assert.Contains(page.Errors, e => e.Contains("phone number", StringComparison.Ordinal));
        var address = await citizen.SubmitAsync(page, new Dictionary<string, string?> { ["full_name"] = "Ama", ["national_id"] = "123456789", ["phone"] = "+233 20 000 0001" });
        var numbers = await citizen.SubmitAsync(address, new Dictionary<string, string?> { ["address"] = "1 Main St", ["region"] = "atlantis", ["years_at_address"] = "many", ["occupancy"] = "castle" });
        Assert.Equal(3, numbers.Errors.Count);
    }

    [Fact]
    public async Task Check_SubmittedBeforeAnswering_ListsEveryMissingAnswer()
    {
        using var citizen = await app.SignInCitizenAsync();
        var service = await citizen.OpenAsync("/services/residence-certificate");
        var first = await citizen.SubmitAsync(service, NoFields);
        var reference = first.Url.Split('/')[2];

        var check = await citizen.OpenAsync($"/cases/{reference}/check");
        var refused = await citizen.SubmitAsync(check, NoFields);

        Assert.EndsWith("/check", refused.Url, StringComparison.Ordinal);
        Assert.True(refused.Errors.Count >= 7, string.Join("; ", refused.Errors));
        Assert.Equal("draft", await DbAsync(db => db.Set<Nara.Cases.Case>().Where(c => c.Reference == reference).Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task Upload_ExecutableRenamedPdfAndOversizedFile_RefusedWithReason()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, _) = await citizen.FillAsync(app.Blueprint("residence-certificate"));
        var page = await citizen.OpenAsync($"/cases/{reference}/answers/proof");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var disguised = await PostFileAsync(citizen, page.Url, token, "\u007fELF\u0002\u0001\u0001"u8.ToArray(), "invoice.pdf");
        var huge = await PostFileAsync(citizen, page.Url, token, [.. CaseDriver.Pdf, .. new byte[5121 * 1024]], "big.pdf");

        Assert.Contains("its contents were checked", disguised, StringComparison.Ordinal);
        Assert.Contains("smaller than 5120 KB", huge, StringComparison.Ordinal);
        var kept = await DbAsync(db => db.Set<Nara.Cases.CaseDocument>().Select(d => d.Size).ToListAsync());
        Assert.Equal([CaseDriver.Pdf.Length], kept);
    }

    [Fact]
    public async Task Submit_DoubleClick_SubmittedOnce()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("social-assistance"));

        var first = await citizen.SubmitAsync(check, NoFields, follow: false);
        var second = await citizen.SubmitAsync(check, NoFields, follow: false);

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        Assert.Equal(1, await DbAsync(db => db.Set<Nara.Cases.CaseEntry>().CountAsync(e => e.Kind == Nara.Cases.EntryKind.Submitted
            && db.Set<Nara.Cases.Case>().Any(c => c.Id == e.CaseId && c.Reference == reference))));
    }

    [Fact]
    public async Task Actions_ForcedByApplicantOrWrongRoleOrWrongState_RefusedAndStateUnchanged()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("social-assistance"));
        await citizen.SubmitAsync(check, NoFields);
        var casePage = await citizen.OpenAsync($"/cases/{reference}");
        var form = casePage.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().First(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "action"));
        form.Id = "tampered";

        var forced = await citizen.SubmitAsync(casePage, new Dictionary<string, string?> { ["action"] = "approve-enrolment" }, "#tampered");
        var officer = await OfficerAsync("social-welfare");
        var officerPage = await officer.OpenAsync($"/office/cases/{reference}");
        var officerForm = officerPage.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().First(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "action"));
        officerForm.Id = "tampered";
        var wrongRole = await officer.SubmitAsync(officerPage, new Dictionary<string, string?> { ["action"] = "approve-enrolment" }, "#tampered");
        var wrongState = await officer.SubmitAsync(officerPage, new Dictionary<string, string?> { ["action"] = "send-for-decision", ["comment"] = "x" }, "#tampered");
        var unknown = await officer.SubmitAsync(officerPage, new Dictionary<string, string?> { ["action"] = "<script>" }, "#tampered");

        Assert.Contains(forced.Errors, e => e.Contains("cannot take that action", StringComparison.Ordinal));
        Assert.Contains(wrongRole.Errors, e => e.Contains("cannot take that action", StringComparison.Ordinal));
        Assert.Contains(wrongState.Errors, e => e.Contains("cannot be done at this stage", StringComparison.Ordinal));
        Assert.NotEmpty(unknown.Errors);
        Assert.All(new[] { forced, wrongRole, wrongState, unknown }, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Equal("Submitted", await StateAsync(citizen, reference));
    }

    [Fact]
    public async Task Actions_TwoOfficersAtOnce_OneWinsTheOtherIsTold()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("social-assistance"));
        await citizen.SubmitAsync(check, NoFields);
        var first = await OfficerAsync("social-welfare");
        var second = await app.SignInAsync(await app.CreateStaffAsync("officer", AgencyId("social-welfare")));
        await first.ActAsync($"/office/cases/{reference}", "start-assessment");
        var seenByFirst = await first.OpenAsync($"/office/cases/{reference}");
        var seenBySecond = await second.OpenAsync($"/office/cases/{reference}");
        foreach (var (page, id) in new[] { (seenByFirst, "a"), (seenBySecond, "b") })
        {
            page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>()
                .First(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "action" && i.Value == "plan-home-visit")).Id = id;
        }

        var won = await first.SubmitAsync(seenByFirst, new Dictionary<string, string?> { ["comment"] = "Tuesday" }, "#a");
        var lost = await second.SubmitAsync(seenBySecond, new Dictionary<string, string?> { ["comment"] = "Wednesday" }, "#b");

        Assert.Empty(won.Errors);
        Assert.Contains(lost.Errors, e => e.Contains("Someone else acted on this case", StringComparison.Ordinal));
        Assert.Equal(1, await DbAsync(db => db.Set<Nara.Cases.CaseEntry>().CountAsync(e => e.Action == "plan-home-visit"
            && db.Set<Nara.Cases.Case>().Any(c => c.Id == e.CaseId && c.Reference == reference))));
        second.Dispose();
    }

    [Fact]
    public async Task PaymentCallback_ForgedOrWrongAmount_ChangesNothing()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("building-permit"));
        await citizen.SubmitAsync(check, NoFields);
        var pay = await citizen.OpenAsync($"/cases/{reference}/pay");
        var gatewayPage = await citizen.SubmitAsync(pay, NoFields, "#pay-online");
        var paymentId = Guid.Parse(gatewayPage.Url.Split('/')[^1]);
        var gateway = Service<GatewaySimulator>();
        var genuine = gateway.Sign(paymentId, "paid", 50000m, "XOF", "T-1");

        var client = app.Session().Client;
        var forged = await client.PostAsJsonAsync("/api/v1/payments/gateway/notify", genuine with { Signature = new string('0', 64) });
        var tamperedAmount = await client.PostAsJsonAsync("/api/v1/payments/gateway/notify", genuine with { Amount = 1m });
        var underpaid = await client.PostAsJsonAsync("/api/v1/payments/gateway/notify", gateway.Sign(paymentId, "paid", 1m, "XOF", "T-2"));
        var garbage = await client.PostAsync("/api/v1/payments/gateway/notify", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        var formForged = await client.PostAsync("/payments/callback", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Payment"] = paymentId.ToString(),
            ["Status"] = "paid",
            ["Amount"] = "50000.00",
            ["Currency"] = "XOF",
            ["Transaction"] = "T-3",
            ["Signature"] = "abc",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tamperedAmount.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, underpaid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, formForged.StatusCode);
        Assert.Equal("Waiting for payment", await StateAsync(citizen, reference));

        var paid = await client.PostAsJsonAsync("/api/v1/payments/gateway/notify", genuine);
        var again = await client.PostAsJsonAsync("/api/v1/payments/gateway/notify", genuine);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await DbAsync(db => db.Set<Payment>().CountAsync(p => p.Status == PaymentStatus.Paid)));
        Assert.NotEqual("Waiting for payment", await StateAsync(citizen, reference));
    }

    [Fact]
    public async Task Start_NotSignedIn_SentToSignInAndBack()
    {
        using var visitor = app.Session();
        var service = await visitor.OpenAsync("/services/residence-certificate");

        var started = await visitor.SubmitAsync(service, NoFields, follow: false);

        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        Assert.Contains("/sign-in?ReturnUrl=%2Fservices%2Fresidence-certificate", started.Redirect, StringComparison.Ordinal);
        Assert.False(await DbAsync(db => db.Set<Nara.Cases.Case>().AnyAsync()));
    }

    [Fact]
    public async Task Pages_OtherPeoplesCasesAndUnknownReferences_NotFound()
    {
        using var owner = await app.SignInCitizenAsync();
        var (reference, _) = await owner.FillAsync(app.Blueprint("residence-certificate"));
        using var stranger = await app.SignInCitizenAsync();
        var officerElsewhere = await OfficerAsync("health");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/cases/{reference}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/cases/{reference}/answers/about-you")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/cases/not-a-ref")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/cases/{reference}/answers/no-such-page")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await officerElsewhere.GetAsync($"/office/cases/{reference}")).Status);
        Assert.Contains("No document has this code", (await owner.GetAsync("/verify/AAA-AAA-AAA")).Html, StringComparison.Ordinal);
    }

    private static async Task<string> PostFileAsync(WebSession session, string url, string token, byte[] bytes, string name)
    {
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "proof_of_address_file", name);
        var response = await session.Client.PostAsync(url, content);
        return await response.Content.ReadAsStringAsync();
    }
}
