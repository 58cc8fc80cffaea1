using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nara.Ledger;

namespace Nara.Transparency.Log;

public sealed record InclusionProofResponse(long Index, long Size, IReadOnlyList<string> Proof);

public sealed record ConsistencyProofResponse(long From, long To, IReadOnlyList<string> Proof);

/// <summary>
/// The log as C2SP tlog-tiles serves it (/log/checkpoint, /log/key, /log/tile/…) and proofs as JSON.
/// Full tiles never change and are cacheable forever; the checkpoint for a couple of seconds.
/// </summary>
internal static partial class LogApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var log = endpoints.MapGroup("/log").ExcludeFromDescription();
        var checkpoint = log.MapGet("/checkpoint", GetCheckpointAsync);
        var key = log.MapGet("/key", (LogKeys keys) => TypedResults.Text(keys.Signer.VerifierKey + "\n", "text/plain; charset=utf-8"));
        var tiles = log.MapGet("/tile/{**path}", GetTileAsync);

        // Served from memory (ASP.NET Core output caching) so that crowds refreshing do not reach the database:
        // the checkpoint for a second, tiles for a minute (a full tile never changes; a partial one is fixed by its width).
        if (endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Log:OutputCache", true))
        {
            checkpoint.CacheOutput(p => p.Expire(TimeSpan.FromSeconds(1)));
            key.CacheOutput();
            tiles.CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)));
        }

        var api = endpoints.MapGroup("/api/v1/log").WithTags("Public log");
        api.MapGet("/proof/inclusion", GetInclusionProofAsync).WithName("GetInclusionProof").WithSummary("RFC 9162 inclusion proof of an entry in a tree size");
        api.MapGet("/receipts/{leafHash}", GetReceiptAsync).WithName("GetReceipt")
            .WithSummary("The receipt for a log entry, by its leaf hash in hex: pending, or its index, an inclusion proof and the signed checkpoint");
        api.MapGet("/proof/consistency", GetConsistencyProofAsync).WithName("GetConsistencyProof").WithSummary("RFC 9162 consistency proof between two tree sizes");
    }

    private static async Task<IResult> GetCheckpointAsync(LogReader reader, HttpContext context, CancellationToken cancellationToken)
    {
        var latest = await reader.LatestCheckpointAsync(cancellationToken);
        if (latest is null)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=2";
        return TypedResults.Text(latest.Value.Note, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> GetTileAsync(string path, LogReader reader, HttpContext context, CancellationToken cancellationToken)
    {
        var match = TileRoute().Match(path);
        if (!match.Success || TilePath.Decode(match.Groups["n"].Value) is not { } index)
        {
            return TypedResults.NotFound();
        }

        var partial = match.Groups["w"].Success;
        var width = partial ? int.Parse(match.Groups["w"].Value, CultureInfo.InvariantCulture) : TilePath.Width;
        if (width is < 1 or >= TilePath.Width && partial)
        {
            return TypedResults.NotFound();
        }

        var data = match.Groups["entries"].Success
            ? await reader.EntryBundleAsync(index, width, cancellationToken)
            : await reader.TileAsync(int.Parse(match.Groups["l"].Value, CultureInfo.InvariantCulture), index, width, cancellationToken);
        if (data is null)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = partial ? "public, max-age=60" : "public, max-age=31536000, immutable";
        return TypedResults.Bytes(data, "application/octet-stream");
    }

    private static async Task<Results<Ok<InclusionProofResponse>, ProblemHttpResult>> GetInclusionProofAsync(long index, long size, LogReader reader, CancellationToken cancellationToken)
    {
        var latest = (await reader.LatestCheckpointAsync(cancellationToken))?.Size ?? 0;
        if (size < 1 || size > latest || index < 0 || index >= size)
        {
            return TypedResults.Problem($"Ask for 0 ≤ index < size ≤ {latest} (the latest checkpoint's size)", statusCode: StatusCodes.Status400BadRequest, title: "No such proof");
        }

        var proof = await reader.InclusionProofAsync(index, size, cancellationToken);
        return TypedResults.Ok(new InclusionProofResponse(index, size, [.. proof.Select(Convert.ToBase64String)]));
    }

    private static async Task<Results<Ok<ConsistencyProofResponse>, ProblemHttpResult>> GetConsistencyProofAsync(long from, long to, LogReader reader, CancellationToken cancellationToken)
    {
        var latest = (await reader.LatestCheckpointAsync(cancellationToken))?.Size ?? 0;
        if (from < 0 || from > to || to > latest)
        {
            return TypedResults.Problem($"Ask for 0 ≤ from ≤ to ≤ {latest} (the latest checkpoint's size)", statusCode: StatusCodes.Status400BadRequest, title: "No such proof");
        }

        var proof = await reader.ConsistencyProofAsync(from, to, cancellationToken);
        return TypedResults.Ok(new ConsistencyProofResponse(from, to, [.. proof.Select(Convert.ToBase64String)]));
    }

    private static async Task<Results<Ok<Receipt>, ProblemHttpResult>> GetReceiptAsync(string leafHash, LogReader reader, CancellationToken cancellationToken)
    {
        if (leafHash.Length != 64 || !leafHash.All(Uri.IsHexDigit))
        {
            return TypedResults.Problem("Give the entry's leaf hash as 64 hexadecimal digits", statusCode: StatusCodes.Status400BadRequest, title: "Not a leaf hash");
        }

        var receipt = await reader.ReceiptAsync(Convert.FromHexString(leafHash), cancellationToken);
        return receipt is null
            ? TypedResults.Problem("No entry with this leaf hash is in the log", statusCode: StatusCodes.Status404NotFound, title: "Unknown entry")
            : TypedResults.Ok(receipt);
    }

    // <L>/<N>[.p/<W>] or entries/<N>[.p/<W>]; N is validated by TilePath.Decode.
    [GeneratedRegex(@"^(?:(?<entries>entries)|(?<l>[0-9]|[1-5][0-9]|6[0-3]))/(?<n>(?:x[0-9]{3}/)*[0-9]{3})(?:\.p/(?<w>[1-9][0-9]{0,2}))?$")]
    private static partial Regex TileRoute();
}
