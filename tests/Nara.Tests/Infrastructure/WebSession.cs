using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Nara.Tests.Infrastructure;

/// <summary>
/// Uses Nara the way a browser without JavaScript does: GET a page, fill its form (keeping hidden fields and
/// the antiforgery token), POST, follow the redirect, read the HTML.
/// </summary>
public sealed class WebSession(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client => client;

    public string? AcceptLanguage
    {
        set
        {
            client.DefaultRequestHeaders.AcceptLanguage.Clear();
            if (value is not null)
            {
                client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(value);
            }
        }
    }

    public async Task<PageResult> GetAsync(string url)
    {
        var response = await client.GetAsync(url);
        return await PageResult.ReadAsync(url, response);
    }

    /// <summary>GET, following redirects within the site.</summary>
    public async Task<PageResult> OpenAsync(string url)
    {
        var page = await GetAsync(url);
        for (var hops = 0; page.Redirect is not null && hops < 5; hops++)
        {
            page = await GetAsync(page.Redirect);
        }

        return page;
    }

    /// <summary>Submits the page's form (the first, or the one matching <paramref name="formSelector"/>) with the given fields changed.</summary>
    public async Task<PageResult> SubmitAsync(PageResult page, IDictionary<string, string?> fields, string? formSelector = null, bool follow = true)
    {
        var form = (IHtmlFormElement?)(formSelector is null
            ? page.Document.QuerySelectorAll("main form").FirstOrDefault(f => ((IHtmlFormElement)f).Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            : page.Document.QuerySelector(formSelector))
            ?? throw new InvalidOperationException($"No form on {page.Url}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button"):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked && !fields.ContainsKey(input.Name))
                        {
                            values.Add(new(input.Name, input.Value));
                        }
                    }
                    else if (!fields.ContainsKey(input.Name))
                    {
                        values.Add(new(input.Name, input.Value));
                    }

                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name):
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
            }
        }

        foreach (var (key, value) in fields)
        {
            if (value is not null)
            {
                values.Add(new(key, value));
            }
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : action;
        using var content = new FormUrlEncodedContent(values);
        var response = await client.PostAsync(target, content);
        var result = await PageResult.ReadAsync(target, response);
        if (follow && result.Redirect is not null)
        {
            return await OpenAsync(result.Redirect);
        }

        return result;
    }

    /// <summary>Submits a multipart form (selected by <paramref name="formSelector"/>) with its hidden fields, the given fields and one file.</summary>
    public async Task<PageResult> UploadAsync(PageResult page, string formSelector, IDictionary<string, string> fields, string fileField, string fileName, byte[] content, string contentType = "text/csv")
    {
        var form = (IHtmlFormElement?)page.Document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on {page.Url}");
        using var body = new MultipartFormDataContent();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name)))
        {
            body.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        foreach (var (key, value) in fields)
        {
            body.Add(new StringContent(value), key);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        body.Add(file, fileField, fileName);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : action;
        var result = await PageResult.ReadAsync(target, await client.PostAsync(target, body));
        return result.Redirect is not null ? await OpenAsync(result.Redirect) : result;
    }

    public void Dispose() => client.Dispose();

    public sealed record PageResult(string Url, HttpStatusCode Status, IHtmlDocument Document, string? Redirect, string Html)
    {
        public string Title => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";

        public IReadOnlyList<string> Errors => [.. Document.QuerySelectorAll(".error-summary li").Select(e => e.TextContent.Trim())];

        public static async Task<PageResult> ReadAsync(string url, HttpResponseMessage response)
        {
            var html = await response.Content.ReadAsStringAsync();
            var location = response.Headers.Location;
            var redirect = (int)response.StatusCode is >= 300 and < 400 && location is not null
                ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString)
                : null;
            return new(url, response.StatusCode, Parser.ParseDocument(html), redirect, html);
        }
    }
}
