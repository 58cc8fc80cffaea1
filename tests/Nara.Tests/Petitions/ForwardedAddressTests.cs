using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Petitions;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Petitions;

/// <summary>Without Proxy:TrustedNetworks, a forwarded client address is believed (the network a signature came from).</summary>
public sealed class ForwardedAddressBelievedTests() : AppTest(new NaraApp().With("Petitions:Supporters", "1"))
{
    [Fact]
    public async Task ForwardedFor_UsedAsTheSignersNetwork()
    {
        var (id, _) = await app.OpenPetitionAsync(1);
        using var client = app.Session().Client;
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");

        await client.PostAsync($"/petitions/{id}?handler=Sign", new FormUrlEncodedContent([new("name", "Ama"), new("email", "ama@forwarded.example"), new("region", "east"), new("declaration", "true")]));

        Assert.Equal("203.0.113.0/24", await app.WithScopeAsync(sp => sp.GetRequiredService<Nara.Platform.Storage.NaraDb>().Set<Signature>()
            .Where(s => s.EmailDomain == "forwarded.example").Select(s => s.Network).SingleAsync()));
    }
}

/// <summary>
/// With Proxy:TrustedNetworks, only those proxies' forwarded addresses are believed. (The test server has no client address,
/// which the forwarded-headers middleware lets through unchecked, so this checks the configuration the middleware gets.)
/// </summary>
public sealed class ForwardedAddressTrustedNetworksTests() : AppTest(new NaraApp().With("Proxy:TrustedNetworks:0", "10.0.0.0/8").With("Proxy:TrustedNetworks:1", "fd00::/8"))
{
    [Fact]
    public async Task TrustedNetworks_OnlyThoseBelieved()
    {
        await Task.CompletedTask;
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value;

        Assert.Equal(["10.0.0.0/8", "fd00::/8"], options.KnownIPNetworks.Select(n => n.ToString()));
        Assert.Empty(options.KnownProxies);
    }
}
