using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nara.Platform.Storage;

/// <summary>
/// Sets the per-connection SQLite pragmas Nara relies on: wait for the writer instead of failing,
/// enforce foreign keys, the WAL-appropriate sync level, and SQLite's own checkpoint only as a backstop. WAL itself is set once, at migration.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // No memory map (PRAGMA mmap_size): measured, it cost case submissions about 20% (page faults in every pooled
    // connection's own mapping) and proofs gained nothing once the file was in the page cache.
    // SQLite's automatic checkpoint only as a backstop: SqliteCheckpointer does the work off the write path. The writer
    // that starts the log again cuts back a log file that grew (the limit applies to the connection doing it).
    private static readonly string Pragmas =
        $"PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {SqliteCheckpointer.BackstopPages}; PRAGMA journal_size_limit = {SqliteCheckpointer.LogFileLimitBytes};";

    // Pragmas belong to the native connection, which the pool keeps open across many logical opens (several per
    // request): set them once per native connection, not on every open.
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, connection.ConnectionString);
        }
    }
}
