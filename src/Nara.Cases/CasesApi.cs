using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Cases;

public sealed record CaseSummaryResponse(string Reference, string Blueprint, string Version, string State, DateTimeOffset? SubmittedAt, DateOnly? DueOn);

public sealed record CaseResponse(string Reference, string Blueprint, string Version, string State, string? Agency, DateTimeOffset? SubmittedAt, DateOnly? StateDueOn, Guid Concurrency,
    JsonElement Answers, IReadOnlyList<string> Actions, decimal? FeeDue, string? Currency, IReadOnlyList<TimelineResponse> Timeline, IReadOnlyList<string> Certificates);

public sealed record TimelineResponse(DateTimeOffset At, string Kind, string Role, string? Action, string? State, string? Text, string? Receipt);

public sealed record StartCaseRequest(string Blueprint);

public sealed record ActionRequest(string Action, string? Comment, Guid Version);

/// <summary>
/// Cases as JSON: a citizen's own cases (start, answer, submit, follow) and an agency's queue and actions. The same
/// CaseWork handler as the pages, so a rule holds whichever way a request comes in.
/// </summary>
internal static class CasesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Cases").RequireAuthorization(NaraPolicies.SignedIn);
        api.MapGet("/cases", ListAsync).WithName("ListMyCases").WithSummary("The signed-in person's applications");
        api.MapPost("/cases", StartAsync).WithName("StartCase").WithSummary("Start a draft application for a service");
        api.MapGet("/cases/{reference}", GetAsync).WithName("GetCase").WithSummary("One case, as its applicant or the agency's staff see it");
        api.MapPut("/cases/{reference}/answers/{page}", AnswerAsync).WithName("AnswerPage")
            .WithSummary("Answer one page of questions: an object of field id → value (a list for multi-choice, a list of objects for a group)");
        api.MapPut("/cases/{reference}/documents/{field}", UploadAsync).WithName("UploadDocument")
            .WithSummary("Upload the document a file question asks for: the body is the file (PDF, JPEG or PNG, recognised by its bytes)")
            .DisableAntiforgery();
        api.MapPost("/cases/{reference}/submit", SubmitAsync).WithName("SubmitCase").WithSummary("Send the application (then pay, where a fee is due)");
        api.MapPost("/cases/{reference}/actions", ActAsync).WithName("ActOnCase").WithSummary("Take a workflow action allowed to you now");
        api.MapGet("/office/{agency}/cases", QueueAsync).WithName("AgencyQueue").WithSummary("An agency's open cases, most urgent first").RequireAuthorization(NaraPolicies.Staff);
    }

    private static async Task<Ok<List<CaseSummaryResponse>>> ListAsync(ClaimsPrincipal user, NaraDb db, CancellationToken cancellationToken)
    {
        var me = CaseRoles.UserId(user);
        var rows = await db.Set<Case>().AsNoTracking().Where(c => c.ApplicantId == me).OrderByDescending(c => c.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(c => new CaseSummaryResponse(c.Reference, c.BlueprintId, c.BlueprintVersion, c.State, c.SubmittedAt, c.DueOn)).ToList());
    }

    private static async Task<Results<Created<CaseSummaryResponse>, ProblemHttpResult>> StartAsync(StartCaseRequest request, ClaimsPrincipal user, BlueprintCatalog catalog, CaseWork work, CancellationToken cancellationToken)
    {
        var blueprint = request.Blueprint is null ? null : catalog.CurrentOf(request.Blueprint);
        if (!user.MayWrite() || user.HasClaim(NaraClaims.Kind, "staff"))
        {
            return Problem(StatusCodes.Status403Forbidden, "forbidden", "Only citizens start applications here; service-centre agents use the desk.");
        }

        if (blueprint is null || blueprint.IsInternal)
        {
            return Problem(StatusCodes.Status404NotFound, "unknown-service", $"There is no service \"{request.Blueprint}\".");
        }

        var @case = await work.StartAsync(blueprint, CaseRoles.UserId(user)!.Value, null, cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{@case.Reference}", new CaseSummaryResponse(@case.Reference, @case.BlueprintId, @case.BlueprintVersion, @case.State, null, null));
    }

    private static async Task<Results<Ok<CaseResponse>, NotFound>> GetAsync(string reference, ClaimsPrincipal user, CaseWork work, CaseView view, Payments.PaymentWork payments, CancellationToken cancellationToken)
    {
        var open = await work.FindAsync(reference, cancellationToken);
        var roles = open is null ? [] : CaseRoles.For(user, open.Case);
        if (open is null || roles.Count == 0)
        {
            return TypedResults.NotFound();
        }

        var applicant = roles.Contains(WorkflowRoles.Applicant);
        var answers = applicant || await work.MayViewPersonalAsync(open.Case.Id, CaseRoles.UserId(user)!.Value, cancellationToken) ? work.Answers(open.Case) : CaseAnswers.Public(open.Case);
        var timeline = await view.TimelineAsync(open.Case, includeInternal: !applicant, namesOfStaff: false, cancellationToken);
        var fee = payments.Due(open);
        var certificates = await view.CertificatesAsync(open.Case.Id, cancellationToken);
        return TypedResults.Ok(new CaseResponse(open.Case.Reference, open.Blueprint.Id, open.Blueprint.Version, open.Case.State, open.Blueprint.AgencyOf(open.Case.State),
            open.Case.SubmittedAt, open.Case.StateDueOn, open.Case.Version, JsonSerializer.SerializeToElement(answers),
            [.. (open.Case.IsOpen ? WorkflowEngine.Available(open.Blueprint, open.Case.State, roles) : []).Select(a => a.Id)],
            fee?.Amount, fee?.Currency,
            [.. timeline.Select(t => new TimelineResponse(t.At, t.Kind.ToString().ToLowerInvariant(), t.ActorRole, t.Action, t.To, t.Text, t.Receipt))],
            [.. certificates.Select(c => c.Code)]));
    }

    private static async Task<Results<Ok, NotFound, ProblemHttpResult>> AnswerAsync(string reference, string page, JsonElement body, ClaimsPrincipal user, CaseWork work, IServiceProvider services, CancellationToken cancellationToken)
    {
        var open = await work.FindAsync(reference, cancellationToken);
        if (open is null || !CaseRoles.For(user, open.Case).Contains(WorkflowRoles.Applicant))
        {
            return TypedResults.NotFound();
        }

        var spec = open.Blueprint.Form.Pages.FirstOrDefault(p => p.Id == page);
        if (spec is null)
        {
            return Problem(StatusCodes.Status404NotFound, "unknown-page", $"The service has no page \"{page}\".");
        }

        if (body.ValueKind != JsonValueKind.Object || !user.MayWrite())
        {
            return Problem(StatusCodes.Status400BadRequest, "not-an-object", "Send the answers as a JSON object of field id → value.");
        }

        var input = Flatten(body);
        var errors = await work.SaveAnswersAsync(open, spec, key => input.TryGetValue(key, out var v) ? v : [], cancellationToken);
        return errors.Count == 0 ? TypedResults.Ok() : AnswerProblem(errors);
    }

    private static async Task<Results<Ok, NotFound, ProblemHttpResult>> UploadAsync(string reference, string field, HttpRequest request, ClaimsPrincipal user, CaseWork work, Applying.Uploads uploads, CancellationToken cancellationToken)
    {
        var open = await work.FindAsync(reference, cancellationToken);
        if (open is null || !CaseRoles.For(user, open.Case).Contains(WorkflowRoles.Applicant))
        {
            return TypedResults.NotFound();
        }

        var spec = open.Blueprint.FindField(field);
        if (spec is not { Type: FieldTypes.File } || !user.MayWrite())
        {
            return Problem(StatusCodes.Status404NotFound, "unknown-document", $"The service asks for no document \"{field}\".");
        }

        // The server's request size limit (30 MB by default) bounds the body; the blueprint's own limit is checked next.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var problem = await uploads.AttachAsync(open, spec, buffer.ToArray(), request.Headers["X-File-Name"].FirstOrDefault() ?? field, CaseRoles.UserId(user)!.Value, cancellationToken);
        return problem is null ? TypedResults.Ok() : AnswerProblem([problem]);
    }

    private static async Task<Results<Ok<CaseSummaryResponse>, NotFound, ProblemHttpResult>> SubmitAsync(string reference, ClaimsPrincipal user, CaseWork work, CancellationToken cancellationToken)
    {
        var open = await work.FindAsync(reference, cancellationToken);
        var roles = open is null ? [] : CaseRoles.For(user, open.Case);
        if (open is null || !roles.Contains(WorkflowRoles.Applicant))
        {
            return TypedResults.NotFound();
        }

        var change = user.MayWrite() ? await work.SubmitAsync(open, CaseRoles.ActorFor(user, open.Case, roles), cancellationToken) : CaseChange.Refused("forbidden");
        if (change.Errors.Count > 0)
        {
            return AnswerProblem(change.Errors);
        }

        return change.Refusal is null
            ? TypedResults.Ok(new CaseSummaryResponse(open.Case.Reference, open.Case.BlueprintId, open.Case.BlueprintVersion, open.Case.State, open.Case.SubmittedAt, open.Case.DueOn))
            : Refusal(change.Refusal);
    }

    private static async Task<Results<Ok<CaseSummaryResponse>, NotFound, ProblemHttpResult>> ActAsync(string reference, ActionRequest request, ClaimsPrincipal user, CaseWork work, CancellationToken cancellationToken)
    {
        var open = await work.FindAsync(reference, cancellationToken);
        var roles = open is null ? [] : CaseRoles.For(user, open.Case);
        if (open is null || roles.Count == 0)
        {
            return TypedResults.NotFound();
        }

        var change = user.MayWrite()
            ? await work.ActAsync(open, request.Action ?? "", roles, CaseRoles.ActorFor(user, open.Case, roles), request.Comment, attachment: null, request.Version, cancellationToken)
            : CaseChange.Refused("forbidden");
        return change.Refusal is null
            ? TypedResults.Ok(new CaseSummaryResponse(open.Case.Reference, open.Case.BlueprintId, open.Case.BlueprintVersion, open.Case.State, open.Case.SubmittedAt, open.Case.DueOn))
            : Refusal(change.Refusal);
    }

    private static async Task<Results<Ok<List<CaseSummaryResponse>>, NotFound, ForbidHttpResult>> QueueAsync(string agency, ClaimsPrincipal user, NaraDb db, IAgencyDirectory directory, CancellationToken cancellationToken)
    {
        var found = (await directory.AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Code == agency);
        if (found is null)
        {
            return TypedResults.NotFound();
        }

        if (!user.CanSeeAgency(found.Id))
        {
            return TypedResults.Forbid();
        }

        var rows = await db.Set<Case>().AsNoTracking().Where(c => c.AgencyId == found.Id && c.ClosedAt == null && c.SubmittedAt != null)
            .OrderBy(c => c.StateDueOn == null).ThenBy(c => c.StateDueOn).ThenBy(c => c.SubmittedAt).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(c => new CaseSummaryResponse(c.Reference, c.BlueprintId, c.BlueprintVersion, c.State, c.SubmittedAt, c.StateDueOn)).ToList());
    }

    /// <summary>JSON answers as the form fields the pages post: group items become group[i].field.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Flatten(JsonElement body)
    {
        var input = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object))
            {
                var index = 0;
                foreach (var item in property.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    foreach (var child in item.EnumerateObject())
                    {
                        input[$"{property.Name}[{index}].{child.Name}"] = [Scalar(child.Value)];
                    }

                    index++;
                }
            }
            else
            {
                input[property.Name] = property.Value.ValueKind == JsonValueKind.Array ? [.. property.Value.EnumerateArray().Select(Scalar)] : [Scalar(property.Value)];
            }
        }

        return input;
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => "",
    };

    private static ProblemHttpResult AnswerProblem(IReadOnlyList<AnswerError> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Some answers need attention.",
        type: "https://nara.example/problems/answers",
        extensions: new Dictionary<string, object?> { ["errors"] = errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Detail is null ? e.Code : $"{e.Code}:{e.Detail}").ToArray()) });

    private static ProblemHttpResult Refusal(string reason) => reason switch
    {
        "changed-meanwhile" => Problem(StatusCodes.Status409Conflict, reason, "Someone else acted on the case first; get it again and retry if still needed."),
        "forbidden" => Problem(StatusCodes.Status403Forbidden, reason, "This token may only read."),
        _ => Problem(StatusCodes.Status422UnprocessableEntity, reason, string.Create(CultureInfo.InvariantCulture, $"Refused: {reason}.")),
    };

    private static ProblemHttpResult Problem(int status, string type, string title) =>
        TypedResults.Problem(statusCode: status, title: title, type: $"https://nara.example/problems/{type}");
}
