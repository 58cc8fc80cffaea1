using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Ledger;
using Nara.Platform.Storage;

namespace Nara.Transparency.Log;

/// <summary>Reads what the log publishes: the latest checkpoint, tiles, entry bundles and proofs.</summary>
public sealed class LogReader(IServiceScopeFactory scopes)
{
    /// <summary>Nodes at this tree level and above are kept in memory once read (one in 256 of all nodes).</summary>
    internal const int CachedFromLevel = TilePath.Height;

    /// <summary>At most this many nodes are kept (about 120 bytes each with the dictionary's own): every upper node of a log of 128 million entries.</summary>
    internal const int CacheLimit = 1_000_000;

    // A stored node is the hash of a complete subtree and never changes, so a copy can be kept for good. Every proof
    // needs about one node per level; the upper ones are shared by many proofs, the lower ones (one tile's worth) are
    // read each time. After restoring the database from a backup, restart the instances (docs/operations.md).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Level, long Index), byte[]> upper = new();
    private int cached;

    public async Task<(long Size, string Note)?> LatestCheckpointAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        var latest = await db.Set<LogCheckpoint>().AsNoTracking().OrderByDescending(c => c.Size).Select(c => new { c.Size, c.Note }).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : (latest.Size, latest.Note);
    }

    /// <summary>The hashes of tile (level, index): up to 256 hashes of tree level 8·level. Null when fewer than <paramref name="width"/> exist.</summary>
    public async Task<byte[]?> TileAsync(int level, long index, int width, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        var treeLevel = level * TilePath.Height;
        var first = index * TilePath.Width;
        var hashes = await db.Set<LogNode>().AsNoTracking()
            .Where(n => n.Level == treeLevel && n.Index >= first && n.Index < first + width)
            .OrderBy(n => n.Index).Select(n => n.Hash).ToListAsync(cancellationToken);
        return hashes.Count < width ? null : [.. hashes.SelectMany(h => h)];
    }

    /// <summary>Entries [256·index, 256·index + width), each prefixed by its length as a big-endian uint16.</summary>
    public async Task<byte[]?> EntryBundleAsync(long index, int width, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        var first = index * TilePath.Width;
        var entries = await db.Set<LogEntry>().AsNoTracking()
            .Where(e => e.Index >= first && e.Index < first + width)
            .OrderBy(e => e.Index).Select(e => e.Data).ToListAsync(cancellationToken);
        if (entries.Count < width)
        {
            return null;
        }

        var bundle = new byte[entries.Sum(e => 2 + e.Length)];
        var at = 0;
        foreach (var data in entries)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(at), (ushort)data.Length);
            data.CopyTo(bundle, at + 2);
            at += 2 + data.Length;
        }

        return bundle;
    }

    /// <summary>The receipt for an entry: pending until integrated, then its index and proof against the latest checkpoint.</summary>
    public async Task<Receipt?> ReceiptAsync(byte[] leafHash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        var entry = await db.Set<LogEntry>().AsNoTracking().Where(e => e.LeafHash == leafHash).Select(e => new { e.Index }).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var latest = await db.Set<LogCheckpoint>().AsNoTracking().OrderByDescending(c => c.Size).FirstOrDefaultAsync(cancellationToken);
        if (entry.Index is not { } index || latest is null || latest.Size <= index)
        {
            return Receipt.Pending(leafHash);
        }

        var proof = await BatchedAsync(db, read => MerkleTree.InclusionProof(index, latest.Size, read), cancellationToken);
        return new Receipt(1, "integrated", Convert.ToBase64String(leafHash), index, latest.Size, [.. proof.Select(Convert.ToBase64String)], latest.Note);
    }

    public async Task<List<byte[]>> InclusionProofAsync(long index, long size, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        return await BatchedAsync(db, read => MerkleTree.InclusionProof(index, size, read), cancellationToken);
    }

    public async Task<List<byte[]>> ConsistencyProofAsync(long from, long to, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        return await BatchedAsync(db, read => MerkleTree.ConsistencyProof(from, to, read), cancellationToken);
    }

    /// <summary>
    /// Runs a proof twice: first with placeholder hashes, to learn which stored nodes it needs (the positions depend
    /// only on the index and sizes, never on hash values), then with those nodes read in one query — one round trip
    /// for a proof instead of one per hash.
    /// </summary>
    private async Task<T> BatchedAsync<T>(NaraDb db, Func<NodeReader, T> compute, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<(int Level, long Index)>();
        var placeholder = new byte[32];
        compute((level, index) =>
        {
            wanted.Add((level, index));
            return placeholder;
        });
        var known = new Dictionary<(int Level, long Index), byte[]>(wanted.Count);
        foreach (var node in wanted)
        {
            if (upper.TryGetValue(node, out var hash))
            {
                known[node] = hash;
            }
        }

        wanted.ExceptWith(known.Keys);
        if (wanted.Count > 0)
        {
            // Exactly the wanted positions, each one primary-key lookup: (Level = @a AND Index = @b) OR … — through the
            // connection itself, since this runs for every receipt and proof and EF Core's per-query work was most of its cost.
            var rows = new List<LogNode>(wanted.Count);
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
                var sql = new System.Text.StringBuilder("SELECT \"Level\", \"Index\", \"Hash\" FROM log_nodes WHERE ");
                var i = 0;
                foreach (var (level, index) in wanted)
                {
                    sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(i == 0 ? "" : " OR ")}(\"Level\" = @l{i} AND \"Index\" = @i{i})");
                    Add(command, $"@l{i}", level);
                    Add(command, $"@i{i}", index);
                    i++;
                }

                command.CommandText = sql.ToString();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(new LogNode { Level = reader.GetInt32(0), Index = reader.GetInt64(1), Hash = (byte[])reader.GetValue(2) });
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            foreach (var row in rows)
            {
                known[(row.Level, row.Index)] = row.Hash;
                if (row.Level >= CachedFromLevel && Volatile.Read(ref cached) < CacheLimit && upper.TryAdd((row.Level, row.Index), row.Hash))
                {
                    Interlocked.Increment(ref cached);
                }
            }
        }

        var fallback = Reader(db);
        return compute((level, index) => known.TryGetValue((level, index), out var hash) ? hash : fallback(level, index));
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static NodeReader Reader(NaraDb db) => (level, index) =>
        db.Set<LogNode>().AsNoTracking().Where(n => n.Level == level && n.Index == index).Select(n => n.Hash).Single();
}
