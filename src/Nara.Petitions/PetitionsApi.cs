using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Petitions;

public sealed record RegionResponse(string Code, string Name);

public sealed record PetitionSummaryResponse(long Id, string Title, string State, int Signatures, DateTimeOffset? OpenedAt, DateTimeOffset? ClosesAt);

public sealed record PetitionResponse(long Id, string Title, string Action, string Background, string Creator, string State, int Signatures,
    IReadOnlyDictionary<string, int> SignaturesByRegion, int? NextThreshold, DateTimeOffset? OpenedAt, DateTimeOffset? ClosesAt, DateTimeOffset? ClosedAt,
    DateTimeOffset? ResponseThresholdAt, DateOnly? ResponseDueOn, DateTimeOffset? DebateThresholdAt, string? Response, DateTimeOffset? RespondedAt,
    string? RejectionReason, string? RejectionDetails);

public sealed record SignatureRequest(string? Name, string? Email, string? Region, bool Declaration, bool Notify);

public sealed record SignatureAccepted(string Status, string Petition);

/// <summary>Petitions as JSON: the same handlers as the pages. Counts are served from memory for a few seconds.</summary>
internal static class PetitionsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Petitions");
        api.MapGet("/regions", (Jurisdiction jurisdiction) => TypedResults.Ok(jurisdiction.Regions.Select(r => new RegionResponse(r.Key, r.Value)).ToList()))
            .WithName("ListRegions").WithSummary("The jurisdiction's regions (constituencies or districts): code and name")
            .CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)));
        api.MapGet("/petitions", ListAsync).WithName("ListPetitions").WithSummary("Published petitions, most signed first; filter by state, search the titles")
            .CacheOutput(p => p.Expire(TimeSpan.FromSeconds(5)).SetVaryByQuery("state", "q"));
        api.MapGet("/petitions/{id:long}", GetAsync).WithName("GetPetition").WithSummary("One petition with its confirmed count, by region, and the next threshold")
            .CacheOutput(p => p.Expire(TimeSpan.FromSeconds(2)));
        api.MapPost("/petitions/{id:long}/signatures", SignAsync).WithName("SignPetition")
            .WithSummary("Sign: the signature counts once the email link is confirmed. Always 202 for a valid request, whether or not the address signed before")
            .DisableAntiforgery().RequireRateLimiting(PetitionsModule.SigningRateLimit);
    }

    private static async Task<Results<Ok<List<PetitionSummaryResponse>>, ProblemHttpResult>> ListAsync(string? state, string? q, NaraDb db, CancellationToken cancellationToken)
    {
        if (state is not null && state is not (Petition.Open or Petition.Closed or Petition.Rejected))
        {
            return TypedResults.Problem(statusCode: 400, title: "state must be open, closed or rejected.", type: "https://nara.example/problems/bad-query");
        }

        var rows = await PetitionQueries.Published(db, state, q).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(p => new PetitionSummaryResponse(p.Id, p.Title, p.State, p.Signatures, p.OpenedAt, p.ClosesAt)).ToList());
    }

    private static async Task<Results<Ok<PetitionResponse>, NotFound>> GetAsync(long id, NaraDb db, IOptions<PetitionOptions> options, CancellationToken cancellationToken)
    {
        var petition = await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (petition is null || !PetitionQueries.IsPublic(petition))
        {
            return TypedResults.NotFound();
        }

        var regions = await PetitionQueries.RegionsAsync(db, id, cancellationToken);
        var hidden = petition.Hidden;
        return TypedResults.Ok(new PetitionResponse(petition.Id, petition.Title, hidden ? "" : petition.Action, hidden ? "" : petition.Background, petition.CreatorName, petition.State,
            petition.Signatures, regions, PetitionQueries.NextThreshold(petition, options.Value), petition.OpenedAt, petition.ClosesAt, petition.ClosedAt,
            petition.ResponseThresholdAt, petition.ResponseDueOn, petition.DebateThresholdAt, petition.Response, petition.RespondedAt, petition.RejectionReason, petition.RejectionDetails));
    }

    private static async Task<Results<Accepted<SignatureAccepted>, NotFound, ProblemHttpResult>> SignAsync(long id, SignatureRequest request, HttpContext http, PetitionWork work, SignatureIntake intake, CancellationToken cancellationToken)
    {
        var petition = await work.FindForSigningAsync(id, cancellationToken);
        if (petition is null || !PetitionQueries.IsPublic(petition))
        {
            return TypedResults.NotFound();
        }

        var outcome = await intake.SignAsync(petition, new SignRequest(request.Name, request.Email, request.Region, request.Declaration, request.Notify), "api",
            http.Connection.RemoteIpAddress, $"{http.Request.Scheme}://{http.Request.Host}", throughSupportLink: false, cancellationToken);
        if (!outcome.Accepted)
        {
            return TypedResults.Problem(
                statusCode: outcome.Errors.ContainsKey("") ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
                title: outcome.Errors.ContainsKey("") ? outcome.Errors[""] : "Some fields need attention.",
                type: "https://nara.example/problems/signature",
                extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors.Where(e => e.Key.Length > 0).ToDictionary(e => e.Key, e => new[] { e.Value }) });
        }

        return TypedResults.Accepted($"/api/v1/petitions/{id}", new SignatureAccepted("Check your email: the signature counts once you confirm it with the link we sent.", $"/api/v1/petitions/{id}"));
    }
}

/// <summary>Reads shared by pages and API.</summary>
internal static class PetitionQueries
{
    /// <summary>Open, closed, and rejected petitions are public (a hidden rejection shows only its title and reason).</summary>
    public static bool IsPublic(Petition petition) => petition.State is Petition.Open or Petition.Closed or Petition.Rejected;

    public static IQueryable<Petition> Published(NaraDb db, string? state, string? q)
    {
        var query = db.Set<Petition>().AsNoTracking().Where(p => p.State == Petition.Open || p.State == Petition.Closed || p.State == Petition.Rejected);
        if (state is not null)
        {
            query = query.Where(p => p.State == state);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower() by EF Core, not run in .NET.
            query = query.Where(p => p.Title.ToLower().Contains(words) || (!p.Hidden && p.Action.ToLower().Contains(words)));
#pragma warning restore CA1304, CA1311, CA1862
        }

        return query.OrderByDescending(p => p.Signatures).ThenByDescending(p => p.Id);
    }

    public static async Task<IReadOnlyDictionary<string, int>> RegionsAsync(NaraDb db, long id, CancellationToken cancellationToken) =>
        (await db.Set<RegionCount>().AsNoTracking().Where(c => c.PetitionId == id && c.Count > 0).ToListAsync(cancellationToken))
            .OrderBy(c => c.Region, StringComparer.Ordinal).ToDictionary(c => c.Region, c => c.Count);

    public static int? NextThreshold(Petition petition, PetitionOptions options) =>
        petition.State == Petition.GatheringSupport ? options.Supporters
        : petition.Signatures < options.ResponseThreshold ? options.ResponseThreshold
        : petition.Signatures < options.DebateThreshold ? options.DebateThreshold
        : null;
}
