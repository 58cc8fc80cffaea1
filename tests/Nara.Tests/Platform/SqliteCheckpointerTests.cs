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
        using (var pooled = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task NaraConnections_KeepSqlitesOwnCheckpointOnlyAsABackstop_AndLimitTheLogFile()
    {
        // Nara's own SQLite configuration, on a context without a model: only the connection is under test.
        var options = new DbContextOptionsBuilder();
        StorageServices.Configure(options, new StorageSettings(DatabaseProvider.Sqlite, ConnectionString, folder));
        await using var db = new DbContext(options.Options);
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        Assert.Equal(SqliteCheckpointer.BackstopPages, await ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"));
        Assert.Equal(SqliteCheckpointer.LogFileLimitBytes, await ScalarAsync(connection, "PRAGMA journal_size_limit;"));
    }

    [Fact]
    public async Task ShortLog_IsCopiedWithoutTheWriteSlot()
    {
        await using var writer = await WriterAsync();
        await WritePagesAsync(writer, 50);
        await using var checkpointer = await SqliteCheckpointer.OpenAsync(ConnectionString, SqliteCheckpointer.RestartWaitMilliseconds, default);

        // The write slot is held throughout: a pass over a short log must not need it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var slot = await SqliteWriteGate.EnterAsync(ConnectionString, default);
        CheckpointResult result;
        try
        {
            result = await SqliteCheckpointer.CheckpointAsync(checkpointer, ConnectionString, -1, true, timeout.Token);
        }
        finally
        {
            slot.Dispose();
        }

        Assert.InRange(result.LogPages, 50, SqliteCheckpointer.RestartPages - 1);
        Assert.Equal(result.LogPages, result.CopiedPages);
        Assert.False(result.InWriteSlot);
        Assert.Equal(50 * 3, await ScalarAsync(writer, "SELECT count(*) FROM filler;"));
    }

    [Fact]
    public async Task LongLog_IsFinishedInTheWriteSlot_AfterAReaderOfAnOlderSnapshot_AndTheNextCommitStartsTheLogAgain()
    {
        await using var writer = await WriterAsync();
        await WritePagesAsync(writer, SqliteCheckpointer.RestartPages);
        // A reader in the middle of a read of the log as it was then, while more is written after it: a passive
        // checkpoint cannot copy past its snapshot, so the log could not start again while it reads.
        await using var reader = new SqliteConnection(ConnectionString);
        await reader.OpenAsync();
        await using var read = reader.BeginTransaction(deferred: true);
        Assert.Equal(SqliteCheckpointer.RestartPages * 3, await ScalarAsync(reader, "SELECT count(*) FROM filler;", read));
        await WritePagesAsync(writer, 100);
        // A generous wait for readers, so that the reader below surely finishes within it however slow the machine.
        await using var checkpointer = await SqliteCheckpointer.OpenAsync(ConnectionString, 20_000, default);

        // While another writer holds the slot, the pass copies what it can and then waits for the slot.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var slot = await SqliteWriteGate.EnterAsync(ConnectionString, default);
        Task<CheckpointResult> pass;
        try
        {
            pass = SqliteCheckpointer.CheckpointAsync(checkpointer, ConnectionString, -1, true, timeout.Token);
            await Task.Delay(300);
            Assert.False(pass.IsCompleted);
        }
        finally
        {
            slot.Dispose();
        }

        // In the slot it waits for the reader, which finishes meanwhile.
        await Task.Delay(300);
        Assert.False(pass.IsCompleted);
        await read.CommitAsync();
        var result = await pass;

        Assert.True(result.InWriteSlot);
        Assert.False(result.Busy);
        Assert.True(result.LogPages >= SqliteCheckpointer.RestartPages + 100, $"log of {result.LogPages} pages");
        Assert.Equal(result.LogPages, result.CopiedPages);

        // Told to stay out of the slot (after a reader made a pass give up), a pass over a long log stays out of it.
        await WritePagesAsync(writer, SqliteCheckpointer.RestartPages);
        var outside = await SqliteCheckpointer.CheckpointAsync(checkpointer, ConnectionString, -1, false, timeout.Token);
        Assert.False(outside.InWriteSlot);
        Assert.True(outside.LogPages >= SqliteCheckpointer.RestartPages, $"log of {outside.LogPages} pages");
        result = await SqliteCheckpointer.CheckpointAsync(checkpointer, ConnectionString, -1, true, timeout.Token);
        Assert.True(result.InWriteSlot);

        // Nothing written since: a pass told of that restart does not take the slot again.
        var idle = SqliteCheckpointer.CheckpointAsync(checkpointer, ConnectionString, result.LogPages, true, timeout.Token);
        Assert.False((await idle).InWriteSlot);

        // Fully copied, the log starts again from its first page at the next commit instead of growing.
        await WritePagesAsync(writer, 2);
        var after = await SqliteCheckpointer.CheckpointAsync(checkpointer, ConnectionString, -1, true, timeout.Token);
        Assert.InRange(after.LogPages, 1, 50);
        Assert.False(after.InWriteSlot);
        Assert.Equal(((2 * SqliteCheckpointer.RestartPages) + 102) * 3, await ScalarAsync(writer, "SELECT count(*) FROM filler;"));
    }

    [Fact]
    public async Task LongLog_HeldByAReaderThatDoesNotFinish_IsLeftForTheNextPass_WithoutLosingAnything()
    {
        await using var writer = await WriterAsync();
        await WritePagesAsync(writer, SqliteCheckpointer.RestartPages);
        await using var reader = new SqliteConnection(ConnectionString);
        await reader.OpenAsync();
        await using (var read = reader.BeginTransaction(deferred: true))
        {
            Assert.Equal(SqliteCheckpointer.RestartPages * 3, await ScalarAsync(reader, "SELECT count(*) FROM filler;", read));
            await WritePagesAsync(writer, 100);
            await using var checkpointer = await SqliteCheckpointer.OpenAsync(ConnectionString, SqliteCheckpointer.RestartWaitMilliseconds, default);

            var result = await SqliteCheckpointer.CheckpointAsync(checkpointer, ConnectionString, -1, true, default).WaitAsync(TimeSpan.FromSeconds(30));

            // It gave up waiting (busy) rather than holding the write slot for the reader, and copied only what it could.
            Assert.True(result.InWriteSlot);
            Assert.True(result.Busy);
            Assert.True(result.CopiedPages < result.LogPages, $"{result.CopiedPages} of {result.LogPages} pages copied");
            using var free = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            (await SqliteWriteGate.EnterAsync(ConnectionString, free.Token)).Dispose();
        }

        Assert.Equal((SqliteCheckpointer.RestartPages + 100) * 3, await ScalarAsync(writer, "SELECT count(*) FROM filler;"));
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

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
