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
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
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
        var held = await db.Set<SequencerLease>()
            .Where(l => l.Id == 1 && (l.Holder == me || l.Holder == null || l.Until < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, me).SetProperty(l => l.Until, until), cancellationToken);
        if (held == 0)
        {
            return null;
        }

        var pending = await db.Set<LogEntry>().Where(e => e.Index == null).OrderBy(e => e.Id).Take(10_000).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var size = await db.Set<LogCheckpoint>().MaxAsync(c => (long?)c.Size, cancellationToken) ?? 0;
        var nodes = new NodeCache(db);
        foreach (var entry in pending)
        {
            entry.Index = size;
            nodes.Add(0, size, entry.LeafHash);
            for (var (level, index) = (0, size); (index & 1) == 1; level++, index >>= 1)
            {
                nodes.Add(level + 1, index >> 1, MerkleHash.Node(nodes.Read(level, index - 1), nodes.Read(level, index)));
            }

            size++;
        }

        var root = MerkleTree.Root(size, nodes.Read);
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
        private readonly Dictionary<(int, long), byte[]> fresh = [];

        public void Add(int level, long index, byte[] hash)
        {
            fresh[(level, index)] = hash;
            db.Set<LogNode>().Add(new LogNode { Level = level, Index = index, Hash = hash });
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
