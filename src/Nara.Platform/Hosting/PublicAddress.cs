using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Nara.Platform.Hosting;

public static class PublicAddress
{
    /// <summary>
    /// The address links in emails and open data point to: the "PublicUrl" setting (as people reach the site, e.g.
    /// https://nara.gov.example). Without it, the request's own scheme and host — fine for a demo, but a forged Host
    /// header would then choose the link.
    /// </summary>
    public static string Of(HttpContext http) =>
        http.RequestServices.GetRequiredService<IConfiguration>()["PublicUrl"]?.TrimEnd('/') is { Length: > 0 } configured
            ? configured
            : $"{http.Request.Scheme}://{http.Request.Host}";
}
