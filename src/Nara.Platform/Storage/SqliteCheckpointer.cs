using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nara.Platform.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file in the background (ADR 0014). Left to SQLite, the
/// commit that takes the log past 1,000 pages copies them itself, syncing both files, while it holds the one write
/// slot: every other writer waits, and a group-commit writer stops taking batches. Here a passive checkpoint runs
/// on a connection of its own a few times a second while writers go on; once the log is long, a restarting
/// checkpoint runs inside the write slot — it waits briefly for readers of older snapshots — so that the log ends
/// fully copied and the next commit starts it again from its beginning. SQLite's own automatic checkpoint stays as
/// a backstop, at a higher mark (<see cref="BackstopPages"/>), for a process that does not run this service.
/// </summary>
public sealed partial class SqliteCheckpointer(StorageSettings settings, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>SQLite's automatic checkpoint, set on every connection: 16,384 pages (64 MiB with 4 KiB pages).</summary>
    public const int BackstopPages = 16384;

    /// <summary>A log this long (16 MiB) is finished inside the write slot, so that it starts again.</summary>
    public const int RestartPages = 4096;

    /// <summary>A log file that grew past this (64 MiB, after a long reader held it) is cut back when it starts again (set on EF Core's connections, the writers).</summary>
    public const long LogFileLimitBytes = 64L * 1024 * 1024;

    /// <summary>How long the restarting pass waits for readers of older snapshots (and any writer outside the slot).</summary>
    public const int RestartWaitMilliseconds = 100;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        SqliteConnection? connection = null;
        var failing = false;
        var restartedAt = -1;
        // After a pass in the slot gave up waiting for a reader (a backup, a long query), the next ones stay out of the
        // slot for 1, 2, 4 … up to 25 ticks (5 s), so that a reader holding its snapshot does not make writers wait
        // 100 ms out of every 200.
        var busyStreak = 0;
        var ticksOutOfSlot = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    connection ??= await OpenAsync(settings.ConnectionString, RestartWaitMilliseconds, stoppingToken);
                    var mayTakeSlot = ticksOutOfSlot == 0;
                    ticksOutOfSlot = Math.Max(0, ticksOutOfSlot - 1);
                    var result = await CheckpointAsync(connection, settings.ConnectionString, restartedAt, mayTakeSlot, stoppingToken);
                    if (result.InWriteSlot)
                    {
                        LogRestart(logger, result.LogPages, result.CopiedPages, result.Busy);
                        restartedAt = result.Busy ? -1 : result.LogPages;
                        busyStreak = result.Busy ? busyStreak + 1 : 0;
                        ticksOutOfSlot = result.Busy ? Math.Min(1 << Math.Min(busyStreak - 1, 5), 25) : 0;
                    }

                    if (failing)
                    {
                        LogRecovered(logger);
                    }

                    failing = false;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // An optimisation only: SQLite's own checkpoint remains. Said once per run of failures, not five times a second.
                    if (!failing)
                    {
                        LogFailed(logger, e);
                    }

                    failing = true;
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The checkpointer's own connection, outside the pool (its settings must not reach EF Core's connections): it
    /// waits a little for readers when it restarts the log. (Cutting back a grown log file is the writers' part:
    /// the connection whose commit starts the log again applies its own limit.)
    /// </summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, int restartWaitMilliseconds, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {restartWaitMilliseconds};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// One pass: a passive checkpoint; then, if the log is long and <paramref name="mayTakeSlot"/>, a restarting one
    /// holding the write slot of <paramref name="connectionString"/>'s database — unless the log is still the one
    /// restarted last time (<paramref name="restartedAt"/> pages long, all copied): nothing has been written since,
    /// and the next commit starts it again.
    /// </summary>
    public static async Task<CheckpointResult> CheckpointAsync(SqliteConnection connection, string connectionString, int restartedAt, bool mayTakeSlot, CancellationToken cancellationToken)
    {
        var result = await RunAsync(connection, "PASSIVE", cancellationToken);
        if (!mayTakeSlot || result.LogPages < RestartPages || (result.LogPages == restartedAt && result.CopiedPages == result.LogPages))
        {
            return result;
        }

        // In the slot no Nara writer adds pages. RESTART copies the rest once readers of older snapshots are done, and
        // then waits until every reader reads from the database file alone, so that the next writer starts the log again.
        using (await SqliteWriteGate.EnterAsync(connectionString, cancellationToken))
        {
            return await RunAsync(connection, "RESTART", cancellationToken) with { InWriteSlot = true };
        }
    }

    private static async Task<CheckpointResult> RunAsync(SqliteConnection connection, string mode, CancellationToken cancellationToken)
    {
        // Returns (busy, pages in the log, pages copied); busy when RESTART gave up waiting, which the next pass retries.
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new CheckpointResult(reader.GetInt32(0) != 0, reader.GetInt32(1), reader.GetInt32(2), false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SQLite checkpoint in the write slot: {LogPages} pages in the log, {CopiedPages} copied, gave up waiting: {Busy}")]
    private static partial void LogRestart(ILogger logger, int logPages, int copiedPages, bool busy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoints are failing; SQLite's own checkpoint remains")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite checkpoints work again")]
    private static partial void LogRecovered(ILogger logger);
}

/// <summary>After a checkpoint: whether it gave up waiting, the log's length and how much of it is in the database file, in pages.</summary>
public sealed record CheckpointResult(bool Busy, int LogPages, int CopiedPages, bool InWriteSlot);
