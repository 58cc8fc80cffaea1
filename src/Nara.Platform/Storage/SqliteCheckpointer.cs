using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nara.Platform.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file in the background (ADR 0014). Left to SQLite, the
/// commit that takes the log past 1,000 pages copies them itself, syncing both files, while it holds the one write
/// slot: every other writer waits, and a group-commit writer stops taking batches. Here a passive checkpoint runs
/// on its own connection a few times a second while writers go on; once the log is long, one more pass runs inside
/// the write slot, so that it ends fully copied and the next commit starts the log again from its beginning.
/// SQLite's own automatic checkpoint stays as a backstop, at a higher mark (<see cref="BackstopPages"/>), for a
/// process that does not run this service.
/// </summary>
public sealed partial class SqliteCheckpointer(StorageSettings settings, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>SQLite's automatic checkpoint, set on every connection: 16,384 pages (64 MiB with 4 KiB pages).</summary>
    public const int BackstopPages = 16384;

    /// <summary>A log this long (16 MiB) is finished inside the write slot, so that it starts again.</summary>
    public const int RestartPages = 4096;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckpointAsync(settings.ConnectionString, stoppingToken);
                }
                catch (SqliteException e)
                {
                    LogFailed(logger, e.SqliteErrorCode);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>One pass: a passive checkpoint, then, if the log is long, a second one holding the write slot.</summary>
    public static async Task<CheckpointResult> CheckpointAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var result = await PassiveAsync(connection, cancellationToken);
        if (result.LogPages < RestartPages)
        {
            return result;
        }

        using (await SqliteWriteGate.EnterAsync(connectionString, cancellationToken))
        {
            return await PassiveAsync(connection, cancellationToken) with { InWriteSlot = true };
        }
    }

    private static async Task<CheckpointResult> PassiveAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // PASSIVE never waits: it copies what no reader still needs and returns (busy, pages in the log, pages copied).
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CheckpointResult(reader.GetInt32(1), reader.GetInt32(2), false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed with error {Code}; SQLite's own checkpoint remains")]
    private static partial void LogFailed(ILogger logger, int code);
}

/// <summary>The log's length and how much of it is in the database file after a checkpoint, in pages.</summary>
public sealed record CheckpointResult(int LogPages, int CopiedPages, bool InWriteSlot);
