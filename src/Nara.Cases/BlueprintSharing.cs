using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nara.Cases.Catalogue;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Cases;

/// <summary>The command line's door to sharing blueprints: export a signed package, import and install one.</summary>
public static class BlueprintSharing
{
    /// <summary>The signed package of an installed blueprint (its current version unless one is named), or why not.</summary>
    public static async Task<(string? Package, string? Problem)> ExportAsync(IServiceProvider services, string id, string? version, CancellationToken cancellationToken)
    {
        foreach (var installer in services.GetServices<IHostedService>().OfType<BlueprintInstaller>())
        {
            // From the command line the host is not started: install the shipped blueprints first.
            await installer.StartingAsync(cancellationToken);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        var rows = await db.Set<InstalledBlueprint>().AsNoTracking().Where(b => b.BlueprintId == id).ToListAsync(cancellationToken);
        var row = version is null ? rows.MaxBy(r => SemanticVersion.Parse(r.Version)) : rows.FirstOrDefault(r => r.Version == version);
        if (row is null)
        {
            return (null, $"no blueprint {id}{(version is null ? "" : " " + version)} is installed");
        }

        var files = JsonSerializer.Deserialize<Dictionary<string, string>>(row.Files)!;
        using var signer = PublisherKey.Load(scope.ServiceProvider.GetRequiredService<IConfiguration>(), scope.ServiceProvider.GetRequiredService<NaraSettings>());
        return (BlueprintPackage.Create(row.BlueprintId, row.Version, files, signer).ToJson(), null);
    }

    /// <summary>Verifies a package and installs its blueprint, crediting the publisher; returns what happened.</summary>
    public static async Task<(bool Ok, string Message)> ImportAsync(IServiceProvider services, string json, string? trustedKey, CancellationToken cancellationToken)
    {
        var package = BlueprintPackage.Parse(json);
        if (package is null)
        {
            return (false, $"not a {BlueprintPackage.FormatName} file");
        }

        var (load, publisher, problem) = package.Verify(trustedKey);
        if (problem is not null)
        {
            return (false, problem);
        }

        await using var scope = services.CreateAsyncScope();
        var blueprint = load!.Blueprint!;
        var origin = $"{publisher} ({package.PublisherKey.Split('+')[1]})";
        var installed = await BlueprintInstaller.InstallAsync(scope.ServiceProvider, load, origin, cancellationToken);
        return installed
            ? (true, $"Installed {blueprint.Id} {blueprint.Version} from {origin}.")
            : (false, $"{blueprint.Id} {blueprint.Version} is already installed with different content; the publisher must give the change a new version.");
    }
}
