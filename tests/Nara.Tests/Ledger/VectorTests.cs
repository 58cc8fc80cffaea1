using System.Text.Json;
using Nara.Ledger;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Ledger;

/// <summary>
/// The inclusion and consistency proof test vectors of github.com/transparency-dev/merkle (testdata/, Apache-2.0),
/// copied unchanged into Ledger/Vectors: every good proof verifies and every bad one (wantErr) is refused.
/// </summary>
public sealed class VectorTests
{
    private static string Folder(string kind) => Path.Combine(Repository.Root, "tests", "Nara.Tests", "Ledger", "Vectors", kind);

    public static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder(kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Folder(kind), file));
        }

        return data;
    }

    [Fact]
    public void Vectors_ArePresent()
    {
        Assert.True(Files("inclusion").Count >= 100, "inclusion vectors missing");
        Assert.True(Files("consistency").Count >= 100, "consistency vectors missing");
    }

    [Theory]
    [MemberData(nameof(Files), "inclusion")]
    public void Inclusion_Vector_VerifiesExactlyWhenExpected(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder("inclusion"), file)));
        var v = json.RootElement;
        var index = Number(v.TryGetProperty("leafIdx", out var idx) ? idx : v.GetProperty("leafIndex"));

        var ok = ProofVerifier.VerifyInclusion(index, Number(v.GetProperty("treeSize")), Bytes(v, "leafHash"), Proof(v), Bytes(v, "root"));

        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), ok);
    }

    [Theory]
    [MemberData(nameof(Files), "consistency")]
    public void Consistency_Vector_VerifiesExactlyWhenExpected(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder("consistency"), file)));
        var v = json.RootElement;

        var ok = ProofVerifier.VerifyConsistency(Number(v.GetProperty("size1")), Number(v.GetProperty("size2")), Proof(v), Bytes(v, "root1"), Bytes(v, "root2"));

        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), ok);
    }

    // The vectors are unsigned 64-bit; values beyond a signed long (such as 0 − 1 wrapped) can only be wrong.
    private static long Number(JsonElement value) => value.GetUInt64() is var n && n <= long.MaxValue ? (long)n : -1;

    private static byte[] Bytes(JsonElement v, string name) =>
        v.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Convert.FromBase64String(value.GetString()!) : [];

    private static List<byte[]> Proof(JsonElement v) =>
        v.TryGetProperty("proof", out var proof) && proof.ValueKind == JsonValueKind.Array
            ? [.. proof.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? Convert.FromBase64String(p.GetString()!) : [])]
            : [];
}
