using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nara.Identity.Contracts;
using Nara.Platform.People;
using Nara.Platform.Storage;

namespace Nara.Identity.Authorization;

/// <summary>Adds the account kind and staff memberships to the sign-in cookie, so checks need no database trip.</summary>
internal sealed class NaraClaimsFactory(UserManager<NaraUser> users, IOptions<IdentityOptions> options, NaraDb db)
    : UserClaimsPrincipalFactory<NaraUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(NaraUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(NaraClaims.Kind, user.Kind == AccountKind.Staff ? "staff" : "citizen"));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        if (user.Kind == AccountKind.Staff)
        {
            var memberships = await db.Set<Staff.StaffMembership>().AsNoTracking()
                .Where(m => m.UserId == user.Id)
                .Select(m => new { m.Role, m.AgencyId })
                .ToListAsync();
            foreach (var m in memberships)
            {
                identity.AddClaim(new Claim(NaraClaims.Membership, $"{m.Role}@{(m.AgencyId is { } id ? id.ToString("D") : "*")}"));
            }
        }

        return identity;
    }
}
