using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.OpenData;

/// <summary>The read side of CKAN's Action API, as harvesters and CKAN clients call it.</summary>
public sealed class CkanApiTests : AppTest
{
    [Fact]
    public async Task PackageSearch_HarvesterWalkByIdAsc_ReturnsEveryPublicDatasetExactlyOnce()
    {
        var (health, _) = await app.CreateAgencyAsync();
        var (city, _) = await app.CreateAgencyAsync();
        var published = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            var name = $"walk-{i:D2}";
            await app.CreateDatasetAsync(i % 2 == 0 ? health : city, name);
            published.Add(name);
        }

        await app.CreateDatasetAsync(health, "walk-draft", publish: false);
        var client = app.Session().Client;

        var seen = new List<string>();
        for (var start = 0; ; start += 10)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/3/action/package_search?rows=10&start={start}&sort=id%20asc&fq=name:walk-*");
            var results = page.GetProperty("result").GetProperty("results").EnumerateArray().ToList();
            Assert.True(page.GetProperty("success").GetBoolean());
            Assert.Equal(23, page.GetProperty("result").GetProperty("count").GetInt32());
            if (results.Count == 0)
            {
                break;
            }

            seen.AddRange(results.Select(r => r.GetProperty("name").GetString()!));
            var ids = results.Select(r => r.GetProperty("id").GetString()!).ToList();
            Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        }

        Assert.Equal(published.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.DoesNotContain("walk-draft", seen);
    }

    [Fact]
    public async Task PackageShow_ByIdOrName_CarriesCkanFields_AndUnknownIsCkansNotFound()
    {
        var (agency, code) = await app.CreateAgencyAsync("Ministry of Health");
        var id = await app.CreateDatasetAsync(agency, "clinic-beds", tags: "health, clinics");
        var client = app.Session().Client;

        var byName = await client.GetFromJsonAsync<JsonElement>("/api/3/action/package_show?id=clinic-beds");
        var byId = await client.PostAsJsonAsync("/api/action/package_show", new { id });
        var missing = await client.GetAsync("/api/3/action/package_show?id=no-such-dataset");
        var draft = await app.CreateDatasetAsync(agency, "draft-one", publish: false);
        var hidden = await client.GetAsync($"/api/3/action/package_show?id={draft}");

        var package = byName.GetProperty("result");
        Assert.Equal(id.ToString("D"), package.GetProperty("id").GetString());
        Assert.Equal("Dataset clinic-beds", package.GetProperty("title").GetString());
        Assert.Equal(agency.ToString("D"), package.GetProperty("owner_org").GetString());
        Assert.Equal(code, package.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("cc-by", package.GetProperty("license_id").GetString());
        Assert.Equal(["clinics", "health"], package.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("heal", package.GetProperty("groups")[0].GetProperty("name").GetString());
        Assert.Equal(1, package.GetProperty("num_resources").GetInt32());
        Assert.Equal(2, package.GetProperty("num_tags").GetInt32());
        Assert.Contains(package.GetProperty("extras").EnumerateArray(), e => e.GetProperty("key").GetString() == "frequency" && e.GetProperty("value").GetString() == "ANNUAL");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", package.GetProperty("metadata_modified").GetString());
        var resource = package.GetProperty("resources")[0];
        Assert.Equal("CSV", resource.GetProperty("format").GetString());
        var download = await client.GetAsync(new Uri(resource.GetProperty("url").GetString()!).PathAndQuery);
        Assert.Equal(OpenDataDriver.Csv, await download.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal("clinic-beds", (await byId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var error = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(error.GetProperty("success").GetBoolean());
        Assert.Equal("Not Found Error", error.GetProperty("error").GetProperty("__type").GetString());
        Assert.StartsWith("http", error.GetProperty("help").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task PackageSearch_FiltersSortsFacets_AndBadInputGetsCkansErrors()
    {
        var (health, healthCode) = await app.CreateAgencyAsync();
        var (city, _) = await app.CreateAgencyAsync();
        await app.CreateDatasetAsync(health, "s-vaccines", tags: "health, children", title: "Vaccination coverage");
        await app.CreateDatasetAsync(health, "s-clinics", tags: "health", title: "Clinic list");
        await app.CreateDatasetAsync(city, "s-markets", tags: "markets", title: "Market fees");
        var client = app.Session().Client;
        var markets = await client.GetFromJsonAsync<JsonElement>("/api/3/action/package_show?id=s-markets");
        var since = markets.GetProperty("result").GetProperty("metadata_modified").GetString();

        var byOrganization = await Search(client, $"fq=organization:{healthCode}&facet.field=%5B%22tags%22,%22organization%22%5D");
        var byTagAndWord = await Search(client, "q=coverage&fq=tags:health");
        var excluded = await Search(client, "fq=name:s-* -tags:markets");
        var recent = await Search(client, $"fq=metadata_modified:[{since}Z TO *]");
        var newestFirst = await Search(client, "fq=name:(s-vaccines OR s-markets)&sort=metadata_modified%20desc");
        var badField = await client.GetAsync("/api/3/action/package_search?fq=colour:blue");
        var badRange = await client.GetAsync("/api/3/action/package_search?fq=metadata_modified:[yesterday TO *]");
        var badSort = await client.GetAsync("/api/3/action/package_search?sort=popularity%20desc");
        var negativeRows = await client.GetAsync("/api/3/action/package_search?rows=-1");
        var unknownAction = await client.GetAsync("/api/3/action/package_delete?id=s-markets");
        var tooMany = await Search(client, "rows=5000&fq=name:s-*");
        var eitherOrganization = await Search(client, $"fq=organization:{healthCode} OR name:s-markets&facet.limit=-1&facet.field=%5B%22tags%22%5D");
        var eitherWord = await Search(client, "q=(coverage OR fees)");
        var outsideCalendar = await client.GetAsync("/api/3/action/package_search?fq=metadata_modified:[NOW-5000YEARS TO *]");
        using var noBoundary = new StringContent("x");
        noBoundary.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data");
        var unreadable = await client.PostAsync("/api/3/action/package_search", noBoundary);

        Assert.Equal(["s-clinics", "s-vaccines"], Names(byOrganization).Order());
        Assert.Equal(2, byOrganization.GetProperty("facets").GetProperty("tags").GetProperty("health").GetInt32());
        Assert.Equal(2, byOrganization.GetProperty("search_facets").GetProperty("organization").GetProperty("items")[0].GetProperty("count").GetInt32());
        Assert.Equal(["s-vaccines"], Names(byTagAndWord));
        Assert.Equal(["s-clinics", "s-vaccines"], Names(excluded).Order());
        Assert.Contains("s-markets", Names(recent));
        Assert.DoesNotContain("s-vaccines", Names(recent));
        Assert.Equal(["s-markets", "s-vaccines"], Names(newestFirst));
        foreach (var bad in new[] { badField, badRange, badSort })
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var error = await bad.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Search Query Error", error.GetProperty("error").GetProperty("__type").GetString());
        }

        Assert.Equal(HttpStatusCode.Conflict, negativeRows.StatusCode);
        Assert.Equal("Validation Error", (await negativeRows.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("__type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownAction.StatusCode);
        Assert.Equal(3, tooMany.GetProperty("results").GetArrayLength());
        Assert.Equal(["s-clinics", "s-markets", "s-vaccines"], Names(eitherOrganization).Order());
        Assert.Equal(3, eitherOrganization.GetProperty("facets").GetProperty("tags").EnumerateObject().Count());
        Assert.Equal(["s-markets", "s-vaccines"], Names(eitherWord).Order());
        Assert.Equal(HttpStatusCode.BadRequest, outsideCalendar.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.False((await unreadable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Organizations_Groups_Tags_Resources_Status()
    {
        var (agency, code) = await app.CreateAgencyAsync("Revenue Authority");
        await app.CreateAgencyAsync("Quiet Agency");
        var id = await app.CreateDatasetAsync(agency, "duty-collected", tags: "customs, revenue");
        var client = app.Session().Client;
        var package = await client.GetFromJsonAsync<JsonElement>($"/api/3/action/package_show?id={id}");
        var resourceId = package.GetProperty("result").GetProperty("resources")[0].GetProperty("id").GetString();

        var organizations = (await client.GetFromJsonAsync<JsonElement>("/api/3/action/organization_list")).GetProperty("result");
        var detailed = (await client.GetFromJsonAsync<JsonElement>("/api/3/action/organization_list?all_fields=true")).GetProperty("result");
        var organization = (await client.GetFromJsonAsync<JsonElement>($"/api/3/action/organization_show?id={code}&include_datasets=true")).GetProperty("result");
        var groups = (await client.GetFromJsonAsync<JsonElement>("/api/3/action/group_list?all_fields=true")).GetProperty("result");
        var tags = (await client.GetFromJsonAsync<JsonElement>("/api/3/action/tag_list?query=cust")).GetProperty("result");
        var resource = (await client.GetFromJsonAsync<JsonElement>($"/api/3/action/resource_show?id={resourceId}")).GetProperty("result");
        var status = (await client.PostAsync("/api/3/action/status_show", null)).StatusCode;
        var unknownOrganization = await client.GetAsync("/api/3/action/organization_show?id=nobody");
        var missingId = await client.GetAsync("/api/3/action/resource_show");

        Assert.Contains(code, organizations.EnumerateArray().Select(o => o.GetString()));
        var row = detailed.EnumerateArray().Single(o => o.GetProperty("name").GetString() == code);
        Assert.Equal(1, row.GetProperty("package_count").GetInt32());
        Assert.True(row.GetProperty("is_organization").GetBoolean());
        Assert.Equal("Revenue Authority", organization.GetProperty("title").GetString());
        Assert.Equal("duty-collected", organization.GetProperty("packages")[0].GetProperty("name").GetString());
        Assert.Contains(groups.EnumerateArray(), g => g.GetProperty("name").GetString() == "heal" && g.GetProperty("package_count").GetInt32() >= 1);
        Assert.Equal(["customs"], tags.EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(id.ToString("D"), resource.GetProperty("package_id").GetString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.NotFound, unknownOrganization.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, missingId.StatusCode);
    }

    private static async Task<JsonElement> Search(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/3/action/package_search?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
    }

    private static List<string> Names(JsonElement result) => [.. result.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()!)];
}
