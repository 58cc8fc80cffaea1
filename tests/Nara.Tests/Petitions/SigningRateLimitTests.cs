using System.Net;
using System.Net.Http.Json;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Petitions;

/// <summary>One network signing in a flood gets 429 after its burst; a network on the allow-list (a carrier's shared address) does not.</summary>
public sealed class SigningRateLimitTests() : AppTest(new NaraApp()
    .With("Petitions:RateLimit:Burst", "3").With("Petitions:RateLimit:PerMinute", "1"))
{
    [Fact]
    public async Task Flood_FromOneNetwork_429WithProblem_PagesToo()
    {
        using var client = app.Session().Client;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/petitions/1/signatures", new { name = "Flood", email = $"flood{i}@test.example", region = "east", declaration = true })).StatusCode);
        }

        var limited = await client.PostAsJsonAsync("/api/v1/petitions/1/signatures", new { name = "Flood", email = "last@test.example", region = "east", declaration = true });
        var page = await client.PostAsync("/petitions/1?handler=Sign", new FormUrlEncodedContent([new("name", "Flood")]));
        var reading = await client.GetAsync("/petitions");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
    }
}

/// <summary>The allow-list lifts the limit for a shared network.</summary>
public sealed class SigningAllowListTests() : AppTest(new NaraApp()
    .With("Petitions:RateLimit:Burst", "1").With("Petitions:RateLimit:PerMinute", "1")
    .With("Petitions:RateLimit:AllowNetworks:0", "unknown").With("Petitions:RateLimit:AllowNetworks:1", "127.0.0.0/24").With("Petitions:RateLimit:AllowNetworks:2", "::/48"))
{
    [Fact]
    public async Task AllowListedNetwork_NotLimited()
    {
        using var client = app.Session().Client;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/v1/petitions/1/signatures", new { name = "Carrier", email = $"carrier{i}@test.example", region = "east", declaration = true })).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
    }
}
