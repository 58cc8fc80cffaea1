using System.Security.Claims;
using Nara.Identity.Contracts;

namespace Nara.OpenData;

/// <summary>Who publishes an agency's data: its officers, supervisors and director; administrators for any agency.</summary>
internal static class PublishRoles
{
    private static readonly string[] Publishing = [StaffRoles.Officer, StaffRoles.Supervisor, StaffRoles.Director];

    public static bool MayPublishFor(ClaimsPrincipal user, Guid? agencyId) =>
        agencyId is { } agency && (user.HasRole(StaffRoles.Administrator, null) || Publishing.Any(r => user.HasRole(r, agency)));

    public static bool IsAdministrator(ClaimsPrincipal user) => user.HasRole(StaffRoles.Administrator, null);

    public static HashSet<Guid> AgenciesOf(ClaimsPrincipal user) =>
        user.IsStaffWithSecondFactor() ? [.. user.Memberships().Where(m => Publishing.Contains(m.Role) && m.AgencyId is not null).Select(m => m.AgencyId!.Value)] : [];

    public static string RoleIn(ClaimsPrincipal user, Guid agency) =>
        Publishing.Reverse().FirstOrDefault(r => user.HasRole(r, agency)) ?? StaffRoles.Administrator;
}
