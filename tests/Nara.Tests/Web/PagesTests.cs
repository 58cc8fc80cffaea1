using System.Net;
using System.Net.Http.Headers;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Web;

public sealed class PagesTests() : AppTest()
{

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("ko", "ltr")]
    [InlineData("fr", "ltr")]
    [InlineData("es", "ltr")]
    [InlineData("en", "ltr")]
    public async Task Home_AcceptLanguage_PageInThatLanguageAndDirection(string culture, string direction)
    {
        var session = app.Session();
        session.AcceptLanguage = culture;

        var page = await session.GetAsync("/");

        Assert.Equal(culture, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(direction, page.Document.DocumentElement.GetAttribute("dir"));
        if (culture != "en")
        {
            Assert.NotEqual("Public services, participation and information", page.Title);
        }
    }

    [Fact]
    public async Task LanguageLink_WithoutJavaScript_SwitchesAndIsRemembered()
    {
        var session = app.Session();
        session.AcceptLanguage = "en";
        var home = await session.GetAsync("/sign-in");
        var link = home.Document.QuerySelector("a[hreflang='ar']")!.GetAttribute("href")!;

        var switched = await session.OpenAsync(link);
        var later = await session.GetAsync("/");

        Assert.EndsWith("/sign-in", switched.Url, StringComparison.Ordinal);
        Assert.Equal("ar", switched.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", later.Document.DocumentElement.GetAttribute("dir"));
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task LanguageLink_ForeignReturnAddress_StaysOnSite(string returnUrl)
    {
        var response = await app.Session().Client.GetAsync($"/language/fr?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("fr", null)]
    public async Task UnknownPage_LocalizedNotFound(string culture, string? title)
    {
        var session = app.Session();
        session.AcceptLanguage = culture;

        var page = await session.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(culture, page.Document.DocumentElement.GetAttribute("lang"));
        if (title is not null)
        {
            Assert.Equal(title, page.Title);
        }
        else
        {
            Assert.NotEqual("Page not found", page.Title);
            Assert.NotEmpty(page.Title);
        }
    }

    [Fact]
    public async Task UnknownApiRoute_ProblemDetails()
    {
        var response = await app.Session().Client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AnyPage_SecurityHeaders()
    {
        var response = await app.Session().Client.GetAsync("/");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_RefusedWithClearPageNot500()
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Address"] = "someone@test.example" });

        var response = await app.Session().Client.PostAsync("/sign-in", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Something in the request was not right", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInCodeEndpoint_FloodFromOneAddress_429()
    {
        var session = app.Session();
        var form = await session.GetAsync("/sign-in");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            var page = await session.SubmitAsync(form, new Dictionary<string, string?> { ["Address"] = $"flood{i}@test.example" }, follow: false);
            statuses.Add(page.Status);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        var client = app.Session().Client;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DocumentAndReferencePage_DescribeTheApi()
    {
        var session = app.Session();

        var document = await session.Client.GetStringAsync("/openapi/v1.json");
        var reference = await session.GetAsync("/api");

        Assert.Contains("/api/v1/me", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/agencies", reference.Document.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokensPage_FrenchCulture_DatesFormattedTheFrenchWay()
    {
        var session = await app.SignInCitizenAsync();
        session.AcceptLanguage = "fr";
        var page = await session.SubmitAsync(await session.GetAsync("/account/tokens"),
            new Dictionary<string, string?> { ["Name"] = "Script", ["Scopes"] = "read", ["Days"] = "30" }, "form[action*='Create']");

        var expires = page.Document.QuerySelector("tbody td:nth-child(3)")!.TextContent;

        Assert.Matches(@"^\d{2}/\d{2}/\d{4}$", expires);
    }

    [Theory]
    [InlineData("multipart/form-data", "--no-boundary--")]
    [InlineData("application/x-www-form-urlencoded", "%%%=%%%&&&")]
    [InlineData("application/json", "{not json")]
    [InlineData("text/plain", "")]
    public async Task Post_MalformedBodies_NeverA500(string contentType, string body)
    {
        var session = app.Session();
        var form = await session.GetAsync("/sign-in");
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        using var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sign-in") { Content = content };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await session.Client.SendAsync(request);

        Assert.True((int)response.StatusCode is >= 200 and < 500, $"{contentType}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Post_HugeField_RefusedOrHandledNever500()
    {
        var session = app.Session();
        var form = await session.GetAsync("/sign-in");

        var page = await session.SubmitAsync(form, new Dictionary<string, string?> { ["Address"] = new string('a', 200_000) + "@x.org" }, follow: false);

        Assert.True((int)page.Status is >= 200 and < 500, $"{(int)page.Status}");
    }
}
