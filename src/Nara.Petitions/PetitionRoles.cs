using System.Security.Claims;
using Nara.Identity.Contracts;

namespace Nara.Petitions;

/// <summary>Who answers for an agency: its officers, supervisors and director.</summary>
internal static class PetitionRoles
{
    private static readonly string[] Answering = [StaffRoles.Officer, StaffRoles.Supervisor, StaffRoles.Director];

    public static HashSet<Guid> AgenciesOf(ClaimsPrincipal user) =>
        user.IsStaffWithSecondFactor() ? [.. user.Memberships().Where(m => Answering.Contains(m.Role) && m.AgencyId is not null).Select(m => m.AgencyId!.Value)] : [];

    public static string RoleIn(ClaimsPrincipal user, Guid agency) =>
        Answering.Reverse().FirstOrDefault(r => user.HasRole(r, agency)) ?? StaffRoles.Officer;
}
