using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Storage;

namespace Nara.Tests.Platform;

/// <summary>The background checkpointer copies SQLite's log off the write path, and restarts a long log inside the write slot.</summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("nara-ckpt-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(folder, "test.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task NaraConnections_LeaveSqlitesOwnCheckpointOnlyAsABackstop()
    {
        // Nara's own SQLite configuration, on a context without a model: only the connection is under test.
        var options = new DbContextOptionsBuilder();
        StorageServices.Configure(options, new StorageSettings(DatabaseProvider.Sqlite, ConnectionString, folder));
        await using var db = new DbContext(options.Options);
        await db.Database.OpenConnectionAsync();

        Assert.Equal(SqliteCheckpointer.BackstopPages, await ScalarAsync((SqliteConnection)db.Database.GetDbConnection(), "PRAGMA wal_autocheckpoint;"));
    }

    [Fact]
    public async Task ShortLog_IsCopiedWithoutTheWriteSlot()
    {
        await using var writer = await WriterAsync();
        await WritePagesAsync(writer, 50);

        // The write slot is held throughout: a pass over a short log must not need it.
        CheckpointResult result;
        using (await SqliteWriteGate.EnterAsync(ConnectionString, default))
        {
            result = await SqliteCheckpointer.CheckpointAsync(ConnectionString, default).WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.InRange(result.LogPages, 50, SqliteCheckpointer.RestartPages - 1);
        Assert.Equal(result.LogPages, result.CopiedPages);
        Assert.False(result.InWriteSlot);
        Assert.Equal(50 * 3, await ScalarAsync(writer, "SELECT count(*) FROM filler;"));
    }

    [Fact]
    public async Task LongLog_IsFinishedInTheWriteSlot_AndTheNextCommitStartsTheLogAgain()
    {
        await using var writer = await WriterAsync();
        await WritePagesAsync(writer, SqliteCheckpointer.RestartPages + 100);

        // While another writer holds the slot, the pass copies what it can and then waits for the slot.
        var slot = await SqliteWriteGate.EnterAsync(ConnectionString, default);
        var pass = SqliteCheckpointer.CheckpointAsync(ConnectionString, default);
        await Task.Delay(300);
        Assert.False(pass.IsCompleted);
        slot.Dispose();
        var result = await pass.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.InWriteSlot);
        Assert.True(result.LogPages >= SqliteCheckpointer.RestartPages, $"log of {result.LogPages} pages");
        Assert.Equal(result.LogPages, result.CopiedPages);

        // Fully copied, the log starts again from its first page at the next commit instead of growing.
        await WritePagesAsync(writer, 2);
        var after = await SqliteCheckpointer.CheckpointAsync(ConnectionString, default);
        Assert.InRange(after.LogPages, 1, 50);
        Assert.False(after.InWriteSlot);
        Assert.Equal((SqliteCheckpointer.RestartPages + 102) * 3, await ScalarAsync(writer, "SELECT count(*) FROM filler;"));
    }

    private async Task<SqliteConnection> WriterAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        // No automatic checkpoint on the test's own connection: only the passes under test copy the log.
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 0; CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, data BLOB);");
        return connection;
    }

    /// <summary>Commits <paramref name="commits"/> transactions, each adding a new page or more to the log.</summary>
    private static async Task WritePagesAsync(SqliteConnection connection, int commits)
    {
        for (var i = 0; i < commits; i++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, "INSERT INTO filler (data) VALUES (randomblob(1000)), (randomblob(1000)), (randomblob(1000));", (SqliteTransaction)transaction);
            await transaction.CommitAsync();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
