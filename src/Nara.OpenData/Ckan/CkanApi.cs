using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nara.Identity.Contracts;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.OpenData.Ckan;

/// <summary>
/// The read side of CKAN's Action API (version 3), so CKAN clients and harvesters work unchanged: the same action
/// names and parameters, GET or POST (JSON or form), the <c>{help, success, result}</c> envelope and CKAN's error
/// envelope and status codes. Written here because CKAN is a Python application; ADR 0010 says why.
/// </summary>
internal static class CkanApi
{
    private static readonly string[] Extensions = ["dcat"];

    private delegate Task<object?> Action(Call call);

    private sealed record Call(Dictionary<string, string> Parameters, CatalogSnapshot Catalog, string Site, DateTimeOffset Now);

    private static readonly Dictionary<string, Action> Actions = new(StringComparer.Ordinal)
    {
        ["package_list"] = PackageList,
        ["package_show"] = PackageShow,
        ["package_search"] = PackageSearchAction,
        ["organization_list"] = OrganizationList,
        ["organization_show"] = OrganizationShow,
        ["group_list"] = GroupList,
        ["tag_list"] = TagList,
        ["resource_show"] = ResourceShow,
        ["status_show"] = StatusShow,
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var prefix in new[] { "/api/3/action", "/api/action" })
        {
            endpoints.MapMethods(prefix + "/{action}", [HttpMethods.Get, HttpMethods.Post], HandleAsync)
                .WithTags("CKAN Action API").WithSummary("CKAN Action API (read side): package_list, package_show, package_search, organization_list, organization_show, group_list, tag_list, resource_show, status_show")
                .DisableAntiforgery();
        }
    }

    private static async Task HandleAsync(string action, HttpContext http, NaraDb db, IAgencyDirectory directory, Catalog catalog, TimeProvider clock)
    {
        var site = PublicAddress.Of(http);
        var help = $"{site}/api/3/action/help_show?name={Uri.EscapeDataString(action)}";
        if (!Actions.TryGetValue(action, out var run))
        {
            await WriteAsync(http, 400, help, false, new { __type = "Bad request", message = $"Bad request - Action name not known: {action}" });
            return;
        }

        Dictionary<string, string> parameters;
        try
        {
            parameters = await ReadParametersAsync(http);
        }
        catch (JsonException)
        {
            await WriteAsync(http, 400, help, false, new { __type = "Bad request", message = "Bad request - JSON Error: the request body is not a JSON object" });
            return;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            await WriteAsync(http, 400, help, false, new { __type = "Bad request", message = "Bad request - the request body could not be read" });
            return;
        }

        var snapshot = await catalog.GetAsync(db, directory, http.RequestAborted);
        try
        {
            var result = await run(new Call(parameters, snapshot, site, clock.GetUtcNow()));
            await WriteAsync(http, 200, help, true, result);
        }
        catch (NotFoundException)
        {
            await WriteAsync(http, 404, help, false, new { __type = "Not Found Error", message = "Not found" });
        }
        catch (ValidationException invalid)
        {
            var error = new Dictionary<string, object> { ["__type"] = "Validation Error", [invalid.Field] = new[] { invalid.Message } };
            await WriteAsync(http, 409, help, false, error);
        }
        catch (SearchQueryException bad)
        {
            await WriteAsync(http, 400, help, false, new { __type = "Search Query Error", message = $"Search Query is invalid: {bad.Message}" });
        }
    }

    private static Task WriteAsync(HttpContext http, int status, string help, bool success, object? payload)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "public, max-age=10";
        http.Response.Headers.AccessControlAllowOrigin = "*";
        object body = success ? new { help, success, result = payload } : new { help, success, error = payload };
        return http.Response.WriteAsJsonAsync(body, http.RequestAborted);
    }

    private static async Task<Dictionary<string, string>> ReadParametersAsync(HttpContext http)
    {
        var parameters = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return parameters;
        }

        if (http.Request.HasFormContentType)
        {
            foreach (var (key, value) in await http.Request.ReadFormAsync(http.RequestAborted))
            {
                parameters[key] = value.ToString();
            }

            return parameters;
        }

        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return parameters;
        }

        using var body = JsonDocument.Parse(text);
        if (body.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException();
        }

        foreach (var property in body.RootElement.EnumerateObject())
        {
            parameters[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return parameters;
    }

    private static Task<object?> PackageList(Call call)
    {
        var names = call.Catalog.Entries.Select(e => e.Dataset.Name);
        return Task.FromResult<object?>(Page(names, call).ToList());
    }

    private static Task<object?> PackageShow(Call call) =>
        Task.FromResult<object?>(CkanDicts.Package(call.Catalog.Find(Required(call, "id")) ?? throw new NotFoundException(), call.Site));

    private static Task<object?> ResourceShow(Call call)
    {
        var id = Required(call, "id");
        foreach (var entry in call.Catalog.Entries)
        {
            if (entry.Resources.FirstOrDefault(r => r.Id.ToString("D") == id.Trim()) is { } resource)
            {
                return Task.FromResult<object?>(CkanDicts.Resource(entry, resource, call.Site));
            }
        }

        throw new NotFoundException();
    }

    private static Task<object?> PackageSearchAction(Call call)
    {
        var rows = Math.Min(Integer(call, "rows", 10), 1000);
        var start = Integer(call, "start", 0);
        var facetFields = call.Parameters.TryGetValue("facet.field", out var facets) && !string.IsNullOrWhiteSpace(facets) ? StringList(facets, "facet.field") : [];
        var facetLimit = Integer(call, "facet.limit", 50);
        var found = PackageSearch.Search(call.Catalog, call.Parameters.GetValueOrDefault("q"), call.Parameters.GetValueOrDefault("fq"), call.Parameters.GetValueOrDefault("sort"),
            rows, start, facetFields, facetLimit < 0 ? int.MaxValue : facetLimit, call.Now);
        var searchFacets = found.Facets.ToDictionary(f => f.Key, f => new
        {
            title = f.Key,
            items = f.Value.Select(v => new { name = v.Name, display_name = DisplayName(call.Catalog, f.Key, v.Name), count = v.Count }).ToList(),
        });
        return Task.FromResult<object?>(new
        {
            count = found.Count,
            sort = call.Parameters.GetValueOrDefault("sort") ?? "score desc, metadata_modified desc",
            facets = found.Facets.ToDictionary(f => f.Key, f => f.Value.ToDictionary(v => v.Name, v => v.Count)),
            search_facets = searchFacets,
            results = found.Results.Select(e => CkanDicts.Package(e, call.Site)).ToList(),
        });
    }

    private static string DisplayName(CatalogSnapshot catalog, string field, string value) => field switch
    {
        "organization" => catalog.Agency(value)?.Name ?? value,
        "groups" => Vocabularies.Themes.FirstOrDefault(t => t.Group == value)?.Title ?? value,
        "license_id" => Vocabularies.LicenceOf(value).Title,
        _ => value,
    };

    private static Task<object?> OrganizationList(Call call)
    {
        var counts = Counts(call.Catalog, "organization");
        var organizations = Sorted(call.Catalog.Agencies, a => a.Code, a => a.Name, call);
        return Task.FromResult<object?>(Bool(call, "all_fields")
            ? Page(organizations, call).Select(a => CkanDicts.Organization(a, counts.GetValueOrDefault(a.Code))).ToList()
            : Page(organizations.Select(a => a.Code), call).ToList());
    }

    private static Task<object?> OrganizationShow(Call call)
    {
        var agency = call.Catalog.Agency(Required(call, "id").Trim()) ?? throw new NotFoundException();
        var datasets = call.Catalog.Entries.Where(e => e.Publisher?.Id == agency.Id).ToList();
        var organization = CkanDicts.Organization(agency, datasets.Count);
        if (Bool(call, "include_datasets"))
        {
            organization["packages"] = datasets.Take(1000).Select(e => CkanDicts.Package(e, call.Site)).ToList();
        }

        organization["users"] = Array.Empty<object>();
        return Task.FromResult<object?>(organization);
    }

    private static Task<object?> GroupList(Call call)
    {
        var counts = Counts(call.Catalog, "groups");
        var groups = Sorted(Vocabularies.Themes.Where(t => counts.ContainsKey(t.Group)), t => t.Group, t => t.Title, call);
        return Task.FromResult<object?>(Bool(call, "all_fields")
            ? Page(groups, call).Select(t => CkanDicts.Group(t, counts[t.Group])).ToList()
            : Page(groups.Select(t => t.Group), call).ToList());
    }

    private static Task<object?> TagList(Call call)
    {
        var query = call.Parameters.GetValueOrDefault("query");
        var tags = call.Catalog.Entries.SelectMany(e => e.Tags).Distinct().Where(t => string.IsNullOrEmpty(query) || t.Contains(query, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        return Task.FromResult<object?>(Bool(call, "all_fields") ? tags.Select(CkanDicts.Tag).ToList() : tags);
    }

    private static Task<object?> StatusShow(Call call) => Task.FromResult<object?>(new
    {
        site_title = "Nara",
        site_url = call.Site,
        site_description = "Open data published by the agencies that run Nara",
        // The Action API version Nara speaks (the read side of CKAN 2.10's), for clients that check it.
        ckan_version = "2.10.0",
        error_emails_to = (string?)null,
        locale_default = "en",
        extensions = Extensions,
    });

    private static Dictionary<string, int> Counts(CatalogSnapshot catalog, string field) =>
        catalog.Entries.SelectMany(e => PackageSearch.ValuesOf(e, field)).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());

    private static IEnumerable<T> Sorted<T>(IEnumerable<T> items, Func<T, string> name, Func<T, string> title, Call call)
    {
        var sort = call.Parameters.GetValueOrDefault("sort") ?? "name asc";
        var ordered = sort.StartsWith("title", StringComparison.Ordinal) ? items.OrderBy(title, StringComparer.Ordinal) : items.OrderBy(name, StringComparer.Ordinal);
        return sort.EndsWith("desc", StringComparison.Ordinal) ? ordered.Reverse() : ordered;
    }

    private static IEnumerable<T> Page<T>(IEnumerable<T> items, Call call)
    {
        var offset = Integer(call, "offset", 0);
        return call.Parameters.ContainsKey("limit") ? items.Skip(offset).Take(Integer(call, "limit", 0)) : items.Skip(offset);
    }

    private static string Required(Call call, string name) =>
        call.Parameters.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : throw new ValidationException(name, "Missing value");

    private static int Integer(Call call, string name, int fallback)
    {
        if (!call.Parameters.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        // Only facet.limit may be negative (CKAN reads -1 as "no limit").
        var style = name == "facet.limit" ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        return int.TryParse(text, style, CultureInfo.InvariantCulture, out var value) ? value : throw new ValidationException(name, "Invalid integer");
    }

    private static bool Bool(Call call, string name) =>
        call.Parameters.TryGetValue(name, out var text) && text.Trim().ToLowerInvariant() is "true" or "1" or "yes" or "on";

    private static List<string> StringList(string text, string name)
    {
        if (!text.TrimStart().StartsWith('['))
        {
            return [text.Trim()];
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(text) ?? [];
        }
        catch (JsonException)
        {
            throw new ValidationException(name, "Not a JSON list of strings");
        }
    }

    private sealed class NotFoundException : Exception;

    private sealed class ValidationException(string parameter, string message) : Exception(message)
    {
        public string Field => parameter;
    }
}
