using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Nara.Identity.Demo;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Browser;

/// <summary>
/// The demo served by Kestrel on a loopback port, and Debian's Chromium driven by Playwright.
/// Chromium comes from PLAYWRIGHT_CHROMIUM_EXECUTABLE or /usr/bin/chromium; without it these tests fail.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // Every browser signs in from 127.0.0.1; the per-address sign-in limit is tested elsewhere.
    public NaraApp App { get; } = new NaraApp().With("demo", "true").With("Identity:SignInRequestsPerAddress", "10000");

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    private readonly List<IBrowserContext> contexts = [];

    private IPlaywright? playwright;

    public async Task InitializeAsync()
    {
        var port = SmtpSink.FreePort();
        App.UseKestrel(port);
        await App.InitializeAsync();
        App.StartServer();
        // "localhost", not an IP address: WebAuthn refuses IP addresses as relying-party ids.
        BaseUrl = $"http://localhost:{port}";

        var chromium = Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE") ?? "/usr/bin/chromium";
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }

    /// <summary>A page in a browser context of its own (its own cookies), closed when the test ends.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, string locale = "en")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript, Locale = locale, BaseURL = BaseUrl });
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Closes the contexts the last test opened. Left open, every page of every test stayed alive in Chromium: after
    /// half an hour the browser process alone used more CPU than the tests it served.
    /// </summary>
    public async Task CloseContextsAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        contexts.Clear();
    }

    /// <summary>Waits for a page; on timeout, says where the browser is and what it shows.</summary>
    public static async Task ExpectUrlAsync(IPage page, string glob)
    {
        try
        {
            await page.WaitForURLAsync(glob, new PageWaitForURLOptions { Timeout = 45_000 });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Expected {glob}, but the browser is at {page.Url}: {await page.TextContentAsync("main")}");
        }
    }

    /// <summary>Signs a demo citizen in through the pages, reading the code from the loopback SMTP server.</summary>
    public async Task SignInCitizenAsync(IPage page, string email)
    {
        var before = App.Smtp.Messages.Count;
        await page.GotoAsync("/sign-in");
        await page.FillAsync("#Address", email);
        await page.ClickAsync("main button[type=submit]");
        // The demo also writes to its citizens (about their petitions and cases): take the new message with a code.
        var message = await App.Smtp.WaitForAsync(email, m => App.Smtp.Messages.ToList().IndexOf(m) >= before && TestData.CodeIn(m.TextBody ?? "").Length == 6);
        await page.FillAsync("#Code", TestData.CodeIn(message.TextBody ?? ""));
        await page.ClickAsync("main button[type=submit]");
        await ExpectUrlAsync(page, "**/account");
    }

    /// <summary>Signs demo staff in: password, then the current code of their authenticator.</summary>
    public async Task SignInStaffAsync(IPage page, string email)
    {
        await page.GotoAsync("/sign-in/password");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", IdentityDemo.StaffPassword);
        await page.ClickAsync("main button[type=submit]");
        await ExpectUrlAsync(page, "**/sign-in/two-factor");
        var keys = await IdentityDemo.AuthenticatorKeysAsync(App.Services.CreateScope().ServiceProvider);
        var key = keys.Single(k => k.Email == email).Key;
        await page.FillAsync("#Code", new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.ClickAsync("main button[type=submit]");
        await ExpectUrlAsync(page, "**/staff");
    }
}

/// <summary>A test in the browser collection: the tests run one at a time, and each closes the pages it opened.</summary>
[Collection(BrowserTests.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    // Lower case on purpose, like AppTest's app: test bodies read "fixture.NewPageAsync()".
    protected BrowserFixture fixture { get; } = fixture;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => fixture.CloseContextsAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
