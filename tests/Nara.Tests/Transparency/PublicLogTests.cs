using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Ledger;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;
using Nara.Transparency.Log;

namespace Nara.Tests.Transparency;

/// <summary>The public log served as C2SP tlog-tiles: what a witness downloads must recompute to the signed root.</summary>
// No output cache here: these tests read the log again right after changing it, even behind Nara's back.
public sealed class PublicLogTests() : AppTest(new NaraApp().With("Log:Origin", "test.nara.example/log").With("Log:OutputCache", "false").With("Blueprints:Path", "no-blueprints-here").With("OpenData:RefreshInterval", "0"))
{
    [Fact]
    public async Task Log_AgenciesCreated_CheckpointSignedTilesRecomputeRootAndEntriesArePublicFacts()
    {
        var (_, code) = await app.CreateAgencyAsync("Ministry of Open Data");
        await app.CreateAgencyAsync();
        var size = await IntegrateAsync();
        var client = app.Session().Client;

        var verifier = new NoteVerifier(await client.GetStringAsync("/log/key"));
        var checkpointResponse = await client.GetAsync("/log/checkpoint");
        var checkpoint = Checkpoint.Parse(verifier.Open(await checkpointResponse.Content.ReadAsStringAsync()));
        var tile = await client.GetByteArrayAsync($"/log/tile/0/000.p/{size}");
        var bundle = await client.GetByteArrayAsync($"/log/tile/entries/000.p/{size}");

        Assert.Equal("test.nara.example/log", checkpoint.Origin);
        Assert.Equal(size, checkpoint.Size);
        Assert.Equal("public, max-age=2", checkpointResponse.Headers.CacheControl!.ToString());
        var leaves = Enumerable.Range(0, (int)size).Select(i => tile.AsSpan(i * 32, 32).ToArray()).ToList();
        Assert.Equal(checkpoint.Root, RootOf(leaves));
        var entries = Entries(bundle);
        Assert.Equal(leaves, entries.Select(e => MerkleHash.Leaf(e)));
        var text = string.Join('\n', entries.Select(System.Text.Encoding.UTF8.GetString));
        Assert.Contains("\"type\":\"identity.agency-created.v1\"", text, StringComparison.Ordinal);
        Assert.Contains(code, text, StringComparison.Ordinal);
        Assert.StartsWith("{\"v\":1,\"type\":", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proofs_FromApi_VerifyAgainstSignedCheckpointsAcrossAppends()
    {
        await app.CreateAgencyAsync();
        await app.CreateAgencyAsync();
        await app.CreateAgencyAsync();
        var oldSize = await IntegrateAsync();
        var client = app.Session().Client;
        var verifier = new NoteVerifier(await client.GetStringAsync("/log/key"));
        var old = Checkpoint.Parse(verifier.Open(await client.GetStringAsync("/log/checkpoint")));
        await AppendAsync(40);
        var newSize = await IntegrateAsync();
        var current = Checkpoint.Parse(verifier.Open(await client.GetStringAsync("/log/checkpoint")));
        var leaves = await client.GetByteArrayAsync($"/log/tile/0/000.p/{newSize}");

        var consistency = await client.GetFromJsonAsync<ConsistencyProofResponse>($"/api/v1/log/proof/consistency?from={oldSize}&to={newSize}");
        Assert.True(ProofVerifier.VerifyConsistency(old.Size, current.Size, [.. consistency!.Proof.Select(Convert.FromBase64String)], old.Root, current.Root));
        for (var index = 0; index < newSize; index += 7)
        {
            var inclusion = await client.GetFromJsonAsync<InclusionProofResponse>($"/api/v1/log/proof/inclusion?index={index}&size={newSize}");
            Assert.True(ProofVerifier.VerifyInclusion(index, newSize, leaves.AsSpan(index * 32, 32), [.. inclusion!.Proof.Select(Convert.FromBase64String)], current.Root));
        }
    }

    [Fact]
    public async Task Proofs_UpperNodesKeptInMemory_StillVerifyAfterTheTreeGrows()
    {
        // More than two full tiles, so proofs need nodes above the bottom tile level, which the reader keeps once read.
        await AppendAsync(600);
        var firstSize = await IntegrateAsync();
        var client = app.Session().Client;
        var verifier = new NoteVerifier(await client.GetStringAsync("/log/key"));
        var first = Checkpoint.Parse(verifier.Open(await client.GetStringAsync("/log/checkpoint")));
        Assert.Equal(firstSize, first.Size);
        await AssertProofsVerifyAsync(client, first);

        await AppendAsync(300);
        var size = await IntegrateAsync();
        var current = Checkpoint.Parse(verifier.Open(await client.GetStringAsync("/log/checkpoint")));
        Assert.Equal(size, current.Size);
        await AssertProofsVerifyAsync(client, current);
        var consistency = await client.GetFromJsonAsync<ConsistencyProofResponse>($"/api/v1/log/proof/consistency?from={first.Size}&to={size}");
        Assert.True(ProofVerifier.VerifyConsistency(first.Size, current.Size, [.. consistency!.Proof.Select(Convert.FromBase64String)], first.Root, current.Root));
    }

    private static async Task AssertProofsVerifyAsync(HttpClient client, Checkpoint checkpoint)
    {
        var leaves = new List<byte>();
        for (var tile = 0L; tile * 256 < checkpoint.Size; tile++)
        {
            var width = Math.Min(256, checkpoint.Size - (tile * 256));
            leaves.AddRange(await client.GetByteArrayAsync(width == 256 ? $"/log/tile/0/{tile:000}" : $"/log/tile/0/{tile:000}.p/{width}"));
        }

        var hashes = leaves.ToArray();
        for (var index = 0L; index < checkpoint.Size; index += 29)
        {
            var proof = await client.GetFromJsonAsync<InclusionProofResponse>($"/api/v1/log/proof/inclusion?index={index}&size={checkpoint.Size}");
            Assert.True(ProofVerifier.VerifyInclusion(index, checkpoint.Size, hashes.AsSpan((int)index * 32, 32), [.. proof!.Proof.Select(Convert.FromBase64String)], checkpoint.Root), $"leaf {index} of {checkpoint.Size}");
        }
    }

    [Fact]
    public async Task Tiles_FullTileImmutableAndHigherLevelTileIsTheSubtreeRoot()
    {
        await AppendAsync(300);
        var size = await IntegrateAsync();
        var client = app.Session().Client;

        var full = await client.GetAsync("/log/tile/0/000");
        var fullBytes = await full.Content.ReadAsByteArrayAsync();
        var levelOne = await client.GetByteArrayAsync("/log/tile/1/000.p/1");
        var rest = await client.GetByteArrayAsync($"/log/tile/0/001.p/{size - 256}");

        Assert.Equal(300, size);
        Assert.Equal(256 * 32, fullBytes.Length);
        Assert.Contains("immutable", full.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var leaves = Enumerable.Range(0, 256).Select(i => fullBytes.AsSpan(i * 32, 32).ToArray()).ToList();
        Assert.Equal(RootOf(leaves), levelOne);
        Assert.Equal(44 * 32, rest.Length);
    }

    [Fact]
    public async Task Receipt_PendingThenIntegrated_VerifiesOnItsOwnAndAgainstTheLog()
    {
        await app.CreateAgencyAsync();
        await IntegrateAsync();
        // Another instance holds the sequencer's lease, so the entry stays pending until it lets go (the background
        // sequencer would otherwise integrate it within 250 ms, before the first look).
        await SetLeaseAsync(Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(1));
        var leaf = await app.WithScopeAsync(async sp =>
        {
            var hash = sp.GetRequiredService<PublicLog>().Append("test.receipt.v1", new { n = 1 });
            await sp.GetRequiredService<NaraDb>().SaveChangesAsync();
            return hash;
        });
        var client = app.Session().Client;
        var url = $"/api/v1/log/receipts/{Convert.ToHexStringLower(leaf)}";
        var key = (await client.GetStringAsync("/log/key")).Trim();

        var pending = await client.GetFromJsonAsync<Receipt>(url);
        Assert.Equal("pending", pending!.Status);
        Assert.NotNull(pending.Verify(key).Problem);

        await SetLeaseAsync(null, null);
        await IntegrateAsync();
        await AppendAsync(10);
        await IntegrateAsync();
        var receipt = await client.GetFromJsonAsync<Receipt>(url);
        var (checkpoint, problem) = receipt!.Verify(key);
        Assert.Null(problem);
        Assert.Equal(receipt.TreeSize, checkpoint!.Size);
        Assert.Equal(Convert.ToBase64String(leaf), receipt.LeafHash);

        var report = await new LogWitness(client).VerifyAsync(client.BaseAddress!, key, null, default, receipt);
        Assert.True(report.Ok, report.Message);
        var forged = receipt with { Index = receipt.Index + 1 };
        Assert.NotNull(forged.Verify(key).Problem);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/log/receipts/{new string('0', 64)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/log/receipts/not-a-hash")).StatusCode);
    }

    [Fact]
    public async Task Checkpoint_WithOutputCache_ServedFromMemoryForASecond()
    {
        var cached = new NaraApp(app).With("Log:OutputCache", "true");
        await cached.InitializeAsync();
        try
        {
            await app.CreateAgencyAsync();
            await IntegrateAsync();
            var client = cached.Session().Client;
            var first = await client.GetStringAsync("/log/checkpoint");

            await AppendAsync(5);
            await IntegrateAsync();
            var soon = await client.GetStringAsync("/log/checkpoint");
            await Task.Delay(1500);
            var later = await client.GetStringAsync("/log/checkpoint");

            Assert.Equal(first, soon);
            Assert.NotEqual(first, later);
        }
        finally
        {
            await ((IAsyncLifetime)cached).DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/log/tile/0/1234")]
    [InlineData("/log/tile/0/x000/001")]
    [InlineData("/log/tile/64/000")]
    [InlineData("/log/tile/0/000.p/0")]
    [InlineData("/log/tile/0/000.p/256")]
    [InlineData("/log/tile/0/999")]
    [InlineData("/log/tile/entries/x001/000")]
    [InlineData("/log/tile/../../etc/passwd")]
    public async Task Tiles_MalformedOrBeyondTheTree_404(string path)
    {
        await app.CreateAgencyAsync();
        await IntegrateAsync();

        var response = await app.Session().Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/log/proof/inclusion?index=0&size=1000")]
    [InlineData("/api/v1/log/proof/inclusion?index=5&size=2")]
    [InlineData("/api/v1/log/proof/inclusion?index=-1&size=1")]
    [InlineData("/api/v1/log/proof/consistency?from=3&to=1")]
    [InlineData("/api/v1/log/proof/consistency?from=0&to=1000")]
    [InlineData("/api/v1/log/proof/inclusion?index=abc&size=1")]
    public async Task Proofs_OutOfRange_400ProblemDetails(string url)
    {
        await app.CreateAgencyAsync();
        await IntegrateAsync();

        var response = await app.Session().Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Witness_HonestLogVerifies_TamperedEntryAndRewrittenTreeAreCaught()
    {
        await app.CreateAgencyAsync();
        await AppendAsync(20);
        await IntegrateAsync();
        var client = app.Session().Client;
        var site = client.BaseAddress!;
        var key = (await client.GetStringAsync("/log/key")).Trim();
        var witness = new LogWitness(client);

        var first = await witness.VerifyAsync(site, key, null, default);
        Assert.True(first.Ok, first.Message);
        var seen = new WitnessState(key, first.Checkpoint!.Size, Convert.ToBase64String(first.Checkpoint.Root));

        await AppendAsync(300);
        await IntegrateAsync();
        var second = await witness.VerifyAsync(site, key, seen, default);
        Assert.True(second.Ok, second.Message);
        Assert.Contains("consistent with the 21 entries seen before", second.Message, StringComparison.Ordinal);

        // Someone edits an entry in the database behind Nara's back.
        var forged = System.Text.Encoding.UTF8.GetBytes("{\"v\":1,\"type\":\"test.entry.v1\",\"n\":999}");
        await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<LogEntry>().Where(e => e.Index == 3)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Data, forged)));
        var tampered = await witness.VerifyAsync(site, key, seen, default);
        Assert.False(tampered.Ok);
        Assert.Equal("entry 3 does not match its leaf hash", tampered.Message);

        // Someone with the signing key rebuilds and re-signs the whole tree around the forged entry.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NaraDb>();
            await db.Set<LogNode>().ExecuteDeleteAsync();
            await db.Set<LogCheckpoint>().ExecuteDeleteAsync();
            await db.Set<LogEntry>().Where(e => e.Index == 3).ExecuteUpdateAsync(u => u.SetProperty(e => e.LeafHash, MerkleHash.Leaf(forged)));
            return await db.Set<LogEntry>().ExecuteUpdateAsync(u => u.SetProperty(e => e.Index, (long?)null));
        });
        await IntegrateAsync();
        var rewritten = await witness.VerifyAsync(site, key, seen, default);
        Assert.False(rewritten.Ok);
        Assert.StartsWith("the tree was rewritten", rewritten.Message, StringComparison.Ordinal);
    }

    private Task<int> AppendAsync(int count) => app.WithScopeAsync(async sp =>
    {
        var log = sp.GetRequiredService<PublicLog>();
        for (var i = 0; i < count; i++)
        {
            log.Append("test.entry.v1", new { n = i });
        }

        return await sp.GetRequiredService<NaraDb>().SaveChangesAsync();
    });

    private Task<int> SetLeaseAsync(Guid? holder, DateTimeOffset? until) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<SequencerLease>()
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until)));

    private async Task<long> IntegrateAsync()
    {
        var sequencer = app.Services.GetRequiredService<Sequencer>();
        long size = 0;
        // The background sequencer may be integrating too; either way the batch lands.
        for (var i = 0; i < 50; i++)
        {
            await sequencer.IntegrateAsync(default);
            var latest = await app.Services.GetRequiredService<LogReader>().LatestCheckpointAsync(default);
            var pending = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<NaraDb>().Set<LogEntry>().Count(e => e.Index == null)));
            size = latest?.Size ?? 0;
            if (pending == 0 && size > 0)
            {
                return size;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The log did not integrate");
    }

    /// <summary>The root recomputed from leaf hashes alone, as a witness does.</summary>
    private static byte[] RootOf(List<byte[]> leafHashes)
    {
        byte[] Read(int level, long index) => level == 0 ? leafHashes[(int)index] : MerkleHash.Node(Read(level - 1, 2 * index), Read(level - 1, (2 * index) + 1));
        return MerkleTree.Root(leafHashes.Count, Read);
    }

    private static List<byte[]> Entries(byte[] bundle)
    {
        var entries = new List<byte[]>();
        for (var at = 0; at < bundle.Length;)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(at));
            entries.Add(bundle.AsSpan(at + 2, length).ToArray());
            at += 2 + length;
        }

        return entries;
    }
}
