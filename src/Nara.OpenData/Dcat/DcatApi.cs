using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Nara.Identity.Contracts;
using Nara.OpenData.Ckan;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.OpenData.Dcat;

/// <summary>
/// The catalogue as DCAT-AP (3.0) in Turtle and JSON-LD: <c>/catalog.ttl|jsonld</c>, 100 datasets a page with
/// Hydra paging links as ckanext-dcat writes them, and each dataset alone at <c>/dataset/{name}.ttl|jsonld</c>.
/// </summary>
internal static class DcatApi
{
    public const int PageSize = 100;

    private static readonly Dictionary<string, string> Prefixes = new(StringComparer.Ordinal)
    {
        ["dcat"] = "http://www.w3.org/ns/dcat#",
        ["dct"] = "http://purl.org/dc/terms/",
        ["foaf"] = "http://xmlns.com/foaf/0.1/",
        ["hydra"] = "http://www.w3.org/ns/hydra/core#",
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        ["spdx"] = "http://spdx.org/rdf/terms#",
        ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
        ["xsd"] = Term.Xsd,
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var dcat = endpoints.MapGroup("").WithTags("DCAT-AP");
        dcat.MapGet("/catalog.ttl", (HttpContext http, int? page, NaraDb db, IAgencyDirectory directory, Catalog catalog, IConfiguration configuration) =>
            CatalogAsync(http, page, "ttl", db, directory, catalog, configuration)).WithSummary("The DCAT-AP catalogue as Turtle, 100 datasets a page (?page=N)");
        dcat.MapGet("/catalog.jsonld", (HttpContext http, int? page, NaraDb db, IAgencyDirectory directory, Catalog catalog, IConfiguration configuration) =>
            CatalogAsync(http, page, "jsonld", db, directory, catalog, configuration)).WithSummary("The DCAT-AP catalogue as JSON-LD, 100 datasets a page (?page=N)");
        dcat.MapGet("/dataset/{name}.ttl", (HttpContext http, string name, NaraDb db, IAgencyDirectory directory, Catalog catalog) =>
            DatasetAsync(http, name, "ttl", db, directory, catalog)).WithSummary("One dataset as DCAT-AP Turtle");
        dcat.MapGet("/dataset/{name}.jsonld", (HttpContext http, string name, NaraDb db, IAgencyDirectory directory, Catalog catalog) =>
            DatasetAsync(http, name, "jsonld", db, directory, catalog)).WithSummary("One dataset as DCAT-AP JSON-LD");
    }

    private static async Task<IResult> CatalogAsync(HttpContext http, int? page, string format, NaraDb db, IAgencyDirectory directory, Catalog catalog, IConfiguration configuration)
    {
        var snapshot = await catalog.GetAsync(db, directory, http.RequestAborted);
        var pages = Math.Max(1, (snapshot.Entries.Count + PageSize - 1) / PageSize);
        if (page is < 1 || page > pages)
        {
            return TypedResults.Problem(statusCode: 404, title: $"The catalogue has pages 1 to {pages}.");
        }

        var number = page ?? 1;
        var site = PublicAddress.Of(http);
        var graph = new Graph(Prefixes);
        var root = Term.Iri($"{site}/catalog");
        var name = configuration["Jurisdiction:Name"] ?? "Republic of Demo";
        graph.Add(root, "rdf:type", Term.Iri(Prefixes["dcat"] + "Catalog"))
            .Add(root, "dct:title", $"Open data of {name}")
            .Add(root, "dct:description", "Datasets published by the public agencies that run Nara, and statistics derived from the platform's own records.")
            .Add(root, "dct:publisher", Term.Iri($"{site}/#publisher"))
            .Add(root, "foaf:homepage", Term.Iri($"{site}/dataset"))
            .Add(root, "dct:language", Term.Iri("http://publications.europa.eu/resource/authority/language/ENG"));
        if (snapshot.Entries.Count > 0)
        {
            graph.Add(root, "dct:modified", Term.DateTime(snapshot.Stamp.Modified));
        }

        graph.Add(Term.Iri($"{site}/#publisher"), "rdf:type", Term.Iri(Prefixes["foaf"] + "Agent")).Add(Term.Iri($"{site}/#publisher"), "foaf:name", name);
        foreach (var entry in snapshot.Entries.Skip((number - 1) * PageSize).Take(PageSize))
        {
            graph.Add(root, "dcat:dataset", DatasetNode(entry, site));
            Describe(graph, entry, site);
        }

        var self = Term.Iri($"{site}/catalog.{format}?page={number}");
        graph.Add(self, "rdf:type", Term.Iri(Prefixes["hydra"] + "PagedCollection"))
            .Add(self, "hydra:totalItems", Term.Integer(snapshot.Entries.Count))
            .Add(self, "hydra:itemsPerPage", Term.Integer(PageSize))
            .Add(self, "hydra:firstPage", Term.Text($"{site}/catalog.{format}?page=1"))
            .Add(self, "hydra:lastPage", Term.Text($"{site}/catalog.{format}?page={pages}"));
        if (number > 1)
        {
            graph.Add(self, "hydra:previousPage", Term.Text($"{site}/catalog.{format}?page={number - 1}"));
        }

        if (number < pages)
        {
            graph.Add(self, "hydra:nextPage", Term.Text($"{site}/catalog.{format}?page={number + 1}"));
        }

        return Write(graph, format);
    }

    private static async Task<IResult> DatasetAsync(HttpContext http, string name, string format, NaraDb db, IAgencyDirectory directory, Catalog catalog)
    {
        var snapshot = await catalog.GetAsync(db, directory, http.RequestAborted);
        if (snapshot.Find(name) is not { } entry || entry.Dataset.Name != name)
        {
            return TypedResults.Problem(statusCode: 404, title: "No published dataset has this name.");
        }

        var graph = new Graph(Prefixes);
        Describe(graph, entry, PublicAddress.Of(http));
        return Write(graph, format);
    }

    private static Term DatasetNode(CatalogEntry entry, string site) => Term.Iri($"{site}/dataset/{entry.Dataset.Name}");

    private static void Describe(Graph graph, CatalogEntry entry, string site)
    {
        var d = entry.Dataset;
        var node = DatasetNode(entry, site);
        var licence = Term.Iri(Vocabularies.LicenceOf(d.LicenseId).Uri);
        graph.Add(node, "rdf:type", Term.Iri(Prefixes["dcat"] + "Dataset"))
            .Add(node, "dct:identifier", entry.Id)
            .Add(node, "dct:title", d.Title)
            .Add(node, "dct:description", d.Notes)
            .Add(node, "dcat:theme", Term.Iri(Vocabularies.ThemeOf(d.Theme).Uri))
            .Add(node, "dct:accrualPeriodicity", Term.Iri(Vocabularies.FrequencyUri(d.Frequency)))
            .Add(node, "dct:issued", Term.DateTime(d.PublishedAt ?? d.CreatedAt))
            .Add(node, "dct:modified", Term.DateTime(d.ModifiedAt))
            .Add(node, "dcat:landingPage", Term.Iri($"{site}/dataset/{d.Name}"));
        foreach (var tag in entry.Tags)
        {
            graph.Add(node, "dcat:keyword", tag);
        }

        if (entry.Publisher is { } publisher)
        {
            var agent = Term.Iri($"{site}/organization/{publisher.Code}");
            graph.Add(node, "dct:publisher", agent)
                .Add(agent, "rdf:type", Term.Iri(Prefixes["foaf"] + "Agent"))
                .Add(agent, "foaf:name", publisher.Name);
        }
        else
        {
            graph.Add(node, "dct:publisher", Term.Iri($"{site}/#publisher"));
        }

        if (d.TemporalStart is not null || d.TemporalEnd is not null)
        {
            var period = Term.Blank($"period-{d.Id:N}");
            graph.Add(node, "dct:temporal", period)
                .Add(period, "rdf:type", Term.Iri(Prefixes["dct"] + "PeriodOfTime"))
                .Add(period, "dcat:startDate", d.TemporalStart is { } from ? Term.Date(from) : null)
                .Add(period, "dcat:endDate", d.TemporalEnd is { } to ? Term.Date(to) : null);
        }

        foreach (var resource in entry.Resources)
        {
            var distribution = Term.Iri($"{site}/dataset/{d.Name}/resource/{resource.Id:D}");
            var download = Term.Iri(CkanDicts.DownloadUrl(entry, resource, site));
            var checksum = Term.Blank($"checksum-{resource.Id:N}");
            var uploaded = resource.FeedPath is null;
            graph.Add(node, "dcat:distribution", distribution)
                .Add(distribution, "rdf:type", Term.Iri(Prefixes["dcat"] + "Distribution"))
                .Add(distribution, "dct:title", resource.Name)
                .Add(distribution, "dct:description", resource.Description.Length > 0 ? resource.Description : null)
                .Add(distribution, "dcat:accessURL", download)
                .Add(distribution, "dcat:downloadURL", download)
                .Add(distribution, "dct:format", Term.Iri(Vocabularies.FormatUri(resource.Format)))
                .Add(distribution, "dcat:mediaType", Term.Iri($"http://www.iana.org/assignments/media-types/{Vocabularies.MediaType(resource.Format)}"))
                .Add(distribution, "dct:license", licence)
                .Add(distribution, "dct:modified", Term.DateTime(resource.ModifiedAt));
            // Only an uploaded file has a fixed size and checksum; a derived one is made afresh when downloaded.
            if (uploaded)
            {
                graph.Add(distribution, "dcat:byteSize", Term.Integer(resource.Size))
                    .Add(distribution, "spdx:checksum", checksum)
                    .Add(checksum, "rdf:type", Term.Iri(Prefixes["spdx"] + "Checksum"))
                    .Add(checksum, "spdx:algorithm", Term.Iri(Prefixes["spdx"] + "checksumAlgorithm_sha256"))
                    .Add(checksum, "spdx:checksumValue", Term.Typed(resource.Sha256, "xsd:hexBinary"));
            }
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Write(Graph graph, string format) => format == "ttl"
        ? TypedResults.Text(graph.ToTurtle(), "text/turtle; charset=utf-8")
        : TypedResults.Text(graph.ToJsonLd(), "application/ld+json; charset=utf-8");
}
