using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nara.Platform.Secrets;

namespace Nara.Platform.Storage;

/// <summary>
/// Applies migrations before anything else starts (including the web server), so the first request
/// always meets the current schema. EF Core takes a database lock while migrating, so several
/// instances starting at once are safe.
/// </summary>
internal sealed partial class DatabaseMigrator(IServiceProvider services, ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => PrepareAsync(services, logger, cancellationToken);

    /// <summary>Migrates the database and loads the site secrets; every entry point calls this before work.</summary>
    public static async Task PrepareAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, pending, db.Database.ProviderName ?? "?");
        await services.GetRequiredService<PersonalHasher>().LoadAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready: {Count} migration(s) applied on {Provider}")]
    private static partial void LogMigrated(ILogger logger, int count, string provider);
}
