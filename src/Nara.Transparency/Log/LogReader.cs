using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Ledger;
using Nara.Platform.Storage;

namespace Nara.Transparency.Log;

/// <summary>Reads what the log publishes: the latest checkpoint, tiles, entry bundles and proofs.</summary>
public sealed class LogReader(IServiceScopeFactory scopes)
{
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
    private static async Task<T> BatchedAsync<T>(NaraDb db, Func<NodeReader, T> compute, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<(int Level, long Index)>();
        var placeholder = new byte[32];
        compute((level, index) =>
        {
            wanted.Add((level, index));
            return placeholder;
        });
        var levels = wanted.Select(w => w.Level).Distinct().ToList();
        var indexes = wanted.Select(w => w.Index).Distinct().ToList();
        // Every wanted node is among these rows (a few more may come: the filter is by level and by index separately).
        var rows = await db.Set<LogNode>().AsNoTracking().Where(n => levels.Contains(n.Level) && indexes.Contains(n.Index))
            .Select(n => new { n.Level, n.Index, n.Hash }).ToListAsync(cancellationToken);
        var known = rows.Where(r => wanted.Contains((r.Level, r.Index))).ToDictionary(r => (r.Level, r.Index), r => r.Hash);
        var fallback = Reader(db);
        return compute((level, index) => known.TryGetValue((level, index), out var hash) ? hash : fallback(level, index));
    }

    private static NodeReader Reader(NaraDb db) => (level, index) =>
        db.Set<LogNode>().AsNoTracking().Where(n => n.Level == level && n.Index == index).Select(n => n.Hash).Single();
}
