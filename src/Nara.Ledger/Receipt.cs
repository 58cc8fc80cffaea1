using System.Security.Cryptography;

namespace Nara.Ledger;

/// <summary>
/// Proof that an entry is in the log: its leaf hash, its index, an RFC 9162 inclusion proof (base64) and the
/// signed checkpoint the proof is against. Version 1. While the entry waits for the sequencer the status is
/// "pending" and only the leaf hash is known.
/// </summary>
public sealed record Receipt(int Version, string Status, string LeafHash, long? Index, long? TreeSize, IReadOnlyList<string> Proof, string? Checkpoint)
{
    public static Receipt Pending(byte[] leafHash) => new(1, "pending", Convert.ToBase64String(leafHash), null, null, [], null);

    /// <summary>Checks the checkpoint's signature and the inclusion proof; returns the checkpoint, or why not.</summary>
    public (Ledger.Checkpoint? Checkpoint, string? Problem) Verify(string verifierKey)
    {
        if (Status != "integrated" || Index is not { } index || TreeSize is not { } size || Checkpoint is null)
        {
            return (null, "the receipt is still pending: fetch it again once the entry is integrated");
        }

        Ledger.Checkpoint checkpoint;
        try
        {
            checkpoint = Ledger.Checkpoint.Parse(new NoteVerifier(verifierKey).Open(Checkpoint));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return (null, "the receipt's checkpoint is not validly signed: " + e.Message);
        }

        if (checkpoint.Size != size)
        {
            return (null, "the receipt's tree size differs from its checkpoint's");
        }

        try
        {
            var proof = Proof.Select(Convert.FromBase64String).ToList();
            return ProofVerifier.VerifyInclusion(index, size, Convert.FromBase64String(LeafHash), proof, checkpoint.Root)
                ? (checkpoint, null)
                : (null, $"the inclusion proof does not lead from entry {index} to the signed root");
        }
        catch (FormatException)
        {
            return (null, "the receipt's hashes are not base64");
        }
    }
}
