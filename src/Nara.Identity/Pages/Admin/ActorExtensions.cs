using System.Security.Claims;
using Nara.Identity.Contracts;
using Nara.Platform.Events;

namespace Nara.Identity.Pages.Admin;

internal static class ActorExtensions
{
    public static Actor AsAdministrator(this ClaimsPrincipal user) =>
        new(Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!), StaffRoles.Administrator);
}
