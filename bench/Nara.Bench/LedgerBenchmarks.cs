using BenchmarkDotNet.Attributes;
using Nara.Ledger;

namespace Nara.Bench;

/// <summary>Inclusion and consistency proofs over trees of 1M and 10M leaves, node hashes held in memory (as tiles).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LedgerBenchmarks
{
    private byte[][][] levels = [];
    private long size;
    private readonly Random random = new(7);

    [Params(1_000_000, 10_000_000)]
    public int Leaves { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        size = Leaves;
        var built = new List<byte[][]> { new byte[Leaves][] };
        for (var i = 0; i < Leaves; i++)
        {
            built[0][i] = MerkleHash.Leaf(BitConverter.GetBytes(i));
        }

        while (built[^1].Length > 1)
        {
            var below = built[^1];
            var above = new byte[below.Length / 2][];
            for (var i = 0; i < above.Length; i++)
            {
                above[i] = MerkleHash.Node(below[2 * i], below[(2 * i) + 1]);
            }

            built.Add(above);
        }

        levels = [.. built];
    }

    [Benchmark]
    public int InclusionProof() => MerkleTree.InclusionProof(random.NextInt64(size), size, Read).Count;

    [Benchmark]
    public int ConsistencyProof() => MerkleTree.ConsistencyProof(random.NextInt64(1, size), size, Read).Count;

    [Benchmark]
    public bool VerifyInclusion()
    {
        var index = random.NextInt64(size);
        var proof = MerkleTree.InclusionProof(index, size, Read);
        return ProofVerifier.VerifyInclusion(index, size, levels[0][index], proof, MerkleTree.Root(size, Read));
    }

    private byte[] Read(int level, long index) => levels[level][index];
}
