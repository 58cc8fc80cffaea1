using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nara.Identity.Contracts;
using Nara.Platform.People;
using Nara.Platform.Storage;

namespace Nara.Identity.Tokens;

/// <summary>Authenticates "Authorization: Bearer nara_…" requests from programs.</summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    NaraDb db,
    IUserClaimsPrincipalFactory<NaraUser> principals,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiTokens.TokenPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return AuthenticateResult.Fail("Malformed token");
        }

        var hash = ApiTokens.HashOf(secret);
        var now = clock.GetUtcNow();
        var token = await db.Set<ApiToken>().AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null && t.ExpiresAt > now, Context.RequestAborted);
        var user = token is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
        if (token is null || user is null)
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked token");
        }

        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName);
        foreach (var scope in token.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            identity.AddClaim(new Claim(ApiScopes.ClaimType, scope));
        }

        // A token is made by a person who signed in fully; for staff that included their second factor.
        if (user.Kind == AccountKind.Staff)
        {
            identity.AddClaim(new Claim(NaraClaims.AuthenticationMethod, "mfa"));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
