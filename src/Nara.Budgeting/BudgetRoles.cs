using System.Security.Claims;
using Nara.Identity.Contracts;
using Nara.Platform.Events;

namespace Nara.Budgeting;

/// <summary>
/// Administrators create processes, load eligible voters and import Pabulib files; the responsible agency's officers,
/// supervisors and director review projects and report on their implementation (administrators may too).
/// </summary>
internal static class BudgetRoles
{
    private static readonly string[] Reviewing = [StaffRoles.Officer, StaffRoles.Supervisor, StaffRoles.Director];

    public static bool IsAdministrator(ClaimsPrincipal user) => user.IsStaffWithSecondFactor() && user.HasRole(StaffRoles.Administrator, null);

    public static bool MayReview(ClaimsPrincipal user, Guid agencyId) =>
        user.IsStaffWithSecondFactor() && (user.HasRole(StaffRoles.Administrator, null) || Reviewing.Any(r => user.HasRole(r, agencyId)));

    public static HashSet<Guid> AgenciesOf(ClaimsPrincipal user) =>
        user.IsStaffWithSecondFactor() ? [.. user.Memberships().Where(m => Reviewing.Contains(m.Role) && m.AgencyId is not null).Select(m => m.AgencyId!.Value)] : [];

    public static Actor ActorIn(ClaimsPrincipal user, Guid agencyId) =>
        new(user.UserId(), Reviewing.Reverse().FirstOrDefault(r => user.HasRole(r, agencyId)) ?? StaffRoles.Administrator, agencyId);
}
