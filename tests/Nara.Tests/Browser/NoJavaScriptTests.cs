namespace Nara.Tests.Browser;

/// <summary>The sign-in journeys work in a browser with JavaScript turned off.</summary>
[Collection(BrowserTests.Name)]
public sealed class NoJavaScriptTests(BrowserFixture fixture)
{
    [Fact]
    public async Task CitizenSignIn_JavaScriptOff_Completes()
    {
        var page = await fixture.NewPageAsync(javaScript: false);

        await fixture.SignInCitizenAsync(page, "lea@citizen.example");

        Assert.Equal("lea@citizen.example", await page.TextContentAsync(".summary dd"));
    }

    [Fact]
    public async Task StaffSignIn_JavaScriptOff_Completes()
    {
        var page = await fixture.NewPageAsync(javaScript: false);

        await fixture.SignInStaffAsync(page, "officer.city@demo.example");

        Assert.Contains("/staff", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("a[href='/staff/agencies/capital-city']").CountAsync());
    }

    [Fact]
    public async Task LanguageSwitch_JavaScriptOff_ArabicRightToLeft()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await page.GotoAsync("/");

        await page.ClickAsync("a[hreflang='ar']");

        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
    }
}
