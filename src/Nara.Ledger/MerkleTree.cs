using System.Numerics;

namespace Nara.Ledger;

/// <summary>
/// Reads the hash of a complete subtree: <paramref name="level"/> 0 is the leaf hashes; the node at level L and
/// index i covers leaves [i·2^L, (i+1)·2^L). This is how tlog tiles store a tree.
/// </summary>
public delegate byte[] NodeReader(int level, long index);

/// <summary>
/// Roots and proofs of an RFC 6962 / RFC 9162 Merkle tree, computed from the stored hashes of its complete
/// subtrees, as defined in RFC 9162 §2.1.1–2.1.4 (MTH, PATH, PROOF/SUBPROOF).
/// </summary>
public static class MerkleTree
{
    /// <summary>MTH(D[0:size]).</summary>
    public static byte[] Root(long size, NodeReader read) => size == 0 ? MerkleHash.Empty : Subtree(0, size, read);

    /// <summary>PATH(index, D[0:size]): the audit path of one leaf.</summary>
    public static List<byte[]> InclusionProof(long index, long size, NodeReader read)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of size {size}");
        }

        var proof = new List<byte[]>();
        Path(index, 0, size, read, proof);
        return proof;
    }

    /// <summary>PROOF(size1, D[0:size2]): proves the tree of size1 is a prefix of the tree of size2.</summary>
    public static List<byte[]> ConsistencyProof(long size1, long size2, NodeReader read)
    {
        if (size1 < 0 || size1 > size2)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), $"size {size1} does not precede size {size2}");
        }

        var proof = new List<byte[]>();
        if (size1 > 0 && size1 < size2)
        {
            SubProof(size1, 0, size2, complete: true, read, proof);
        }

        return proof;
    }

    /// <summary>MTH(D[start:end]) for a non-empty range, reading stored complete subtrees wherever possible.</summary>
    public static byte[] Subtree(long start, long end, NodeReader read)
    {
        var count = end - start;
        if (BitOperations.IsPow2(count) && start % count == 0)
        {
            var level = BitOperations.Log2((ulong)count);
            return read(level, start >> level);
        }

        var k = LargestPowerOfTwoBelow(count);
        return MerkleHash.Node(Subtree(start, start + k, read), Subtree(start + k, end, read));
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n &gt; 1).</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));

    private static void Path(long index, long start, long end, NodeReader read, List<byte[]> proof)
    {
        var count = end - start;
        if (count == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(count);
        if (index - start < k)
        {
            Path(index, start, start + k, read, proof);
            proof.Add(Subtree(start + k, end, read));
        }
        else
        {
            Path(index, start + k, end, read, proof);
            proof.Add(Subtree(start, start + k, read));
        }
    }

    private static void SubProof(long m, long start, long end, bool complete, NodeReader read, List<byte[]> proof)
    {
        var count = end - start;
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(Subtree(start, end, read));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(count);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, read, proof);
            proof.Add(Subtree(start + k, end, read));
        }
        else
        {
            SubProof(m - k, start + k, end, complete: false, read, proof);
            proof.Add(Subtree(start, start + k, read));
        }
    }
}
