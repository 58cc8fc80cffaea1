using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nara.Blueprints;
using Nara.Cases.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Cases.Catalogue;

/// <summary>
/// At start, installs every valid blueprint found in the shipped blueprints folder and in DATA/blueprints (imports)
/// that the database does not hold yet, then loads the catalogue. A changed file under an unchanged version is refused:
/// cases started under a version must keep meaning the same thing.
/// </summary>
internal sealed partial class BlueprintInstaller(IServiceScopeFactory scopes, BlueprintCatalog catalog, IConfiguration configuration, ILogger<BlueprintInstaller> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<NaraDb>();
        var settings = sp.GetRequiredService<NaraSettings>();
        foreach (var root in Folders(settings))
        {
            foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
            {
                if (!File.Exists(Path.Combine(folder, BlueprintReader.FileName)))
                {
                    continue;
                }

                var load = BlueprintReader.ReadFolder(folder);
                if (!load.Succeeded)
                {
                    LogInvalid(logger, folder, string.Join(Environment.NewLine, load.Problems));
                    continue;
                }

                await InstallAsync(sp, load, root.StartsWith(settings.DataDirectory, StringComparison.Ordinal) ? "imported" : "local", cancellationToken);
            }
        }

        await catalog.LoadAllAsync(db, cancellationToken);
    }

    /// <summary>Installs a validated blueprint unless that version is already installed; false when the same version differs.</summary>
    public static async Task<bool> InstallAsync(IServiceProvider sp, BlueprintLoad load, string origin, CancellationToken cancellationToken)
    {
        var db = sp.GetRequiredService<NaraDb>();
        var blueprint = load.Blueprint!;
        var files = JsonSerializer.Serialize(new SortedDictionary<string, string>(load.Files.ToDictionary(), StringComparer.Ordinal));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(files)));
        var existing = await db.Set<InstalledBlueprint>().AsNoTracking()
            .FirstOrDefaultAsync(b => b.BlueprintId == blueprint.Id && b.Version == blueprint.Version, cancellationToken);
        if (existing is not null)
        {
            if (existing.Hash != hash)
            {
                LogChanged(sp.GetRequiredService<ILogger<BlueprintInstaller>>(), blueprint.Id, blueprint.Version);
                return false;
            }

            return true;
        }

        var clock = sp.GetRequiredService<TimeProvider>();
        db.Set<InstalledBlueprint>().Add(new InstalledBlueprint
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            BlueprintId = blueprint.Id,
            Version = blueprint.Version,
            Files = files,
            Hash = hash,
            Origin = origin,
            InstalledAt = clock.GetUtcNow(),
        });
        await sp.GetRequiredService<EventPublisher>().PublishAsync(new BlueprintInstalled(blueprint.Id, blueprint.Version, hash, origin), Actor.System, cancellationToken: cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance installed the same version at the same moment; the unique index kept one.
            db.ChangeTracker.Clear();
        }

        sp.GetRequiredService<BlueprintCatalog>().Add(blueprint);
        return true;
    }

    private IEnumerable<string> Folders(NaraSettings settings) =>
        new[] { configuration["Blueprints:Path"] ?? Path.Combine(AppContext.BaseDirectory, "blueprints"), Path.Combine(settings.DataDirectory, "blueprints") }
            .Where(Directory.Exists);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The blueprint in {Folder} is not installed:\n{Problems}")]
    private static partial void LogInvalid(ILogger logger, string folder, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "Blueprint {Id} {Version} is already installed with different content; give the change a new version. The installed one is kept.")]
    private static partial void LogChanged(ILogger logger, string id, string version);
}
