using Microsoft.Playwright;
using Nara.Identity.Contracts;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Browser;

/// <summary>Passkeys end to end, with Chromium's virtual WebAuthn authenticator standing in for a phone.</summary>
public sealed class PasskeyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Passkey_RegisteredByStaff_SignsInWithoutPasswordOrCode()
    {
        var (agencyId, _) = await fixture.App.CreateAgencyAsync();
        var login = await fixture.App.CreateStaffAsync(StaffRoles.Officer, agencyId);
        var page = await fixture.NewPageAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/sign-in/password");
        await page.FillAsync("#Email", login.Email);
        await page.FillAsync("#Password", login.Password);
        await page.ClickAsync("main form:not([data-passkey]) button[type=submit]");
        await page.FillAsync("#Code", login.CurrentCode());
        await page.ClickAsync("main button[type=submit]");
        await BrowserFixture.ExpectUrlAsync(page, "**/staff");

        await page.GotoAsync("/account/passkeys");
        await page.FillAsync("#Name", "Virtual phone");
        await page.ClickAsync("form[data-passkey] button");
        await BrowserFixture.ExpectUrlAsync(page, "**/account/passkeys?added=*");
        Assert.Contains("Virtual phone", await page.TextContentAsync("table"), StringComparison.Ordinal);

        await page.GotoAsync("/sign-out");
        await page.ClickAsync("main button[type=submit]");
        await page.GotoAsync("/sign-in/password");
        await page.ClickAsync("form[data-passkey] button");
        await BrowserFixture.ExpectUrlAsync(page, "**/staff");

        Assert.Equal("Staff start page", await page.TextContentAsync("h1"));
    }

    [Fact]
    public async Task PasskeyForm_JavaScriptOff_ExplainsInsteadOfOfferingAButtonThatCannotWork()
    {
        var page = await fixture.NewPageAsync(javaScript: false);

        await page.GotoAsync("/sign-in/password");

        Assert.True(await page.Locator("form[data-passkey] .passkey-unavailable").IsVisibleAsync());
        Assert.False(await page.Locator("form[data-passkey] button").IsVisibleAsync());
    }
}
