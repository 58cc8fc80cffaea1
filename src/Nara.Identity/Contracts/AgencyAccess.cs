using System.Security.Claims;

namespace Nara.Identity.Contracts;

/// <summary>
/// What a signed-in member of staff may do in an agency. Every module checks agency-scoped work through
/// this one place, so "an officer of one agency cannot see another's work" is a single rule.
/// </summary>
public static class AgencyAccess
{
    public static bool HasRole(this ClaimsPrincipal user, string role, Guid? agencyId)
    {
        if (!user.IsStaffWithSecondFactor())
        {
            return false;
        }

        var global = $"{role}@*";
        var scoped = agencyId is null ? null : $"{role}@{agencyId:D}";
        return user.FindAll(NaraClaims.Membership).Any(c => c.Value == global || (scoped is not null && c.Value == scoped));
    }

    /// <summary>Whether the person may see an agency's work: any agency role in it, or an administrator or auditor.</summary>
    public static bool CanSeeAgency(this ClaimsPrincipal user, Guid agencyId) =>
        user.IsStaffWithSecondFactor()
        && user.FindAll(NaraClaims.Membership).Any(c => c.Value.EndsWith($"@{agencyId:D}", StringComparison.Ordinal) || c.Value.EndsWith("@*", StringComparison.Ordinal));

    public static IReadOnlyList<(string Role, Guid? AgencyId)> Memberships(this ClaimsPrincipal user) =>
        [.. user.FindAll(NaraClaims.Membership).Select(c => Parse(c.Value))];

    /// <summary>The signed-in person's id, or null.</summary>
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool IsStaffWithSecondFactor(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.HasClaim(NaraClaims.Kind, "staff")
        && user.FindAll(NaraClaims.AuthenticationMethod).Any(c => c.Value is "mfa" or "pop");

    private static (string Role, Guid? AgencyId) Parse(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        var agency = value[(at + 1)..];
        return (value[..at], agency == "*" ? null : Guid.Parse(agency));
    }
}
