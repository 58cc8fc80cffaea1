using CsCheck;
using Nara.Ledger;

namespace Nara.Tests.Ledger;

/// <summary>
/// RFC 6962 hashing and proofs. The leaves and roots are the reference vectors of
/// github.com/transparency-dev/merkle, file testonly/constants.go (LeafInputs and RootHashes, Apache-2.0).
/// </summary>
public sealed class MerkleTreeTests
{
    private static readonly string[] LeafInputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Root_ReferenceLeaves_MatchesPublishedRoot(int size)
    {
        var tree = new MemoryTree(LeafInputs.Take(size).Select(Convert.FromHexString));

        Assert.Equal(Roots[size], Convert.ToHexStringLower(tree.Root()));
    }

    [Fact]
    public void ConsistencyProof_TwoToFive_MatchesPublishedProof()
    {
        // testdata/consistency/3/happy-path.json: size1 2, size2 5.
        var tree = new MemoryTree(LeafInputs.Take(5).Select(Convert.FromHexString));

        var proof = MerkleTree.ConsistencyProof(2, 5, tree.Read);

        Assert.Equal(["Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=", "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms="], proof.Select(Convert.ToBase64String));
        Assert.True(ProofVerifier.VerifyConsistency(2, 5, proof, Convert.FromHexString(Roots[2]), Convert.FromHexString(Roots[5])));
    }

    [Fact]
    public void Proofs_EveryLeafAndEveryPairOfSizes_GeneratedProofsVerify()
    {
        var tree = new MemoryTree(Enumerable.Range(0, 70).Select(i => BitConverter.GetBytes(i)));
        for (var size = 1; size <= 70; size++)
        {
            var root = tree.Root(size);
            for (var index = 0; index < size; index++)
            {
                var proof = MerkleTree.InclusionProof(index, size, tree.Read);
                Assert.True(ProofVerifier.VerifyInclusion(index, size, tree.Leaf(index), proof, root), $"inclusion {index} in {size}");
                Assert.False(ProofVerifier.VerifyInclusion(index, size, MerkleHash.Leaf([1, 2, 3]), proof, root));
            }

            for (var older = 1; older <= size; older++)
            {
                var proof = MerkleTree.ConsistencyProof(older, size, tree.Read);
                Assert.True(ProofVerifier.VerifyConsistency(older, size, proof, tree.Root(older), root), $"consistency {older} → {size}");
            }
        }
    }

    [Fact]
    public void Proofs_AnyFlippedBit_Rejected() =>
        Gen.Select(Gen.Int[2, 40], Gen.Int[0, 1000], Gen.Int[0, 255]).Sample((size, pick, bit) =>
        {
            var tree = new MemoryTree(Enumerable.Range(0, size).Select(i => BitConverter.GetBytes(i * 7)));
            var index = pick % size;
            var proof = MerkleTree.InclusionProof(index, size, tree.Read);
            if (proof.Count == 0)
            {
                return true;
            }

            var which = pick % proof.Count;
            proof[which] = (byte[])proof[which].Clone();
            proof[which][bit % 32] ^= (byte)(1 << (bit % 8));
            return !ProofVerifier.VerifyInclusion(index, size, tree.Leaf(index), proof, tree.Root(size));
        });

    [Theory]
    [InlineData(0, "000")]
    [InlineData(5, "005")]
    [InlineData(999, "999")]
    [InlineData(1000, "x001/000")]
    [InlineData(1234067, "x001/x234/067")]
    public void TilePath_EncodesAndDecodesAsC2spSpecifies(long index, string path)
    {
        Assert.Equal(path, TilePath.Encode(index));
        Assert.Equal(index, TilePath.Decode(path));
    }

    [Theory]
    [InlineData("1234067")]
    [InlineData("x001/234/067")]
    [InlineData("001/x234")]
    [InlineData("x000/005")]
    [InlineData("../etc/passwd")]
    [InlineData("")]
    public void TilePath_NonCanonical_Refused(string path) => Assert.Null(TilePath.Decode(path));

    /// <summary>A tree held in memory with every complete subtree's hash, as tiles store it.</summary>
    internal sealed class MemoryTree
    {
        private readonly List<List<byte[]>> levels = [[]];

        public MemoryTree(IEnumerable<byte[]> leaves)
        {
            foreach (var leaf in leaves)
            {
                Append(MerkleHash.Leaf(leaf));
            }
        }

        public long Size => levels[0].Count;

        public byte[] Leaf(long index) => levels[0][(int)index];

        public byte[] Read(int level, long index) => levels[level][(int)index];

        public byte[] Root(long? size = null) => MerkleTree.Root(size ?? Size, Read);

        private void Append(byte[] hash)
        {
            levels[0].Add(hash);
            for (var level = 0; levels[level].Count % 2 == 0; level++)
            {
                if (levels.Count == level + 1)
                {
                    levels.Add([]);
                }

                var nodes = levels[level];
                levels[level + 1].Add(MerkleHash.Node(nodes[^2], nodes[^1]));
            }
        }
    }
}
