using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Petitions;

public sealed record RegionResponse(string Code, string Name);

public sealed record PetitionSummaryResponse(long Id, string Title, string State, int Signatures, DateTimeOffset? OpenedAt, DateTimeOffset? ClosesAt);

public sealed record PetitionResponse(long Id, string Title, string Action, string Background, string Creator, string State, int Signatures,
    IReadOnlyDictionary<string, int> SignaturesByRegion, int? NextThreshold, DateTimeOffset? OpenedAt, DateTimeOffset? ClosesAt, DateTimeOffset? ClosedAt,
    DateTimeOffset? ResponseThresholdAt, DateOnly? ResponseDueOn, DateTimeOffset? DebateThresholdAt, string? Response, DateTimeOffset? RespondedAt,
    string? RejectionReason, string? RejectionDetails);

public sealed record SignatureRequest(string? Name, string? Email, string? Region, bool Declaration, bool Notify, string? SupportKey = null, string? Phone = null);

/// <summary>The code a signer by SMS received, with the number it went to.</summary>
public sealed record SignatureCode(string? Phone, string? Code);

/// <summary>A confirmed signature: the hex hash of its public-log entry (the receipt is at /api/v1/log/receipts/{receipt}).</summary>
public sealed record SignatureConfirmedResponse(string? Receipt);

public sealed record CreatePetitionRequest(string? Title, string? Action, string? Background, bool Anyway = false);

public sealed record MyPetitionResponse(long Id, string Title, string State, int Signatures, string? SupportLink, DateOnly? ModerationDueOn, string? RejectionReason);

public sealed record ModerationQueueResponse(long Id, string Title, int Supporters, DateOnly? DecideBy);

public sealed record PublishRequest(string? Agency);

public sealed record RejectRequest(string? Reason, string? Details);

public sealed record InvalidateRequest(string? Pattern, string? Value, DateTimeOffset? From, DateTimeOffset? To, string? Reason);

public sealed record InvalidatedResponse(int Invalidated);

public sealed record RespondRequest(string? Response);

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
        api.MapPost("/petitions/{id:long}/signatures/confirm", ConfirmCodeAsync).WithName("ConfirmSignatureCode")
            .WithSummary("Confirm a signature made where signatures are confirmed by SMS: the number and the six-digit code. A wrong code, an unknown number and one already counted get the same 409")
            .DisableAntiforgery().RequireRateLimiting(PetitionsModule.SigningRateLimit);

        var mine = api.MapGroup("").RequireAuthorization(NaraPolicies.SignedIn);
        mine.MapPost("/petitions", CreateAsync).WithName("CreatePetition")
            .WithSummary("Start a petition. When similar petitions exist the answer is 409 with them, unless \"anyway\" is true");
        mine.MapGet("/petitions/mine", MineAsync).WithName("MyPetitions").WithSummary("The petitions you started, with the private link for supporters while it gathers them");
        mine.MapPost("/petitions/{id:long}/response", RespondAsync).WithName("RespondToPetition")
            .WithSummary("The responsible agency publishes the government's response (its officers, supervisors and director)").RequireAuthorization(NaraPolicies.Staff);

        var moderation = api.MapGroup("/moderation/petitions").RequireAuthorization(NaraPolicies.Moderator);
        moderation.MapGet("", QueueAsync).WithName("ModerationQueue").WithSummary("Petitions waiting for moderation, soonest deadline first");
        moderation.MapPost("/{id:long}/publish", PublishAsync).WithName("PublishPetition").WithSummary("Publish, naming the agency (code or id) that must respond");
        moderation.MapPost("/{id:long}/reject", RejectAsync).WithName("RejectPetition").WithSummary("Reject with a reason from the configured list");
        moderation.MapPost("/{id:long}/invalidations", InvalidateAsync).WithName("InvalidateSignatures")
            .WithSummary("Take signatures matching a domain, a network or a time window off the count, with a published reason");
    }

    private static async Task<Results<Created<MyPetitionResponse>, Conflict<List<PetitionSummaryResponse>>, ProblemHttpResult>> CreateAsync(
        CreatePetitionRequest request, ClaimsPrincipal user, PetitionWork work, IAgencyDirectory directory, HttpContext http, CancellationToken cancellationToken)
    {
        if (!user.MayWrite())
        {
            return ReadOnly();
        }

        var errors = PetitionWork.Check(request.Title, request.Action, request.Background);
        if (errors.Count == 0 && !request.Anyway && await work.SimilarAsync(request.Title, cancellationToken) is { Count: > 0 } similar)
        {
            return TypedResults.Conflict(similar.Select(p => new PetitionSummaryResponse(p.Id, p.Title, p.State, p.Signatures, p.OpenedAt, p.ClosesAt)).ToList());
        }

        var me = UserId(user);
        var person = await directory.PersonAsync(me, cancellationToken);
        var result = errors.Count > 0 ? new PetitionResult(null, errors) : await work.CreateAsync(me, person?.Name ?? "", request.Title, request.Action, request.Background, cancellationToken);
        if (!result.Succeeded)
        {
            return Invalid(result.Errors);
        }

        var petition = (await work.FindAsync(result.Id!.Value, cancellationToken))!;
        return TypedResults.Created($"/api/v1/petitions/mine", Mine(petition, work, http));
    }

    private static async Task<Ok<List<MyPetitionResponse>>> MineAsync(ClaimsPrincipal user, NaraDb db, PetitionWork work, HttpContext http, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        var rows = await db.Set<Petition>().AsNoTracking().Where(p => p.CreatorId == me).OrderByDescending(p => p.CreatedAt).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(p => Mine(p, work, http)).ToList());
    }

    private static async Task<Ok<List<ModerationQueueResponse>>> QueueAsync(NaraDb db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Petition>().AsNoTracking().Where(p => p.State == Petition.AwaitingModeration)
            .OrderBy(p => p.ModerationDueOn).ThenBy(p => p.Id).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(p => new ModerationQueueResponse(p.Id, p.Title, p.Signatures, p.ModerationDueOn)).ToList());
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> PublishAsync(long id, PublishRequest request, ClaimsPrincipal user, PetitionWork work, IAgencyDirectory directory, CancellationToken cancellationToken)
    {
        if (!user.MayWrite())
        {
            return ReadOnly();
        }

        var petition = await work.FindAsync(id, cancellationToken);
        if (petition is null)
        {
            return TypedResults.NotFound();
        }

        var agency = (await directory.AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Code == request.Agency || a.Id.ToString() == request.Agency);
        return Outcome(await work.PublishAsync(petition, agency?.Id, Moderator(user), cancellationToken));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RejectAsync(long id, RejectRequest request, ClaimsPrincipal user, PetitionWork work, CancellationToken cancellationToken)
    {
        if (!user.MayWrite())
        {
            return ReadOnly();
        }

        var petition = await work.FindAsync(id, cancellationToken);
        return petition is null ? TypedResults.NotFound() : Outcome(await work.RejectAsync(petition, request.Reason, request.Details, Moderator(user), cancellationToken));
    }

    private static async Task<Results<Ok<InvalidatedResponse>, NotFound, ProblemHttpResult>> InvalidateAsync(long id, InvalidateRequest request, ClaimsPrincipal user, PetitionWork work, FraudReview review, CancellationToken cancellationToken)
    {
        if (!user.MayWrite())
        {
            return ReadOnly();
        }

        if (await work.FindAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var (count, refusal) = await review.InvalidateAsync(id, request.Pattern, request.Value, request.From, request.To, request.Reason, Moderator(user), cancellationToken);
        return refusal is null ? TypedResults.Ok(new InvalidatedResponse(count)) : Problem(StatusCodes.Status400BadRequest, refusal);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RespondAsync(long id, RespondRequest request, ClaimsPrincipal user, PetitionWork work, SignatureIntake intake, CancellationToken cancellationToken)
    {
        if (!user.MayWrite())
        {
            return ReadOnly();
        }

        var petition = await work.FindAsync(id, cancellationToken);
        if (petition?.AgencyId is not { } agency || !PetitionRoles.AgenciesOf(user).Contains(agency))
        {
            return TypedResults.NotFound();
        }

        var recipients = await intake.NotifyListAsync(id, cancellationToken);
        return Outcome(await work.RespondAsync(petition, request.Response, new Actor(UserId(user), PetitionRoles.RoleIn(user, agency), agency), recipients, cancellationToken));
    }

    private static MyPetitionResponse Mine(Petition p, PetitionWork work, HttpContext http) => new(p.Id, p.Title, p.State, p.Signatures,
        p.State == Petition.GatheringSupport ? $"{Nara.Platform.Hosting.PublicAddress.Of(http)}/petitions/{p.Id}?support={work.SupportKey(p.Id)}" : null, p.ModerationDueOn, p.RejectionReason);

    private static Results<NoContent, NotFound, ProblemHttpResult> Outcome(PetitionResult result) => result.Succeeded ? TypedResults.NoContent() : Invalid(result.Errors);

    private static ProblemHttpResult Invalid(IReadOnlyDictionary<string, string> errors) => errors.ContainsKey("")
        ? Problem(StatusCodes.Status409Conflict, errors[""])
        : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Some fields need attention.", type: "https://nara.example/problems/petition",
            extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Key, e => new[] { e.Value }) });

    private static ProblemHttpResult ReadOnly() => Problem(StatusCodes.Status403Forbidden, "This token may only read.");

    private static ProblemHttpResult Problem(int status, string title) =>
        TypedResults.Problem(statusCode: status, title: title, type: "https://nara.example/problems/petition");

    private static Guid UserId(ClaimsPrincipal user) => user.UserId() ?? Guid.Empty;

    private static Actor Moderator(ClaimsPrincipal user) => new(UserId(user), StaffRoles.Moderator, null);

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
            petition.ResponseThresholdAt, petition.ResponseDueOn, petition.DebateThresholdAt, petition.Response, petition.RespondedAt, petition.RejectionReason, hidden ? null : petition.RejectionDetails));
    }

    private static async Task<Results<Accepted<SignatureAccepted>, NotFound, ProblemHttpResult>> SignAsync(long id, SignatureRequest request, HttpContext http, PetitionWork work, SignatureIntake intake, CancellationToken cancellationToken)
    {
        var petition = await work.FindForSigningAsync(id, cancellationToken);
        var supporting = petition is { State: Petition.GatheringSupport } && work.IsSupportKey(petition, request.SupportKey);
        if (petition is null || !(PetitionQueries.IsPublic(petition) || supporting))
        {
            return TypedResults.NotFound();
        }

        var outcome = await intake.SignAsync(petition, new SignRequest(request.Name, request.Email, request.Region, request.Declaration, request.Notify, request.Phone), "api",
            http.Connection.RemoteIpAddress, Nara.Platform.Hosting.PublicAddress.Of(http), supporting, cancellationToken);
        if (!outcome.Accepted)
        {
            return TypedResults.Problem(
                statusCode: outcome.Errors.ContainsKey("") ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
                title: outcome.Errors.ContainsKey("") ? outcome.Errors[""] : "Some fields need attention.",
                type: "https://nara.example/problems/signature",
                extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors.Where(e => e.Key.Length > 0).ToDictionary(e => e.Key, e => new[] { e.Value }) });
        }

        return TypedResults.Accepted($"/api/v1/petitions/{id}", new SignatureAccepted(
            intake.BySms ? "Check your phone: the signature counts once you confirm it with the code we sent." : "Check your email: the signature counts once you confirm it with the link we sent.",
            $"/api/v1/petitions/{id}"));
    }

    private static async Task<Results<Ok<SignatureConfirmedResponse>, NotFound, ProblemHttpResult>> ConfirmCodeAsync(long id, SignatureCode request, PetitionWork work, SignatureIntake intake, CancellationToken cancellationToken)
    {
        if (!intake.BySms || await work.FindAsync(id, cancellationToken) is not { } petition)
        {
            return TypedResults.NotFound();
        }

        var outcome = await intake.ConfirmCodeAsync(petition, request.Phone, request.Code, cancellationToken);
        return outcome.Refusal is { } refusal
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: refusal, type: "https://nara.example/problems/signature-code")
            : TypedResults.Ok(new SignatureConfirmedResponse(outcome.Receipt is null ? null : Convert.ToHexStringLower(outcome.Receipt)));
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
