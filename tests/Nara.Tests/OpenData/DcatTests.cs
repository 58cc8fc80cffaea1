using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.OpenData;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.OpenData;

/// <summary>The DCAT-AP catalogue in JSON-LD and Turtle, paged, and each dataset alone.</summary>
public sealed class DcatTests : AppTest
{
    [Fact]
    public async Task Catalog_PagedByHundred_EveryDatasetOnceWithDistributionsAndPublisher()
    {
        var (agency, _) = await app.CreateAgencyAsync("Statistics Office");
        await app.CreateDatasetAsync(agency, "census-tables");
        await app.WithScopeAsync(async sp =>
        {
            // 104 more published datasets, written directly: the catalogue only reads them.
            var db = sp.GetRequiredService<NaraDb>();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 104; i++)
            {
                db.Add(new Dataset { Id = Guid.NewGuid(), Name = $"bulk-{i:D3}", Title = $"Bulk {i}", Notes = "n", AgencyId = agency, LicenseId = "cc-zero", Theme = "SOCI", Frequency = "ANNUAL", State = Dataset.Published, CreatedAt = now, ModifiedAt = now });
            }

            await db.SaveChangesAsync();
            return 0;
        });
        // The platform's derived datasets (applications, petitions) are listed too.
        await OpenDataModule.RefreshDerivedDatasetsAsync(app.Services, default);
        var derived = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<Dataset>().CountAsync(d => d.Feed != null));
        var client = app.Session().Client;

        var first = JsonDocument.Parse(await client.GetStringAsync("/catalog.jsonld")).RootElement;
        var second = JsonDocument.Parse(await client.GetStringAsync("/catalog.jsonld?page=2")).RootElement;
        var beyond = await client.GetAsync("/catalog.jsonld?page=3");
        var turtle = await client.GetAsync("/catalog.ttl?page=2");

        var datasets = Nodes(first, "dcat:Dataset").Concat(Nodes(second, "dcat:Dataset")).Select(n => n.GetProperty("@id").GetString()!).ToList();
        Assert.Equal(105 + derived, datasets.Count);
        Assert.Equal(datasets.Count, datasets.Distinct().Count());
        Assert.Equal(100, Nodes(first, "dcat:Dataset").Count());
        var paging = Nodes(first, "hydra:PagedCollection").Single();
        Assert.Equal($"{105 + derived}", paging.GetProperty("hydra:totalItems")[0].GetProperty("@value").GetString());
        Assert.EndsWith("/catalog.jsonld?page=2", paging.GetProperty("hydra:nextPage")[0].GetProperty("@value").GetString(), StringComparison.Ordinal);
        var census = Nodes(second, "dcat:Dataset").Single(n => n.GetProperty("@id").GetString()!.EndsWith("/dataset/census-tables", StringComparison.Ordinal));
        var distribution = census.GetProperty("dcat:distribution")[0].GetProperty("@id").GetString();
        var described = Nodes(second, "dcat:Distribution").Single(n => n.GetProperty("@id").GetString() == distribution);
        Assert.Equal("http://publications.europa.eu/resource/authority/file-type/CSV", described.GetProperty("dct:format")[0].GetProperty("@id").GetString());
        Assert.Contains("/download/census-tables.csv", described.GetProperty("dcat:downloadURL")[0].GetProperty("@id").GetString(), StringComparison.Ordinal);
        var publisher = census.GetProperty("dct:publisher")[0].GetProperty("@id").GetString();
        Assert.Equal("Statistics Office", second.GetProperty("@graph").EnumerateArray().Single(n => n.GetProperty("@id").GetString() == publisher).GetProperty("foaf:name")[0].GetProperty("@value").GetString());
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Equal("text/turtle", turtle.Content.Headers.ContentType!.MediaType);
        Assert.Contains("hydra:previousPage", await turtle.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dataset_TurtleEscapesText_AndUnknownOrDraftIs404()
    {
        var (agency, _) = await app.CreateAgencyAsync();
        await app.CreateDatasetAsync(agency, "quoted", title: "The \"best\" data", notes: "Line one\nLine two \\ backslash");
        await app.CreateDatasetAsync(agency, "unpublished", publish: false);
        var client = app.Session().Client;

        var turtle = await client.GetStringAsync("/dataset/quoted.ttl");
        var jsonld = JsonDocument.Parse(await client.GetStringAsync("/dataset/quoted.jsonld")).RootElement;
        var draft = await client.GetAsync("/dataset/unpublished.ttl");
        var unknown = await client.GetAsync("/dataset/nothing.jsonld");

        Assert.Contains("dct:title \"The \\\"best\\\" data\"", turtle, StringComparison.Ordinal);
        Assert.Contains("dct:description \"Line one\\nLine two \\\\ backslash\"", turtle, StringComparison.Ordinal);
        Assert.Contains("dcat:theme <http://publications.europa.eu/resource/authority/data-theme/HEAL>", turtle, StringComparison.Ordinal);
        Assert.Equal("The \"best\" data", Nodes(jsonld, "dcat:Dataset").Single().GetProperty("dct:title")[0].GetProperty("@value").GetString());
        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement document, string type) =>
        document.GetProperty("@graph").EnumerateArray().Where(n => n.TryGetProperty("@type", out var types) && types.EnumerateArray().Any(t => t.GetString() == type));
}
