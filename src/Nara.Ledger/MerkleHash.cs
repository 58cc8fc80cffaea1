using System.Security.Cryptography;

namespace Nara.Ledger;

/// <summary>RFC 6962 / RFC 9162 §2.1.1 hashing: SHA-256 with domain separation between leaves and interior nodes.</summary>
public static class MerkleHash
{
    public const int Size = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static byte[] Empty { get; } = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>MTH({d}) = SHA-256(0x00 ‖ d).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[data.Length + 1];
        data.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    /// <summary>MTH(D[n]) = SHA-256(0x01 ‖ MTH(left) ‖ MTH(right)).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        return SHA256.HashData(buffer);
    }
}
