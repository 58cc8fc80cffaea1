using System.Net;
using System.Net.Http.Headers;
using Nara.Identity.Contracts;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Web;

/// <summary>
/// Every page fits in one round trip on a slow link: HTML plus its stylesheet, as compressed on the wire,
/// at most 14 KB. Measured on real responses, in the languages with the longest text.
/// </summary>
public sealed class PageWeightTests(Xunit.Abstractions.ITestOutputHelper output) : AppTest
{
    public const int Budget = 14 * 1024;

    private static readonly string[] PublicPages = ["/", "/sign-in", "/sign-in/password", "/sign-in/passkey", "/sign-in/set-password", "/api", "/no-such-page", "/access-denied", "/demo/mailbox"];
    private static readonly string[] CitizenPages = ["/account", "/account/tokens", "/account/passkeys"];
    private static readonly string[] StaffPages = ["/staff", "/admin/agencies", "/admin/agencies/edit", "/admin/staff", "/admin/staff/new", "/account/two-factor"];

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ar")]
    [InlineData("ko")]
    public async Task EveryPage_HtmlAndCssCompressed_AtMost14KB(string culture)
    {
        var anonymous = app.Session();
        var citizen = await app.SignInCitizenAsync();
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Administrator));
        var sizes = new List<(string Page, long Bytes)>();
        foreach (var (session, pages) in new[] { (anonymous, PublicPages), (citizen, CitizenPages), (admin, StaffPages) })
        {
            foreach (var page in pages)
            {
                sizes.Add((page, await WeightAsync(session.Client, page, culture)));
            }
        }

        var heaviest = sizes.MaxBy(s => s.Bytes);
        output.WriteLine($"{culture}: heaviest {heaviest.Page} = {heaviest.Bytes} bytes; " + string.Join(", ", sizes.Select(s => $"{s.Page}={s.Bytes}")));
        Assert.True(heaviest.Bytes <= Budget, $"{heaviest.Page} in {culture} weighs {heaviest.Bytes} bytes: " + string.Join(", ", sizes.Select(s => $"{s.Page}={s.Bytes}")));
        Assert.All(sizes, s => Assert.True(s.Bytes > 500, $"{s.Page} looks empty ({s.Bytes} bytes)"));
    }

    /// <summary>Every page, in every shipped language, weighs at most the budget (and is not empty).</summary>
    internal static async Task AssertEveryLanguageAsync(IEnumerable<(HttpClient Client, string Path)> pages, Xunit.Abstractions.ITestOutputHelper output)
    {
        var list = pages.ToList();
        foreach (var culture in new[] { "en", "fr", "es", "ar", "ko" })
        {
            var sizes = new List<(string Page, long Bytes)>();
            foreach (var (client, path) in list)
            {
                sizes.Add((path, await WeightAsync(client, path, culture)));
            }

            var heaviest = sizes.MaxBy(s => s.Bytes);
            output.WriteLine($"{culture}: heaviest {heaviest.Page} = {heaviest.Bytes} bytes; " + string.Join(", ", sizes.Select(s => $"{s.Page}={s.Bytes}")));
            Assert.True(heaviest.Bytes <= Budget, $"{heaviest.Page} in {culture} weighs {heaviest.Bytes} bytes");
            Assert.All(sizes, s => Assert.True(s.Bytes > 500, $"{s.Page} looks empty ({s.Bytes} bytes)"));
        }
    }

    /// <summary>Bytes on the wire for the page and every stylesheet it links, asking for compression like a browser does.</summary>
    internal static async Task<long> WeightAsync(HttpClient client, string path, string culture)
    {
        var (html, htmlBytes) = await FetchAsync(client, path, culture);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        long total = htmlBytes;
        var stylesheets = document.QuerySelectorAll("link[rel=stylesheet]");
        Assert.NotEmpty(stylesheets);
        foreach (var link in stylesheets)
        {
            var (css, bytes) = await FetchAsync(client, link.GetAttribute("href")!, culture);
            Assert.Contains(".button{", css, StringComparison.Ordinal);
            total += bytes;
        }

        Assert.Empty(document.QuerySelectorAll("script[src^='http'], link[href^='http'], img[src^='http']"));
        return total;
    }

    private static async Task<(string Text, long Bytes)> FetchAsync(HttpClient client, string path, string culture)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(culture));
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        var raw = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
        Assert.True(encoding is "br" or "gzip", $"{path} was sent uncompressed");
        await using var decoded = encoding == "br"
            ? (Stream)new System.IO.Compression.BrotliStream(new MemoryStream(raw), System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(new MemoryStream(raw), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(decoded);
        return (await reader.ReadToEndAsync(), raw.LongLength);
    }
}
