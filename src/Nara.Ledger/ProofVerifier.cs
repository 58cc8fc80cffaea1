namespace Nara.Ledger;

/// <summary>Checks inclusion and consistency proofs exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 describe.</summary>
public static class ProofVerifier
{
    /// <summary>Whether <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Size || proof.Any(p => p.Length != MerkleHash.Size))
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>Whether the tree of <paramref name="size1"/> with <paramref name="root1"/> is a prefix of the tree of <paramref name="size2"/> with <paramref name="root2"/>.</summary>
    public static bool VerifyConsistency(long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (size1 < 0 || size2 < size1 || proof.Any(p => p.Length != MerkleHash.Size))
        {
            return false;
        }

        if (size1 == size2)
        {
            return proof.Count == 0 && root1.SequenceEqual(root2);
        }

        if (size1 == 0)
        {
            // Every tree extends the empty tree: a "proof" of it proves nothing, and is refused as meaningless
            // (as the transparency-dev reference vectors expect).
            return false;
        }

        if (proof.Count == 0)
        {
            return false;
        }

        var path = new List<byte[]>(proof.Count + 1);
        if ((size1 & (size1 - 1)) == 0)
        {
            path.Add(root1.ToArray());
        }

        path.AddRange(proof);
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return fr.AsSpan().SequenceEqual(root1) && sr.AsSpan().SequenceEqual(root2) && sn == 0;
    }
}
