using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>
/// Applies for a service through the pages the way a person without JavaScript does: Start, each question page
/// (files sent as multipart), check your answers, send. Answers come from the blueprint with sensible values,
/// overridden per field where a test needs something particular.
/// </summary>
internal static class CaseDriver
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    public static Blueprint Blueprint(this NaraApp app, string id) => app.Services.GetRequiredService<BlueprintCatalog>().CurrentOf(id)!;

    /// <summary>Starts an application and answers every page; returns the reference and the check-your-answers page.</summary>
    public static async Task<(string Reference, WebSession.PageResult Check)> FillAsync(this WebSession session, Blueprint blueprint, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var service = await session.OpenAsync($"/services/{blueprint.Id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, service.Status);
        var page = await session.SubmitAsync(service, new Dictionary<string, string?>());
        return await session.AnswerAllAsync(page, blueprint, overrides);
    }

    /// <summary>Answers every question page from the first one shown, as an applicant or an agent helping one.</summary>
    public static async Task<(string Reference, WebSession.PageResult Check)> AnswerAllAsync(this WebSession session, WebSession.PageResult page, Blueprint blueprint, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var reference = page.Url.Split('/')[2];
        for (var guard = 0; guard < 20 && page.Url.Contains("/answers/", StringComparison.Ordinal); guard++)
        {
            var before = page.Url;
            page = await session.AnswerPageAsync(page, blueprint, overrides ?? new Dictionary<string, string>());
            Assert.True(page.Url != before, $"Stuck on {before}: {string.Join("; ", page.Errors)}");
        }

        Assert.EndsWith("/check", page.Url, StringComparison.Ordinal);
        return (reference, page);
    }

    public static async Task<WebSession.PageResult> AnswerPageAsync(this WebSession session, WebSession.PageResult page, Blueprint blueprint, IReadOnlyDictionary<string, string> overrides)
    {
        var form = page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No form on {page.Url} ({page.Status}): {page.Html[..Math.Min(page.Html.Length, 3000)]}");
        using var content = new MultipartFormDataContent();
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            var (name, isFile) = element switch
            {
                IHtmlInputElement { Type: "file" } f => (f.Name, true),
                IHtmlInputElement { Type: not ("submit" or "button") } i => (i.Name, false),
                IHtmlSelectElement s => (s.Name, false),
                IHtmlTextAreaElement t => (t.Name, false),
                _ => (null, false),
            };
            if (string.IsNullOrEmpty(name) || !given.Add(name))
            {
                continue;
            }

            if (name == "__RequestVerificationToken")
            {
                content.Add(new StringContent(((IHtmlInputElement)element).Value), name);
                continue;
            }

            var path = System.Text.RegularExpressions.Regex.Replace(name, @"\[\d+\]", "");
            var field = blueprint.AllFields().FirstOrDefault(f => f.Path == path).Field;
            if (field is null)
            {
                continue;
            }

            if (isFile)
            {
                if (!overrides.TryGetValue(name, out var skip) || skip != "none")
                {
                    var file = new ByteArrayContent(Pdf);
                    file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
                    content.Add(file, name, "document.pdf");
                }

                continue;
            }

            var value = overrides.TryGetValue(name, out var v) ? v : ValueFor(field);
            if (value.Length > 0)
            {
                content.Add(new StringContent(value), name);
            }
        }

        // Extra items of a repeating group that the page does not show yet are sent as the "Add another" rows would be.
        foreach (var (group, index) in overrides.Keys.Select(k => System.Text.RegularExpressions.Regex.Match(k, @"^([a-z0-9_]+)\[(\d+)\]\.")).Where(m => m.Success)
                     .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Distinct())
        {
            var spec = blueprint.FindField(group);
            if (spec is null || given.Contains($"{group}[{index}].{spec.Fields[0].Id}") || !page.Html.Contains($"name=\"{group}[0]", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var child in spec.Fields)
            {
                var key = $"{group}[{index}].{child.Id}";
                content.Add(new StringContent(overrides.TryGetValue(key, out var v) ? v : ValueFor(child)), key);
            }
        }

        var response = await session.Client.PostAsync(page.Url, content);
        var result = await WebSession.PageResult.ReadAsync(page.Url, response);
        return result.Redirect is null ? result : await session.OpenAsync(result.Redirect);
    }

    public static string ValueFor(FieldSpec field) => field.Type switch
    {
        FieldTypes.Number => ((int)Math.Max(field.Min ?? 1, 1)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldTypes.Money => "1000",
        FieldTypes.Date => "2020-01-15",
        FieldTypes.Choice or FieldTypes.MultiChoice => field.Options[0].Value,
        FieldTypes.YesNo => "true",
        FieldTypes.Email => "someone@test.example",
        FieldTypes.Phone => "+233200000001",
        FieldTypes.Region => "capital",
        FieldTypes.LongText => "A few words of explanation.",
        _ when field.Pattern is { } pattern => Matching(pattern),
        _ => "Test answer",
    };

    private static string Matching(string pattern) => pattern switch
    {
        "^[0-9]{9}$" => "123456789",
        "^[0-9]{10}$" => "1234567890",
        _ when pattern.StartsWith("^[0-9]{6}", StringComparison.Ordinal) => "090111",
        _ => throw new InvalidOperationException($"Give the test a value matching {pattern}"),
    };

    /// <summary>Pays a case's fee through the gateway simulator: choose online, confirm on the gateway, return with its signed notification.</summary>
    public static async Task<WebSession.PageResult> PayOnlineAsync(this WebSession session, string reference)
    {
        var pay = await session.OpenAsync($"/cases/{reference}/pay");
        var gateway = await session.SubmitAsync(pay, new Dictionary<string, string?>(), "#pay-online");
        Assert.StartsWith("/payments/gateway/", gateway.Url, StringComparison.Ordinal);
        var accepted = await session.SubmitAsync(gateway, new Dictionary<string, string?>());
        return await session.SubmitAsync(accepted, new Dictionary<string, string?>());
    }

    /// <summary>Takes a workflow action from the case page the session sees (applicant's or officer's).</summary>
    public static async Task<WebSession.PageResult> ActAsync(this WebSession session, string casePage, string action, string? comment = null)
    {
        var page = await session.OpenAsync(casePage);
        var form = page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "action" && i.Value == action));
        Assert.True(form is not null, $"No \"{action}\" on {casePage}; the page offers: {string.Join(", ", page.Document.QuerySelectorAll("input[name=action]").Select(i => ((IHtmlInputElement)i).Value))}");
        form.Id = "act-" + action;
        return await session.SubmitAsync(page, new Dictionary<string, string?> { ["comment"] = comment }, $"#act-{action}");
    }
}
