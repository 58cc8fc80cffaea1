using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nara.Bench;

/// <summary>
/// Prepares a running demo Nara for the case benchmarks (bench/cases.sh): signs the demo citizen in through the
/// pages, creates a read-write API token, and fills in N residence-certificate applications through the API,
/// ready to submit, and 1,000 more that it submits (for the case-page reads). Writes the token and both lists of
/// references to files for wrk.
/// </summary>
internal static partial class CasesLoad
{
    public static async Task RunAsync(string baseUrl, int count, string folder)
    {
        var cookies = new CookieContainer();
        using var web = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = new Uri(baseUrl) };
        const string citizen = "amina@citizen.example";
        var signIn = await web.GetStringAsync("/sign-in");
        var codePage = await PostFormAsync(web, "/sign-in", signIn, new() { ["Address"] = citizen });
        var mailbox = await web.GetStringAsync("/demo/mailbox");
        var code = SixDigits().Match(mailbox[mailbox.IndexOf(citizen, StringComparison.Ordinal)..]).Value;
        await PostFormAsync(web, codePage.Url, codePage.Html, new() { ["Code"] = code });
        var tokens = await web.GetStringAsync("/account/tokens");
        var created = await PostFormAsync(web, "/account/tokens?handler=Create", tokens, new() { ["Name"] = "benchmark", ["Scopes"] = "read", ["Days"] = "30" }, extra: ("Scopes", "write"));
        var token = TokenKey().Match(created.Html).Groups[1].Value;
        if (token.Length == 0)
        {
            throw new InvalidOperationException("No token was shown: " + created.Html[..Math.Min(500, created.Html.Length)]);
        }

        using var api = new HttpClient { BaseAddress = new Uri(baseUrl) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var references = new string[count];
        var next = -1;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                references[i] = await DraftAsync(api, i);
            }
        }));
        // The case pages the read benchmark opens: 1,000 more applications, submitted here (not timed).
        var submitted = new string[1000];
        next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < submitted.Length; i = Interlocked.Increment(ref next))
            {
                submitted[i] = await DraftAsync(api, count + i);
                (await api.PostAsync($"/api/v1/cases/{submitted[i]}/submit", null)).EnsureSuccessStatusCode();
            }
        }));
        Directory.CreateDirectory(folder);
        await File.WriteAllLinesAsync(Path.Combine(folder, "submitted"), submitted);
        await File.WriteAllTextAsync(Path.Combine(folder, "token"), token);
        await File.WriteAllTextAsync(Path.Combine(folder, "cookie"), cookies.GetCookieHeader(new Uri(baseUrl)));
        await File.WriteAllLinesAsync(Path.Combine(folder, "references"), references);
        Console.WriteLine($"{count} drafts ready in {watch.Elapsed.TotalSeconds:F1} s; token and references in {folder}");
    }

    private static async Task<string> DraftAsync(HttpClient api, int i)
    {
        var created = await api.PostAsJsonAsync("/api/v1/cases", new { blueprint = "residence-certificate" });
        created.EnsureSuccessStatusCode();
        var reference = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
        await PutAsync(api, reference, "about-you", new { full_name = $"Bench Resident {i}", national_id = "123456789", phone = "+233200000001" });
        await PutAsync(api, reference, "your-address", new { address = $"{i} Benchmark Street", region = "capital", years_at_address = 0, occupancy = "tenant" });
        await PutAsync(api, reference, "declaration-page", new { declaration = true });
        return reference;
    }

    private static async Task PutAsync(HttpClient api, string reference, string page, object answers)
    {
        var response = await api.PutAsJsonAsync($"/api/v1/cases/{reference}/answers/{page}", answers);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{reference}/{page}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<(string Url, string Html)> PostFormAsync(HttpClient web, string url, string formPage, Dictionary<string, string> fields, (string, string)? extra = null)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", Antiforgery().Match(formPage).Groups[1].Value));
        if (extra is { } pair)
        {
            values.Add(new(pair.Item1, pair.Item2));
        }

        var response = await web.PostAsync(url, new FormUrlEncodedContent(values));
        return (response.RequestMessage!.RequestUri!.PathAndQuery, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex("<code class=\"key\">([^<]+)</code>")]
    private static partial Regex TokenKey();
}
