using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Nara.Tests.Browser;

/// <summary>
/// Crawls every page reachable in the demo as a visitor, a citizen, an officer, an administrator, an auditor and a moderator, in English
/// and Arabic, and runs axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules on each: zero violations allowed.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser)
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    // Links that act rather than show (sign out, switch language) are left out of the crawl.
    private static readonly string[] Skip = ["/sign-out", "/language/", "/openapi/", "/health/", "/api/", "/schemas/"];

    // The crawls meet the same public pages again and again: a page whose title and main content another persona's crawl
    // already checked in this language is not checked again. Each persona's home page always is, so that its own header
    // and menus are; anything that differs in the main content (a moderator's buttons, a citizen's own forms) is too.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Language, string Fingerprint), byte> CrawlChecked = new();

    [Theory]
    [InlineData("visitor", "en")]
    [InlineData("visitor", "ar")]
    [InlineData("citizen", "en")]
    [InlineData("citizen", "ar")]
    [InlineData("officer", "en")]
    [InlineData("officer", "ar")]
    [InlineData("administrator", "en")]
    [InlineData("administrator", "ar")]
    [InlineData("auditor", "en")]
    [InlineData("auditor", "ar")]
    [InlineData("moderator", "en")]
    [InlineData("moderator", "ar")]
    public async Task EveryReachablePage_Axe_NoViolations(string persona, string language)
    {
        var page = await fixture.NewPageAsync();
        switch (persona)
        {
            case "citizen":
                await fixture.SignInCitizenAsync(page, "amina@citizen.example");
                break;
            case "officer":
                await fixture.SignInStaffAsync(page, "officer.registry@demo.example");
                break;
            case "administrator":
                await fixture.SignInStaffAsync(page, "admin@demo.example");
                break;
            case "auditor":
                await fixture.SignInStaffAsync(page, "auditor@demo.example");
                break;
            case "moderator":
                await fixture.SignInStaffAsync(page, "moderator@demo.example");
                break;
        }

        await page.GotoAsync($"/language/{language}?returnUrl=/");
        var violations = new List<string>();
        var visited = await CrawlAsync(page, async path =>
        {
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
            if (path != "/" && !CrawlChecked.TryAdd((language, await FingerprintAsync(page)), 0))
            {
                return;
            }

            var result = await AxeAsync(page);
            violations.AddRange(result.Violations.Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        });

        output.WriteLine($"{persona}/{language}: {visited.Count} pages: {string.Join(", ", visited)}");
        Assert.True(visited.Count >= 3, "The crawl found too few pages");
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task OpenDataAndPerformancePages_AsVisitorAndPublishingOfficer_Axe_NoViolations(string language)
    {
        var visitor = await fixture.NewPageAsync();
        var officer = await fixture.NewPageAsync();
        await fixture.SignInStaffAsync(officer, "officer.health@demo.example");
        var violations = new List<string>();
        foreach (var page in new[] { visitor, officer })
        {
            await page.GotoAsync($"/language/{language}?returnUrl=/");
        }

        await visitor.GotoAsync("/dataset/health-facilities");
        var preview = await visitor.Locator("a[href*='/resource/']:not([download])").First.GetAttributeAsync("href");
        await officer.GotoAsync("/publish/datasets");
        var draft = await officer.Locator("main table a").First.GetAttributeAsync("href");
        foreach (var (page, path) in new[] { (visitor, "/dataset"), (visitor, "/dataset?q=health&organization=health"), (visitor, "/dataset/health-facilities"), (visitor, preview!),
                     (visitor, "/dataset/petitions"), (visitor, "/performance"), (visitor, "/petitions/performance"), (officer, "/publish/datasets"), (officer, "/publish/datasets/new"), (officer, draft!) })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
            if (path != "/" && !CrawlChecked.TryAdd((language, await FingerprintAsync(page)), 0))
            {
                return;
            }

            var result = await AxeAsync(page);
            violations.AddRange(result.Violations.Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task BudgetAndConsultationPages_AsVisitorResidentAdministratorAndOfficer_Axe_NoViolations(string language)
    {
        var visitor = await fixture.NewPageAsync();
        var voter = await fixture.NewPageAsync();
        var administrator = await fixture.NewPageAsync();
        var officer = await fixture.NewPageAsync();
        await fixture.SignInCitizenAsync(voter, "amina@citizen.example");
        await fixture.SignInStaffAsync(administrator, "admin@demo.example");
        await fixture.SignInStaffAsync(officer, "officer.city@demo.example");
        foreach (var page in new[] { visitor, voter, administrator, officer })
        {
            await page.GotoAsync($"/language/{language}?returnUrl=/");
        }

        var violations = new List<string>();
        async Task CheckAsync(IPage page, string what)
        {
            Assert.Equal(language == "ar" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
            var result = await AxeAsync(page);
            violations.AddRange(result.Violations.Select(v => $"{what}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        // The demo's first process is voting; its second is finished, with results and milestones.
        await visitor.GotoAsync("/budgets/2");
        var funded = await visitor.Locator("main tbody a").First.GetAttributeAsync("href");
        foreach (var path in new[] { "/budgets", "/budgets/1", "/budgets/1/projects/1", "/budgets/2", funded! })
        {
            Assert.Equal(200, (await visitor.GotoAsync(path))!.Status);
            await CheckAsync(visitor, path);
        }

        // A resident verifies (a wrong date first: the error state), sees the cart's total and an over-budget error, and casts.
        await voter.GotoAsync("/budgets/1/verify");
        if (await voter.Locator("#NationalId").CountAsync() > 0)
        {
            await voter.FillAsync("#NationalId", "DEMO-0001");
            await voter.FillAsync("#BirthDate", "1991-01-01");
            await voter.ClickAsync("form[action*='handler=Census'] button[type=submit]");
            await CheckAsync(voter, "verify with an error");
            await voter.FillAsync("#NationalId", "DEMO-0001");
            await voter.FillAsync("#BirthDate", "1990-01-01");
            await voter.ClickAsync("form[action*='handler=Census'] button[type=submit]");
        }

        await voter.GotoAsync("/budgets/1/ballot");
        await CheckAsync(voter, "ballot");
        foreach (var box in await voter.Locator("input[name=choice]").AllAsync())
        {
            await box.CheckAsync();
        }

        await voter.ClickAsync("button[formaction]");
        Assert.Equal(1, await voter.Locator(".error-summary li").CountAsync());
        await CheckAsync(voter, "ballot over budget");
        await voter.Locator("input[name=choice]").Last.UncheckAsync();
        await voter.Locator("input[name=choice]").Nth(1).UncheckAsync();
        await voter.ClickAsync("main button[type=submit]:not([formaction])");
        await CheckAsync(voter, "ballot cast");
        foreach (var path in new[] { "/budgets/1/propose", "/budgets/1/verify" })
        {
            await voter.GotoAsync(path);
            await CheckAsync(voter, path);
        }

        await administrator.GotoAsync("/office/budgets/2");
        var report = await administrator.Locator("main ul.list a").First.GetAttributeAsync("href");
        foreach (var (page, path) in new[] { (administrator, "/office/budgets"), (administrator, "/office/budgets/new"), (administrator, "/office/budgets/1"), (administrator, "/office/budgets/import"), (officer, "/office/budgets/1/projects/1"), (officer, report!) })
        {
            Assert.Equal(200, (await page.GotoAsync(path))!.Status);
            await CheckAsync(page, path);
        }

        await administrator.GotoAsync("/office/budgets/new");
        await administrator.ClickAsync("main button[type=submit]");
        await CheckAsync(administrator, "new process with errors");

        // Consultations: the demo's open draft (1) and its answered by-law (2), as a visitor, a resident and the agency.
        foreach (var path in new[] { "/consultations", "/consultations/1", "/consultations/1/paragraphs/4", "/consultations/2/report" })
        {
            Assert.Equal(200, (await visitor.GotoAsync(path))!.Status);
            await CheckAsync(visitor, path);
        }

        await voter.GotoAsync("/consultations/1/paragraphs/4");
        await CheckAsync(voter, "paragraph with forms");
        await voter.ClickAsync("form[action*='handler=Comment'] button[type=submit]");
        await CheckAsync(voter, "comment with an error");
        await voter.GotoAsync("/consultations/1/paragraphs/4");
        await voter.Locator("a[href^='?reply=']").First.ClickAsync();
        await CheckAsync(voter, "reply form");
        foreach (var path in new[] { "/office/consultations", "/office/consultations/new", "/office/consultations/1", "/office/consultations/2" })
        {
            Assert.Equal(200, (await officer.GotoAsync(path))!.Status);
            await CheckAsync(officer, path);
        }

        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public async Task FormWithErrors_Axe_NoViolations()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.FillAsync("#Address", "not an address");
        await page.ClickAsync("main button[type=submit]");

        var result = await AxeAsync(page);

        Assert.Equal(1, await page.Locator(".error-summary li").CountAsync());
        Assert.Empty(result.Violations);
    }

    // axe-core's own run in the page (the library's "legacy" run): its default run opens and closes a second page for
    // every check to merge results across frames, and Nara's pages have no frames. Only violations are reported in
    // full; the rules that passed, could not tell or did not apply are each summarised, not listed node by node.
    // The library marks this run obsolete ("being removed in the future"); if it goes, evaluate axe.run in the page.
#pragma warning disable CS0618
    private static Task<AxeResult> AxeAsync(IPage page) =>
        page.RunAxeLegacy(options: new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
            Iframes = false,
            ResultTypes = [ResultType.Violations],
        });
#pragma warning restore CS0618

    // The title and the main element, less the per-session antiforgery tokens.
    private static Task<string> FingerprintAsync(IPage page) =>
        page.EvaluateAsync<string>("""
            () => {
              const main = document.querySelector('main')?.cloneNode(true);
              main?.querySelectorAll('input[type=hidden]').forEach(i => i.removeAttribute('value'));
              return document.title + '\n' + (main?.outerHTML ?? document.body.outerHTML);
            }
            """);

    private static async Task<List<string>> CrawlAsync(IPage page, Func<string, Task> check)
    {
        var queue = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var visited = new List<string>();
        while (queue.Count > 0 && visited.Count < 60)
        {
            var path = queue.Dequeue();
            var response = await page.GotoAsync(path);
            Assert.NotEqual(500, response?.Status);
            if (response?.Headers.GetValueOrDefault("content-type")?.StartsWith("text/html", StringComparison.Ordinal) != true)
            {
                continue;
            }

            visited.Add(path);
            await check(path);
            foreach (var href in await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.filter(a => !a.hasAttribute('download')).map(a => a.getAttribute('href'))"))
            {
                // Downloads (certificates, CSV) are not pages: they carry the download attribute, and are skipped above.
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !Skip.Any(s => href.StartsWith(s, StringComparison.Ordinal))
                    && !href.Contains("/certificate/", StringComparison.Ordinal) && !href.Contains("handler=Document", StringComparison.Ordinal) && seen.Add(href))
                {
                    queue.Enqueue(href);
                }
            }
        }

        return visited;
    }
}
