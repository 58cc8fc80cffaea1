using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace Nara.Ledger;

/// <summary>What a witness remembers between runs: the key it trusts and the last checkpoint it accepted.</summary>
public sealed record WitnessState(string VerifierKey, long Size, string Root);

/// <summary>The outcome of one verification run.</summary>
public sealed record WitnessReport(bool Ok, string Message, Checkpoint? Checkpoint);

/// <summary>
/// Watches a log served as C2SP tlog-tiles: downloads the checkpoint, checks its signature, downloads every
/// entry and leaf hash, recomputes the root, and checks that the tree extends the last checkpoint it accepted.
/// Uses nothing of Nara but the published formats, so any log speaking them can be watched.
/// </summary>
public sealed class LogWitness(HttpClient http)
{
    public async Task<WitnessReport> VerifyAsync(Uri log, string verifierKey, WitnessState? previous, CancellationToken cancellationToken, Receipt? receipt = null)
    {
        Checkpoint? receiptCheckpoint = null;
        if (receipt is not null)
        {
            (receiptCheckpoint, var problem) = receipt.Verify(verifierKey);
            if (problem is not null)
            {
                return new(false, "receipt: " + problem, null);
            }
        }

        var verifier = new NoteVerifier(verifierKey);
        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Parse(verifier.Open(await http.GetStringAsync(new Uri(log, "log/checkpoint"), cancellationToken)));
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return new(false, $"the checkpoint is not validly signed by {verifier.Name}: {e.Message}", null);
        }

        if (previous is not null && checkpoint.Size < previous.Size)
        {
            return new(false, $"the log shrank from {previous.Size} to {checkpoint.Size} entries", checkpoint);
        }

        var leaves = new List<byte[]>((int)Math.Min(checkpoint.Size, 10_000_000));
        for (long tile = 0; tile * TilePath.Width < checkpoint.Size; tile++)
        {
            var width = (int)Math.Min(TilePath.Width, checkpoint.Size - (tile * TilePath.Width));
            var suffix = TilePath.Encode(tile) + (width < TilePath.Width ? $".p/{width.ToString(CultureInfo.InvariantCulture)}" : "");
            var hashes = await http.GetByteArrayAsync(new Uri(log, "log/tile/0/" + suffix), cancellationToken);
            var bundle = await http.GetByteArrayAsync(new Uri(log, "log/tile/entries/" + suffix), cancellationToken);
            if (hashes.Length != width * MerkleHash.Size)
            {
                return new(false, $"tile 0/{suffix} has {hashes.Length} bytes, not {width * MerkleHash.Size}", checkpoint);
            }

            var at = 0;
            for (var k = 0; k < width; k++)
            {
                if (at + 2 > bundle.Length)
                {
                    return new(false, $"entry bundle {suffix} ends early", checkpoint);
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at));
                var entry = bundle.AsSpan(at + 2, length);
                var hash = hashes.AsSpan(k * MerkleHash.Size, MerkleHash.Size);
                if (!MerkleHash.Leaf(entry).AsSpan().SequenceEqual(hash))
                {
                    return new(false, $"entry {(tile * TilePath.Width) + k} does not match its leaf hash", checkpoint);
                }

                leaves.Add(hash.ToArray());
                at += 2 + length;
            }
        }

        if (!RootOf(leaves, leaves.Count).AsSpan().SequenceEqual(checkpoint.Root))
        {
            return new(false, "the entries do not hash to the signed root", checkpoint);
        }

        if (previous is not null && Convert.ToBase64String(RootOf(leaves, previous.Size)) != previous.Root)
        {
            return new(false, $"the tree was rewritten: its first {previous.Size} entries no longer hash to the root seen before", checkpoint);
        }

        if (receiptCheckpoint is not null
            && (receiptCheckpoint.Size > checkpoint.Size || !RootOf(leaves, receiptCheckpoint.Size).AsSpan().SequenceEqual(receiptCheckpoint.Root)))
        {
            return new(false, "receipt: its checkpoint is not part of this log's history", checkpoint);
        }

        var extends = previous is null ? "" : $", consistent with the {previous.Size} entries seen before";
        if (receipt is not null)
        {
            extends += $"; the receipt's entry {receipt.Index} is in it";
        }

        return new(true, $"{checkpoint.Origin}: {checkpoint.Size} entries, root {Convert.ToBase64String(checkpoint.Root)}{extends}", checkpoint);
    }

    public static WitnessState? LoadState(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<WitnessState>(File.ReadAllText(path)) : null;

    public static void SaveState(string path, WitnessState state) => File.WriteAllText(path, JsonSerializer.Serialize(state));

    private static byte[] RootOf(List<byte[]> leaves, long size)
    {
        // Level-by-level hashes of complete subtrees, computed once.
        var levels = new List<List<byte[]>> { leaves.Take((int)size).ToList() };
        while (levels[^1].Count > 1)
        {
            var below = levels[^1];
            levels.Add([.. Enumerable.Range(0, below.Count / 2).Select(i => MerkleHash.Node(below[2 * i], below[(2 * i) + 1]))]);
        }

        return MerkleTree.Root(size, (level, index) => levels[level][(int)index]);
    }
}
