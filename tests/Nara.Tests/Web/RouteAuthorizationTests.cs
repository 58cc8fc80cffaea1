using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Contracts;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Web;

/// <summary>
/// Walks every GET route the program maps and requests it as every kind of person. A new route is covered
/// the day it is added; a route with a policy this table does not know fails until someone says who may use it.
/// </summary>
public sealed class RouteAuthorizationTests : AppTest
{
    private static readonly Dictionary<string, Func<string, bool>> WhoMay = new()
    {
        [NaraPolicies.SignedIn] = persona => persona != "anonymous",
        [NaraPolicies.Staff] = persona => persona is StaffRoles.Officer or StaffRoles.Supervisor or StaffRoles.Director or StaffRoles.Agent or StaffRoles.Administrator or StaffRoles.Auditor or StaffRoles.Moderator,
        [NaraPolicies.Administrator] = persona => persona == StaffRoles.Administrator,
        [NaraPolicies.Auditor] = persona => persona == StaffRoles.Auditor,
        [NaraPolicies.Agent] = persona => persona == StaffRoles.Agent,
        [NaraPolicies.Moderator] = persona => persona == StaffRoles.Moderator,
    };

    private readonly Dictionary<string, WebSession> personas = [];
    private string agencyCode = "";
    private Guid staffId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (agencyId, code) = await app.CreateAgencyAsync();
        agencyCode = code;
        personas["anonymous"] = app.Session();
        personas["citizen"] = await app.SignInCitizenAsync();
        foreach (var role in StaffRoles.All)
        {
            var login = await app.CreateStaffAsync(role, StaffRoles.IsGlobal(role) ? null : agencyId);
            staffId = login.Id;
            personas[role] = await app.SignInAsync(login);
        }
    }

    [Fact]
    public async Task EveryGetRoute_EveryPersona_AllowedExactlyWhenItsPoliciesSay()
    {
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true)
            .Where(e => !e.RoutePattern.RawText!.Contains("**", StringComparison.Ordinal))
            // Error pages answer with the status they describe; they have no policy and are checked elsewhere.
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')) is not ("/access-denied" or "/status/{code:int}"))
            .ToList();
        Assert.True(routes.Count > 20, $"Only {routes.Count} routes found");
        var failures = new List<string>();

        foreach (var route in routes)
        {
            var policies = route.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
            foreach (var policy in policies.Where(p => !WhoMay.ContainsKey(p)))
            {
                failures.Add($"{route.RoutePattern.RawText}: policy '{policy}' is not in this test's table");
            }

            var path = Fill(route.RoutePattern.RawText!);
            foreach (var (persona, session) in personas)
            {
                var expected = policies.All(p => WhoMay.TryGetValue(p, out var may) && may(persona));
                var response = await session.Client.GetAsync(path);
                var location = response.Headers.Location?.OriginalString ?? "";
                var denied = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || location.Contains("ReturnUrl=", StringComparison.Ordinal) || location.Contains("/access-denied", StringComparison.Ordinal);
                if (response.StatusCode == HttpStatusCode.InternalServerError || denied == expected)
                {
                    failures.Add($"{path} as {persona}: {(int)response.StatusCode} {location} (expected {(expected ? "allowed" : "denied")})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private string Fill(string pattern)
    {
        var path = "/" + pattern.TrimStart('/');
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{([a-zA-Z]+)(:[^}?]+)?\??\}", m => m.Groups[1].Value switch
        {
            "code" when m.Groups[2].Value == ":int" => "404",
            "code" => agencyCode,
            "id" when m.Groups[2].Value == ":long" => "1",
            "id" => staffId.ToString(),
            "culture" => "fr",
            "documentName" => "v1",
            "token" => "not-a-token",
            _ when m.Groups[2].Value == ":long" => "1",
            _ => "x",
        });
        return path;
    }
}
