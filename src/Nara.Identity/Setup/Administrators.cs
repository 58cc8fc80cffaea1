using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Admin;
using Nara.Identity.Contracts;
using Nara.Platform.Events;

namespace Nara.Identity.Setup;

/// <summary>The ways a first administrator comes to exist: the command line, or the one-time set-up link.</summary>
public static class Administrators
{
    /// <summary>Creates an administrator; returns the problems, or nothing when done.</summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(IServiceProvider services, string name, string email, string password, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var staff = scope.ServiceProvider.GetRequiredService<StaffAdmin>();
        var (id, errors) = await staff.CreateAsync(name, email, password, Actor.System, "", cancellationToken);
        if (id is null)
        {
            return [.. errors.Values];
        }

        var problem = await staff.GrantAsync(id.Value, StaffRoles.Administrator, null, new Actor(null, "command-line"), cancellationToken);
        return problem is null ? [] : [problem];
    }

    /// <summary>When no administrator exists yet, the path of a one-time set-up link; otherwise null.</summary>
    public static async Task<string?> SetupPathAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<StaffAdmin>().AnyAdministratorAsync(cancellationToken))
        {
            return null;
        }

        return "/setup/" + services.GetRequiredService<SetupToken>().Issue();
    }
}
