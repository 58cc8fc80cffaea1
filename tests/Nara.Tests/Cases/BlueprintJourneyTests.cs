using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>Each shipped blueprint completed end to end through the pages, without JavaScript, through its branches.</summary>
public sealed class BlueprintJourneyTests : JourneyTest
{
    private static readonly Dictionary<string, string?> NoFields = [];

    [Fact]
    public async Task BirthRegistration_LateWithInformationRequest_PaidOnlineRegisteredAndCertificateVerifies()
    {
        var email = $"{TestData.Unique("parent")}@test.example";
        using var citizen = await app.SignInCitizenAsync(email);
        var (reference, check) = await citizen.FillAsync(app.Blueprint("birth-registration"), new Dictionary<string, string> { ["registration_timing"] = "late", ["child_name"] = "Kofi Mensah" });

        var pay = await citizen.SubmitAsync(check, NoFields);
        Assert.EndsWith($"/cases/{reference}/pay", pay.Url, StringComparison.Ordinal);
        Assert.Contains("2,000.00 XOF", pay.Html, StringComparison.Ordinal);
        var paid = await citizen.PayOnlineAsync(reference);
        Assert.EndsWith("/submitted", paid.Url, StringComparison.Ordinal);

        var officer = await OfficerAsync("civil-registry");
        await officer.ActAsync($"/office/cases/{reference}", "start-review");
        await officer.ActAsync($"/office/cases/{reference}", "request-information", "Please upload a clearer birth notification.");
        Assert.Equal("Waiting for more information", await StateAsync(citizen, reference));
        await citizen.ActAsync($"/cases/{reference}", "send-information", "Here it is, scanned again.");
        await officer.ActAsync($"/office/cases/{reference}", "register");

        var code = await CertificateCodeAsync(citizen, reference);
        await AssertVerifiesAsync(code, "Kofi Mensah");
        var mail = await app.Smtp.WaitForAsync(email, m => m.TextBody?.Contains("Please upload a clearer", StringComparison.Ordinal) == true);
        Assert.Contains(reference, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BusinessLicence_AppliedByAgentPaidAtCounter_InspectedApprovedAndAssistedShown()
    {
        var agent = await StaffAsync("agent", "capital-city");
        var desk = await agent.OpenAsync("/desk");
        var address = $"{TestData.Unique("walk-in")}@test.example";
        var first = await agent.SubmitAsync(desk, new Dictionary<string, string?> { ["Address"] = address, ["Name"] = "Yaw Darko", ["Service"] = "business-licence", ["Consent"] = "true" }, "#apply-for-someone");
        var (reference, check) = await agent.AnswerAllAsync(first, app.Blueprint("business-licence"), new Dictionary<string, string> { ["business_activity"] = "food" });
        var pay = await agent.SubmitAsync(check, NoFields);
        var counter = await agent.SubmitAsync(pay, NoFields, "#pay-counter");
        Assert.Contains("35,000.00 XOF", counter.Html, StringComparison.Ordinal);

        desk = await agent.OpenAsync("/desk");
        var wrong = await agent.SubmitAsync(desk, new Dictionary<string, string?> { ["Reference"] = reference, ["Amount"] = "25000", ["Receipt"] = "R-1" }, "#record-payment");
        Assert.Contains(wrong.Errors, e => e.Contains("35,000.00", StringComparison.Ordinal));
        var recorded = await agent.SubmitAsync(wrong, new Dictionary<string, string?> { ["Reference"] = reference, ["Amount"] = "35000", ["Receipt"] = "R-1" }, "#record-payment");
        Assert.Contains(reference, recorded.Document.QuerySelector(".banner-success")!.TextContent, StringComparison.Ordinal);

        var officer = await OfficerAsync("capital-city");
        var officerView = await officer.OpenAsync($"/office/cases/{reference}");
        Assert.Contains("Assisted application", officerView.Html, StringComparison.Ordinal);
        await officer.ActAsync($"/office/cases/{reference}", "start-document-check");
        await officer.ActAsync($"/office/cases/{reference}", "schedule-inspection", "Inspection on Monday at 10:00.");
        await officer.ActAsync($"/office/cases/{reference}", "record-inspection", "Kitchen clean, fire extinguisher present.");
        var supervisor = await SupervisorAsync("capital-city");
        await supervisor.ActAsync($"/office/cases/{reference}", "approve");

        var code = await CertificateCodeAsync(agent, reference);
        await AssertVerifiesAsync(code, "Small business licence");
        await app.Smtp.WaitForAsync(address);
    }

    [Fact]
    public async Task BuildingPermit_TwoAgenciesInSequenceWithInformationRequests_PermitIssued()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("building-permit"));
        await citizen.SubmitAsync(check, NoFields);
        await citizen.PayOnlineAsync(reference);

        var planning = await OfficerAsync("capital-city");
        await planning.ActAsync($"/office/cases/{reference}", "request-planning-information", "Show the distance to the boundary.");
        await citizen.ActAsync($"/cases/{reference}", "send-planning-information", "3 metres on every side.");
        await planning.ActAsync($"/office/cases/{reference}", "send-to-health-review");
        var planningQueue = await planning.OpenAsync("/office/capital-city");
        Assert.DoesNotContain(reference, planningQueue.Html, StringComparison.Ordinal);

        var health = await OfficerAsync("health");
        Assert.Contains(reference, (await health.OpenAsync("/office/health")).Html, StringComparison.Ordinal);
        await health.ActAsync($"/office/cases/{reference}", "request-health-information", "Where does the waste water go?");
        await citizen.ActAsync($"/cases/{reference}", "send-health-information", "To a septic tank, plan attached.");
        await health.ActAsync($"/office/cases/{reference}", "clear-health-review");
        var supervisor = await SupervisorAsync("capital-city");
        await supervisor.ActAsync($"/office/cases/{reference}", "issue-permit");

        await AssertVerifiesAsync(await CertificateCodeAsync(citizen, reference), "Building permit");
    }

    [Fact]
    public async Task SocialAssistance_HouseholdMembersAndHomeVisit_EnrolledWithoutFee()
    {
        using var citizen = await app.SignInCitizenAsync();
        var blueprint = app.Blueprint("social-assistance");
        var (reference, check) = await citizen.FillAsync(blueprint, new Dictionary<string, string>
        {
            ["household_members[0].name"] = "Esi Mensah",
            ["household_members[1].name"] = "Kojo Mensah",
            ["household_members[1].relation"] = blueprint.FindField("household_members")!.Fields.Single(f => f.Id == "relation").Options[^1].Value,
        });
        Assert.Contains("Kojo Mensah", check.Html, StringComparison.Ordinal);
        var sent = await citizen.SubmitAsync(check, NoFields);
        Assert.EndsWith("/submitted", sent.Url, StringComparison.Ordinal);

        var officer = await OfficerAsync("social-welfare");
        await officer.ActAsync($"/office/cases/{reference}", "start-assessment");
        await officer.ActAsync($"/office/cases/{reference}", "plan-home-visit", "Visit on Thursday.");
        await officer.ActAsync($"/office/cases/{reference}", "send-for-decision", "Household of 3, no income: eligible.");
        await (await SupervisorAsync("social-welfare")).ActAsync($"/office/cases/{reference}", "approve-enrolment");

        await AssertVerifiesAsync(await CertificateCodeAsync(citizen, reference), "Social assistance enrolment");
    }

    [Fact]
    public async Task CustomsImport_DutyFromGoodsLinesPaidInspectedReleased()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("customs-import"), new Dictionary<string, string>
        {
            ["importer_is_diplomatic"] = "false",
            ["goods[0].value"] = "1000",
            ["goods[1].description"] = "Solar panels",
            ["goods[1].hs_code"] = "854140",
            ["goods[1].quantity"] = "4",
            ["goods[1].value"] = "2500",
        });
        var pay = await citizen.SubmitAsync(check, NoFields);
        Assert.Contains("5,350.00 XOF", pay.Html, StringComparison.Ordinal);
        await citizen.PayOnlineAsync(reference);

        var officer = await OfficerAsync("revenue");
        await officer.ActAsync($"/office/cases/{reference}", "start-assessment");
        await officer.ActAsync($"/office/cases/{reference}", "order-inspection", "Random inspection.");
        await officer.ActAsync($"/office/cases/{reference}", "send-for-decision");
        await (await SupervisorAsync("revenue")).ActAsync($"/office/cases/{reference}", "release");

        await AssertVerifiesAsync(await CertificateCodeAsync(citizen, reference), "Customs release note");
    }

    [Fact]
    public async Task CustomsImport_DiplomaticImporter_ExemptAndLodgedWithoutPaying()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("customs-import"), new Dictionary<string, string> { ["importer_is_diplomatic"] = "true" });
        Assert.Contains("You pay nothing", check.Html, StringComparison.Ordinal);

        var sent = await citizen.SubmitAsync(check, NoFields);

        Assert.EndsWith("/submitted", sent.Url, StringComparison.Ordinal);
        Assert.Contains(reference, (await (await OfficerAsync("revenue")).OpenAsync("/office/revenue")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficialMemo_DraftedReturnedResubmittedApprovedByDirector_Filed()
    {
        var author = await OfficerAsync("revenue");
        var service = await author.OpenAsync("/services/official-memo");
        var first = await author.SubmitAsync(service, NoFields);
        var (reference, check) = await author.AnswerAllAsync(first, app.Blueprint("official-memo"), new Dictionary<string, string> { ["subject"] = "Opening hours during the festival" });
        await author.SubmitAsync(check, NoFields);

        var head = await SupervisorAsync("revenue");
        await head.ActAsync($"/office/cases/{reference}", "return-for-changes", "Add the dates.");
        await author.ActAsync($"/cases/{reference}", "resubmit", "Dates added.");
        await head.ActAsync($"/office/cases/{reference}", "send-to-director");
        var director = await StaffAsync("director", "revenue");
        await director.ActAsync($"/office/cases/{reference}", "approve");

        await AssertVerifiesAsync(await CertificateCodeAsync(author, reference), "Opening hours during the festival");
    }
}
