using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nara.Ledger;
using Nara.Platform.Storage;

namespace Nara.Transparency.Log;

/// <summary>
/// The one writer of the tree. Whichever instance holds the database lease gives pending entries their
/// indexes, stores the new node hashes, and signs a checkpoint — all in one transaction, at least once a
/// second while entries arrive. Unique indexes on entry index and node position make a second, mistaken
/// sequencer fail rather than fork the tree, so no two signed checkpoints can disagree.
/// </summary>
public sealed partial class Sequencer(IServiceScopeFactory scopes, LogKeys keys, TimeProvider clock, ILogger<Sequencer> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly Guid me = Guid.NewGuid();

    // The lease says which instance sequences; within the instance, one batch at a time.
    private readonly SemaphoreSlim gate = new(1, 1);

    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await IntegrateAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Integrates up to one batch of pending entries if this instance holds the lease; returns the new size.</summary>
    public async Task<long?> IntegrateAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await IntegrateBatchAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }

    private async Task<long?> IntegrateBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        // A read first: an idle log costs no write (and no SQLite write lock) per tick.
        if (!await db.Set<LogEntry>().AnyAsync(e => e.Index == null, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var until = now + Lease;
        int held;
        using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
        {
            held = await db.Set<SequencerLease>()
                .Where(l => l.Id == 1 && (l.Holder == me || l.Holder == null || l.Until < now))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, me).SetProperty(l => l.Until, until), cancellationToken);
        }
        if (held == 0)
        {
            return null;
        }

        // The hot path of the log: entries are read as (id, leaf hash) only, indexes are given with one set-based update
        // per run of consecutive ids, and node hashes are written with multi-row inserts — no change tracking.
        var pending = await db.Set<LogEntry>().AsNoTracking().Where(e => e.Index == null).OrderBy(e => e.Id).Take(10_000)
            .Select(e => new { e.Id, e.LeafHash }).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return null;
        }

        using var slot = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var size = await db.Set<LogCheckpoint>().MaxAsync(c => (long?)c.Size, cancellationToken) ?? 0;
        var first = size;
        for (var start = 0; start < pending.Count;)
        {
            var end = start;
            while (end + 1 < pending.Count && pending[end + 1].Id == pending[end].Id + 1)
            {
                end++;
            }

            var (from, to, offset) = (pending[start].Id, pending[end].Id, first + start - pending[start].Id);
            var updated = await db.Set<LogEntry>().Where(e => e.Id >= from && e.Id <= to && e.Index == null)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Index, e => e.Id + offset), cancellationToken);
            if (updated != end - start + 1)
            {
                throw new InvalidOperationException("Pending log entries changed while they were being sequenced");
            }

            start = end + 1;
        }

        var nodes = new NodeCache(db);
        foreach (var entry in pending)
        {
            nodes.Add(0, size, entry.LeafHash);
            for (var (level, index) = (0, size); (index & 1) == 1; level++, index >>= 1)
            {
                nodes.Add(level + 1, index >> 1, MerkleHash.Node(nodes.Read(level, index - 1), nodes.Read(level, index)));
            }

            size++;
        }

        var root = MerkleTree.Root(size, nodes.Read);
        await nodes.WriteAsync(cancellationToken);
        var note = keys.Signer.Sign(new Checkpoint(keys.Origin, size, root).ToText());
        db.Set<LogCheckpoint>().Add(new LogCheckpoint { Size = size, Root = root, Note = note, SignedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogIntegrated(logger, pending.Count, size);
        return size;
    }

    /// <summary>New nodes of this batch, and stored ones read on demand (the tree's right border).</summary>
    private sealed class NodeCache(NaraDb db)
    {
        private const int RowsPerInsert = 100;
        private readonly Dictionary<(int, long), byte[]> fresh = [];
        private readonly List<(int Level, long Index, byte[] Hash)> added = [];

        public void Add(int level, long index, byte[] hash)
        {
            fresh[(level, index)] = hash;
            added.Add((level, index, hash));
        }

        /// <summary>
        /// Writes the new nodes in the open transaction: on PostgreSQL with one binary COPY; on SQLite 100 rows per
        /// statement (measured fastest there: longer statements cost more than their round trips save).
        /// </summary>
        public async Task WriteAsync(CancellationToken cancellationToken)
        {
            if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection postgres)
            {
                await using var copy = await postgres.BeginBinaryImportAsync("COPY log_nodes (\"Level\", \"Index\", \"Hash\") FROM STDIN (FORMAT BINARY)", cancellationToken);
                foreach (var (level, index, hash) in added)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(level, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(index, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(hash, NpgsqlTypes.NpgsqlDbType.Bytea, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
                return;
            }

            for (var start = 0; start < added.Count; start += RowsPerInsert)
            {
                var rows = added.Skip(start).Take(RowsPerInsert).ToList();
                var sql = new System.Text.StringBuilder("INSERT INTO log_nodes (\"Level\", \"Index\", \"Hash\") VALUES ");
                var parameters = new object[rows.Count * 3];
                for (var i = 0; i < rows.Count; i++)
                {
                    sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}({{{3 * i}}}, {{{(3 * i) + 1}}}, {{{(3 * i) + 2}}})");
                    (parameters[3 * i], parameters[(3 * i) + 1], parameters[(3 * i) + 2]) = (rows[i].Level, rows[i].Index, rows[i].Hash);
                }

                await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
            }
        }

        public byte[] Read(int level, long index) =>
            fresh.TryGetValue((level, index), out var hash)
                ? hash
                : db.Set<LogNode>().AsNoTracking().Where(n => n.Level == level && n.Index == index).Select(n => n.Hash).Single();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Public log: {Count} entries integrated, size {Size}")]
    private static partial void LogIntegrated(ILogger logger, int count, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Public log integration failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
