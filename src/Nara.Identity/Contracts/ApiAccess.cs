using System.Security.Claims;

namespace Nara.Identity.Contracts;

/// <summary>What a caller of the API may do: a signed-in browser may do what its roles allow; a token only within its scopes.</summary>
public static class ApiAccess
{
    public static bool MayWrite(this ClaimsPrincipal user)
    {
        var scopes = user.FindAll(Tokens.ApiScopes.ClaimType).Select(c => c.Value).ToList();
        return scopes.Count == 0 || scopes.Contains(Tokens.ApiScopes.Write);
    }
}
