using Microsoft.Playwright;

namespace Nara.Tests.Browser;

/// <summary>The sign-in journeys work in a browser with JavaScript turned off.</summary>
public sealed class NoJavaScriptTests(BrowserFixture browser) : BrowserTest(browser)
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

    [Fact]
    public async Task VoteInParticipatoryBudgetAndCommentOnDraft_JavaScriptOff()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await fixture.SignInCitizenAsync(page, "lea@citizen.example");

        // The demo's voting process: verify, fill the cart past the budget (refused, with the total), fix it, cast.
        await page.GotoAsync("/budgets/1/verify");
        await page.FillAsync("#NationalId", "DEMO-0002");
        await page.FillAsync("#BirthDate", "1990-01-01");
        await page.ClickAsync("form[action*='handler=Census'] button[type=submit]");
        await page.GotoAsync("/budgets/1/ballot");
        foreach (var box in await page.Locator("input[name=choice]").AllAsync())
        {
            await box.CheckAsync();
        }

        await page.ClickAsync("button[formaction]");
        var overBudget = await page.Locator(".error-summary li").AllTextContentsAsync();
        await page.Locator("input[name=choice]").First.UncheckAsync();
        await page.ClickAsync("button[formaction]");
        var total = await page.Locator("main p[role=status]").TextContentAsync();
        await page.ClickAsync("main button[type=submit]:not([formaction])");
        var cast = await page.Locator(".banner-success").TextContentAsync();

        // The demo's open consultation: agree with a paragraph and comment on it.
        await page.GotoAsync("/consultations/1/paragraphs/6");
        await page.ClickAsync("button[name=agrees][value=true]");
        await page.FillAsync("#Text", "Please publish the readings in Arabic and French too.");
        await page.ClickAsync("form[action*='handler=Comment'] button[type=submit]");

        Assert.Contains(overBudget, e => e.Contains("more than the budget of 45,000 DMD", StringComparison.Ordinal));
        Assert.Contains("32,000 DMD of 45,000 DMD", total, StringComparison.Ordinal);
        Assert.Contains("Your ballot is stored.", cast, StringComparison.Ordinal);
        Assert.Contains("Please publish the readings in Arabic and French too.", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains("You agree.", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyForResidenceCertificate_JavaScriptOff_IssuedAndVerified()
    {
        var page = await fixture.NewPageAsync(javaScript: false);
        await fixture.SignInCitizenAsync(page, "omar@citizen.example");

        await page.GotoAsync("/services?q=residence");
        await page.ClickAsync("a[href='/services/residence-certificate']");
        await page.ClickAsync("main form button[type=submit]");
        await BrowserFixture.ExpectUrlAsync(page, "**/answers/about-you");
        await page.FillAsync("#full_name", "Omar Farouk");
        await page.FillAsync("#national_id", "987654321");
        await page.FillAsync("#phone", "+233 20 000 0009");
        await page.ClickAsync("main form button.button:not(.button-secondary)");
        await BrowserFixture.ExpectUrlAsync(page, "**/answers/your-address");
        await page.FillAsync("#address", "7 Harbour Road");
        await page.SelectOptionAsync("#region", "north");
        await page.FillAsync("#years_at_address", "4");
        await page.CheckAsync("#occupancy-1");
        await page.ClickAsync("main form button.button:not(.button-secondary)");
        await BrowserFixture.ExpectUrlAsync(page, "**/answers/proof");
        await page.SetInputFilesAsync("#proof_of_address_file", new FilePayload { Name = "bill.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await page.ClickAsync("main form button.button:not(.button-secondary)");
        await BrowserFixture.ExpectUrlAsync(page, "**/answers/declaration-page");
        await page.CheckAsync("#declaration-0");
        await page.ClickAsync("main form button.button:not(.button-secondary)");
        await BrowserFixture.ExpectUrlAsync(page, "**/check");
        Assert.Contains("7 Harbour Road", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await page.ClickAsync("main form button[type=submit]");
        await BrowserFixture.ExpectUrlAsync(page, "**/submitted");
        var reference = (await page.TextContentAsync(".key"))!.Trim();
        await page.GotoAsync($"/cases/{reference}");
        await page.ClickAsync("a[href^='/verify/']");

        Assert.Contains("Valid", await page.TextContentAsync(".banner"), StringComparison.Ordinal);
        Assert.Contains("Omar Farouk", await page.TextContentAsync("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignAndConfirmPetition_StartOne_JavaScriptOff()
    {
        var visitor = await fixture.NewPageAsync(javaScript: false);
        var email = $"nojs-{Guid.NewGuid():N}@test.example";
        await visitor.GotoAsync("/petitions");
        await visitor.ClickAsync("main .cards a >> nth=0");
        var title = (await visitor.TextContentAsync("h1"))!.Trim();
        await visitor.FillAsync("#name", "Kwame Boateng");
        await visitor.FillAsync("#email", email);
        await visitor.SelectOptionAsync("#region", "east");
        await visitor.CheckAsync("#declaration");
        await visitor.ClickAsync("form[action*='handler=Sign'] button[type=submit]");
        await BrowserFixture.ExpectUrlAsync(visitor, "**/check-email");
        var message = await fixture.App.Smtp.WaitForAsync(email);
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+/petitions/confirm/\S+").Value;
        await visitor.GotoAsync(new Uri(link).PathAndQuery);
        await visitor.ClickAsync("main form button[type=submit]");

        Assert.Equal("Your signature is confirmed", (await visitor.TextContentAsync("h1"))!.Trim());
        Assert.Contains(title, await visitor.TextContentAsync("main"), StringComparison.Ordinal);
        Assert.Equal(1, await visitor.Locator("a[href^='/api/v1/log/receipts/']").CountAsync());

        var citizen = await fixture.NewPageAsync(javaScript: false);
        await fixture.SignInCitizenAsync(citizen, "lea@citizen.example");
        await citizen.GotoAsync("/petitions/new");
        await citizen.FillAsync("#Title", "Solar lamps for the night market " + Guid.NewGuid().ToString("N")[..6]);
        await citizen.FillAsync("#Action", "Install solar lamps along the night market.");
        await citizen.FillAsync("#Background", "Traders work in the dark after 7 pm.");
        await citizen.ClickAsync("main form button[type=submit]");
        await BrowserFixture.ExpectUrlAsync(citizen, "**/petitions/mine?created=*");

        Assert.Equal(1, await citizen.Locator("main input[id^='link-'][readonly]").CountAsync());
    }
}
