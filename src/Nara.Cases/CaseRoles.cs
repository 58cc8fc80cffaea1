using System.Security.Claims;
using Nara.Blueprints;
using Nara.Identity.Contracts;
using Nara.Platform.Events;

namespace Nara.Cases;

/// <summary>The workflow roles a signed-in person holds on one case, and the actor recorded when they act.</summary>
internal static class CaseRoles
{
    public static HashSet<string> For(ClaimsPrincipal user, Case @case)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        var id = UserId(user);
        if (id is not null && (id == @case.ApplicantId || (id == @case.AssistedBy && IsAgent(user))))
        {
            roles.Add(WorkflowRoles.Applicant);
        }

        foreach (var role in new[] { StaffRoles.Officer, StaffRoles.Supervisor, StaffRoles.Director })
        {
            if (@case.AgencyId is { } agency && user.HasRole(role, agency))
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    public static bool IsAgent(ClaimsPrincipal user) => user.Memberships().Any(m => m.Role == StaffRoles.Agent) && user.IsStaffWithSecondFactor();

    public static Guid? UserId(ClaimsPrincipal user) => user.UserId();

    /// <summary>The actor for the event: the strongest role used, and on whose behalf an agent acted.</summary>
    public static Actor ActorFor(ClaimsPrincipal user, Case @case, IReadOnlySet<string> roles)
    {
        var id = UserId(user);
        var role = roles.Contains(StaffRoles.Director) ? StaffRoles.Director
            : roles.Contains(StaffRoles.Supervisor) ? StaffRoles.Supervisor
            : roles.Contains(StaffRoles.Officer) ? StaffRoles.Officer
            : id == @case.AssistedBy && id != @case.ApplicantId ? StaffRoles.Agent
            : WorkflowRoles.Applicant;
        return new Actor(id, role, role is WorkflowRoles.Applicant or StaffRoles.Agent ? null : @case.AgencyId, role == StaffRoles.Agent ? @case.ApplicantId : null);
    }
}
