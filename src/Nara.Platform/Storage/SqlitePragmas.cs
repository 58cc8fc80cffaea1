using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nara.Platform.Storage;

/// <summary>
/// Sets the per-connection SQLite pragmas Nara relies on: wait for the writer instead of failing,
/// enforce foreign keys, and the WAL-appropriate sync level. WAL itself is set once, at migration.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
