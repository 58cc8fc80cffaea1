using System.Net;
using Nara.Identity.Contracts;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Identity;

public sealed class StaffSignInTests() : AppTest()
{

    [Fact]
    public async Task SignIn_PasswordThenAuthenticatorCode_ReachesStaffPage()
    {
        var (agencyId, _) = await app.CreateAgencyAsync();
        var officer = await app.CreateStaffAsync(StaffRoles.Officer, agencyId);

        var session = await app.SignInAsync(officer);
        var staff = await session.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.OK, staff.Status);
        Assert.Equal("Staff start page", staff.Title);
    }

    [Fact]
    public async Task SignIn_WrongAuthenticatorCode_RefusedWithMessage()
    {
        var officer = await app.CreateStaffAsync(StaffRoles.Auditor);
        var session = app.Session();
        var next = await session.SubmitAsync(await session.GetAsync("/sign-in/password"), new Dictionary<string, string?> { ["Email"] = officer.Email, ["Password"] = officer.Password });
        var wrong = officer.CurrentCode() == "000000" ? "111111" : "000000";

        var refused = await session.SubmitAsync(next, new Dictionary<string, string?> { ["Code"] = wrong });

        Assert.Contains(refused.Errors, e => e.StartsWith("The code is not right", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/staff")).Status);
    }

    [Fact]
    public async Task SignIn_StaffWithoutSecondFactor_MustSetItUpBeforeAnythingElse()
    {
        var officer = await app.CreateStaffAsync(StaffRoles.Auditor, enrolled: false);
        var session = app.Session();
        await session.SubmitAsync(await session.GetAsync("/sign-in/password"), new Dictionary<string, string?> { ["Email"] = officer.Email, ["Password"] = officer.Password }, follow: false);

        var staffPage = await session.GetAsync("/staff");
        Assert.Equal("/account/two-factor", staffPage.Redirect);

        var setup = await session.GetAsync("/account/two-factor");
        var key = setup.Document.QuerySelector("code.key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp();
        var done = await session.SubmitAsync(setup, new Dictionary<string, string?> { ["Code"] = code });

        Assert.Contains("Your authenticator app is set up", done.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/staff")).Status);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksAccountEvenForRightPassword()
    {
        var officer = await app.CreateStaffAsync(StaffRoles.Auditor);
        var session = app.Session();
        var page = await session.GetAsync("/sign-in/password");
        for (var i = 0; i < 5; i++)
        {
            page = await session.SubmitAsync(page, new Dictionary<string, string?> { ["Email"] = officer.Email, ["Password"] = "wrong-password-" + i });
        }

        Assert.Contains(page.Errors, e => e.StartsWith("Too many failed attempts", StringComparison.Ordinal));
        var right = await session.SubmitAsync(page, new Dictionary<string, string?> { ["Email"] = officer.Email, ["Password"] = officer.Password });

        Assert.Contains(right.Errors, e => e.StartsWith("Too many failed attempts", StringComparison.Ordinal));
        Assert.Null(right.Redirect);
    }

    [Fact]
    public async Task SignIn_CitizenCodeForStaffAddress_Refused()
    {
        var officer = await app.CreateStaffAsync(StaffRoles.Auditor);
        var session = app.Session();
        var codePage = await session.SubmitAsync(await session.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Address"] = officer.Email });
        var code = TestData.CodeIn((await app.Smtp.WaitForAsync(officer.Email)).TextBody ?? "");

        var refused = await session.SubmitAsync(codePage, new Dictionary<string, string?> { ["Code"] = code });

        Assert.Contains(refused.Errors, e => e.StartsWith("This is a staff account", StringComparison.Ordinal));
    }
}
