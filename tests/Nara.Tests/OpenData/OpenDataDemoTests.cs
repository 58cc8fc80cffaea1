using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;
using Nara.Transparency.Log;

namespace Nara.Tests.OpenData;

/// <summary>The demo's open data — published datasets and derived statistics — and what must never be in them.</summary>
public sealed class OpenDataDemoTests : AppTest
{
    // The demo's people: names, email addresses, phone numbers, national ids and addresses given in their applications and signatures.
    private static readonly string[] PersonalData =
    [
        "Amina", "Kwame Boateng", "Léa Dubois", "Omar Farouk", "amina@citizen.example", "lea@citizen.example", "omar@citizen.example", "+23320000001", "23320000001",
        "+23320000099", "202410000", "202410001", "Independence Avenue", "Demo signer", "signer1@demo.example", "@demo.example", "Adjoa Mensah", "Chen Wei",
    ];

    [Fact]
    public async Task Demo_DatasetsFromSeveralAgenciesAndDerivedStatistics_NoPersonalDataInDatasetsOrLog()
    {
        await Nara.Web.Demo.DemoData.SeedAsync(app.Services, default);
        var client = app.Session().Client;

        var packages = (await client.GetFromJsonAsync<JsonElement>("/api/3/action/package_search?rows=1000")).GetProperty("result").GetProperty("results").EnumerateArray().ToList();
        var published = new StringBuilder();
        foreach (var resource in packages.SelectMany(p => p.GetProperty("resources").EnumerateArray()))
        {
            var response = await client.GetAsync(new Uri(resource.GetProperty("url").GetString()!).PathAndQuery);
            Assert.True(response.IsSuccessStatusCode, resource.GetProperty("url").GetString());
            published.AppendLine(await response.Content.ReadAsStringAsync());
        }

        published.AppendLine(await client.GetStringAsync("/catalog.ttl"));
        var log = await app.WithScopeAsync(async sp => await sp.GetRequiredService<NaraDb>().Set<LogEntry>().Select(e => e.Data).ToListAsync());
        var logText = string.Join('\n', log.Select(Encoding.UTF8.GetString));
        var applications = await client.GetStringAsync("/data/applications-by-month.csv");

        Assert.True(packages.Select(p => p.GetProperty("organization").ValueKind == JsonValueKind.Object ? p.GetProperty("organization").GetProperty("name").GetString() : null).OfType<string>().Distinct().Count() >= 2);
        Assert.Contains(packages, p => p.GetProperty("name").GetString() == "applications");
        Assert.Contains(packages, p => p.GetProperty("name").GetString() == "petitions");
        Assert.StartsWith("Service,Agency,Month,Received,Decided,Withdrawn,Open,Overdue,DecidedOnTimePercent,MedianDays,Percentile90Days", applications, StringComparison.Ordinal);
        Assert.Contains(",<5,", applications, StringComparison.Ordinal);
        Assert.Contains("open-data.dataset-published.v1", logText, StringComparison.Ordinal);
        foreach (var personal in PersonalData)
        {
            Assert.DoesNotContain(personal, published.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(personal, logText, StringComparison.Ordinal);
        }
    }
}
