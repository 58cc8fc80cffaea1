using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Nara.Identity.Admin;
using Nara.Identity.Contracts;

namespace Nara.Identity;

public sealed record MeResponse(Guid Id, string Name, string Kind, string Culture, IReadOnlyList<MembershipResponse> Memberships, IReadOnlyList<string> Scopes);

public sealed record MembershipResponse(string Role, Guid? AgencyId);

public sealed record AgencyResponse(Guid Id, string Code, string Name, string Kind);

internal static class IdentityApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("People and agencies");
        api.MapGet("/me", GetMe).RequireAuthorization(NaraPolicies.SignedIn).WithName("GetMe")
            .WithSummary("The signed-in person or the owner of the bearer token");
        api.MapGet("/agencies", GetAgencies).WithName("ListAgencies").WithSummary("Public bodies that act in Nara");
    }

    private static Ok<MeResponse> GetMe(ClaimsPrincipal user) => TypedResults.Ok(new MeResponse(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        user.FindFirstValue(ClaimTypes.GivenName) ?? "",
        user.FindFirstValue(NaraClaims.Kind) ?? "citizen",
        System.Globalization.CultureInfo.CurrentUICulture.Name,
        [.. user.Memberships().Select(m => new MembershipResponse(m.Role, m.AgencyId))],
        [.. user.FindAll(Tokens.ApiScopes.ClaimType).Select(c => c.Value)]));

    private static async Task<Ok<List<AgencyResponse>>> GetAgencies(AgencyAdmin agencies, CancellationToken cancellationToken) =>
        TypedResults.Ok((await agencies.ListAsync(cancellationToken)).Select(a => new AgencyResponse(a.Id, a.Code, a.Name, a.Kind.ToString().ToLowerInvariant())).ToList());
}
