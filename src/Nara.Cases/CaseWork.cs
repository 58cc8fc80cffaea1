using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Cases.Certificates;
using Nara.Cases.Contracts;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Cases;

/// <summary>A case with the blueprint version it was started under.</summary>
internal sealed record OpenCase(Case Case, Blueprint Blueprint);

/// <summary>What happened to a request to change a case: done, or refused with a reason people can be told.</summary>
internal sealed record CaseChange(string? Refusal, IReadOnlyList<AnswerError> Errors)
{
    public static readonly CaseChange Done = new(null, []);

    public bool Succeeded => Refusal is null && Errors.Count == 0;

    public static CaseChange Refused(string reason) => new(reason, []);
}

/// <summary>
/// The one handler for everything done to a case — from the web pages, the API and the service-centre desk alike.
/// Each change saves the case, its timeline entry, its event, its notifications and its log entry in one transaction.
/// </summary>
internal sealed class CaseWork(
    NaraDb db,
    BlueprintCatalog catalog,
    CaseAnswers answers,
    Deadlines deadlines,
    EventPublisher events,
    CaseNotifier notifier,
    CertificateIssuer certificates,
    IAgencyDirectory directory,
    Jurisdiction jurisdiction,
    TimeProvider clock)
{
    public async Task<OpenCase?> FindAsync(string? reference, CancellationToken cancellationToken)
    {
        var normalized = ShortCode.Normalize(reference);
        if (normalized is null)
        {
            return null;
        }

        var @case = await db.Set<Case>().FirstOrDefaultAsync(c => c.Reference == normalized, cancellationToken);
        if (@case is null)
        {
            return null;
        }

        var blueprint = await catalog.FindAsync(db, @case.BlueprintId, @case.BlueprintVersion, cancellationToken);
        return blueprint is null ? null : new OpenCase(@case, blueprint);
    }

    public async Task<Case> StartAsync(Blueprint blueprint, Guid applicantId, Guid? agentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var @case = new Case
        {
            Id = Guid.CreateVersion7(now),
            Reference = ShortCode.New(),
            BlueprintId = blueprint.Id,
            BlueprintVersion = blueprint.Version,
            ApplicantId = applicantId,
            AssistedBy = agentId,
            ConsentRecordedAt = agentId is null ? null : now,
            State = Case.Draft,
            CreatedAt = now,
            StateEnteredAt = now,
            Version = Guid.NewGuid(),
        };
        db.Set<Case>().Add(@case);
        await db.SaveChangesAsync(cancellationToken);
        return @case;
    }

    public JsonObject Answers(Case @case) => answers.Read(@case);

    public async Task<IReadOnlyList<AnswerError>> SaveAnswersAsync(OpenCase open, PageSpec page, Func<string, IReadOnlyList<string>> input, CancellationToken cancellationToken)
    {
        if (open.Case.State != Case.Draft)
        {
            return [new AnswerError("", "already-submitted")];
        }

        var current = answers.Read(open.Case);
        var errors = Blueprints.Answers.ReadPage(page, input, current, jurisdiction.Codes);
        Blueprints.Answers.DropHidden(open.Blueprint, current);
        answers.Write(open.Case, open.Blueprint, current);
        open.Case.Version = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    private static readonly IReadOnlySet<string> NoDocuments = System.Collections.Frozen.FrozenSet<string>.Empty;

    public async Task<IReadOnlySet<string>> UploadedAsync(Guid caseId, CancellationToken cancellationToken) =>
        (await db.Set<CaseDocument>().AsNoTracking().Where(d => d.CaseId == caseId).Select(d => d.DocumentId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Checks everything, then either asks for the fee or sends the case to the agency. A second submission changes nothing.</summary>
    public async Task<CaseChange> SubmitAsync(OpenCase open, Actor actor, CancellationToken cancellationToken)
    {
        var (@case, blueprint) = open;
        if (@case.State != Case.Draft)
        {
            return CaseChange.Refused("already-submitted");
        }

        var current = answers.Read(@case);
        // Which documents are on file is asked only when the answers need one.
        var uploaded = Blueprints.Answers.NeedsDocuments(blueprint, current) ? await UploadedAsync(@case.Id, cancellationToken) : NoDocuments;
        var errors = Blueprints.Answers.CheckComplete(blueprint, current, jurisdiction.Codes, uploaded);
        if (errors.Count > 0)
        {
            return new CaseChange(null, errors);
        }

        var fee = Fees.Quote(blueprint, current);
        if (fee is { IsDue: true })
        {
            @case.State = Case.AwaitingPayment;
            @case.StateEnteredAt = clock.GetUtcNow();
        }
        else
        {
            await EnterWorkflowAsync(open, actor, cancellationToken);
        }

        return await SaveAsync(@case, null, cancellationToken);
    }

    /// <summary>After submission and payment: the case enters the workflow, and any system action that applies is taken.</summary>
    public async Task EnterWorkflowAsync(OpenCase open, Actor actor, CancellationToken cancellationToken)
    {
        var (@case, blueprint) = open;
        var now = clock.GetUtcNow();
        var calendar = await deadlines.CalendarAsync(cancellationToken);
        @case.SubmittedAt = now;
        @case.DueOn = blueprint.Workflow.DeadlineDays is { } days ? calendar.AddWorkingDays(DateOnly.FromDateTime(now.UtcDateTime), days) : null;
        Deadlines.EnterState(@case, blueprint, blueprint.Workflow.Initial, calendar, now);
        @case.AgencyId = await AgencyIdAsync(blueprint.AgencyOf(@case.State), cancellationToken);
        var stored = await events.PublishAsync(new CaseSubmitted(@case.Id, @case.Reference, blueprint.Id, blueprint.Version, @case.AgencyId, @case.AssistedBy is not null), actor, cancellationToken: cancellationToken);
        AddEntry(@case, EntryKind.Submitted, actor, null, null, @case.State, null, stored);
        await notifier.SubmittedAsync(@case, blueprint, cancellationToken);

        var current = answers.Read(@case);
        for (var step = 0; step < 10 && WorkflowEngine.Automatic(blueprint, @case.State, current) is { } automatic; step++)
        {
            await MoveAsync(open, automatic, Actor.System, null, calendar, cancellationToken);
        }
    }

    /// <summary>Takes a workflow action for someone holding <paramref name="roles"/>, if the blueprint allows it now.</summary>
    public async Task<CaseChange> ActAsync(OpenCase open, string actionId, IReadOnlySet<string> roles, Actor actor, string? comment, CaseDocument? attachment, Guid expectedVersion, CancellationToken cancellationToken)
    {
        var (@case, blueprint) = open;
        if (@case.State is Case.Draft or Case.AwaitingPayment)
        {
            return CaseChange.Refused("not-submitted");
        }

        if (expectedVersion != @case.Version)
        {
            // The person acted on an older view of the case; what they saw may no longer hold.
            return CaseChange.Refused("changed-meanwhile");
        }

        var result = WorkflowEngine.Apply(blueprint, @case.State, actionId, roles, comment, attachment is not null);
        if (!result.Succeeded)
        {
            return CaseChange.Refused(result.Refusal!);
        }

        if (attachment is not null && result.Action!.Document != "none")
        {
            db.Set<CaseDocument>().Add(attachment);
        }

        var calendar = await deadlines.CalendarAsync(cancellationToken);
        await MoveAsync(open, result.Action!, actor, comment, calendar, cancellationToken);
        var current = answers.Read(@case);
        for (var step = 0; step < 10 && WorkflowEngine.Automatic(blueprint, @case.State, current) is { } automatic; step++)
        {
            await MoveAsync(open, automatic, Actor.System, null, calendar, cancellationToken);
        }

        return await SaveAsync(@case, expectedVersion, cancellationToken);
    }

    private async Task MoveAsync(OpenCase open, ActionSpec action, Actor actor, string? comment, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        var (@case, blueprint) = open;
        var from = @case.State;
        var now = clock.GetUtcNow();
        Deadlines.EnterState(@case, blueprint, action.To, calendar, now);
        var agency = await AgencyIdAsync(blueprint.AgencyOf(action.To), cancellationToken);
        if (agency != @case.AgencyId)
        {
            @case.AssignedTo = null;
        }

        @case.AgencyId = agency;
        var stored = await events.PublishAsync(new CaseStateChanged(@case.Id, @case.Reference, blueprint.Id, action.Id, from, action.To, @case.AgencyId), actor, comment, cancellationToken);
        AddEntry(@case, EntryKind.Action, actor, action.Id, from, action.To, comment, stored);
        if (blueprint.FindState(action.To) is { Issues: true })
        {
            await certificates.IssueAsync(open, answers.Read(@case), actor, cancellationToken);
        }

        if (actor.UserId != @case.ApplicantId)
        {
            await notifier.StateChangedAsync(@case, blueprint, comment, cancellationToken);
        }
    }

    /// <summary>A message to or from the applicant, or an internal note between staff.</summary>
    public async Task<CaseChange> WriteAsync(OpenCase open, Actor actor, string? text, bool isInternal, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return CaseChange.Refused("message-required");
        }

        if (text.Length > WorkflowEngine.MaxCommentLength)
        {
            return CaseChange.Refused("message-too-long");
        }

        AddEntry(open.Case, isInternal ? EntryKind.Note : EntryKind.Message, actor, null, null, null, text.Trim(), null, isInternal);
        if (!isInternal && actor.UserId != open.Case.ApplicantId)
        {
            await notifier.MessageAsync(open.Case, open.Blueprint, cancellationToken);
        }

        return await SaveAsync(open.Case, null, cancellationToken);
    }

    /// <summary>The applicant's rating of a decided case, once: 1 (very dissatisfied) to 5 (very satisfied), with an optional comment.</summary>
    public async Task<CaseChange> RateAsync(OpenCase open, Actor actor, int? rating, string? comment, CancellationToken cancellationToken)
    {
        if (open.Case.ClosedAt is null || open.Blueprint.FindState(open.Case.State)?.Outcome == "withdrawn")
        {
            return CaseChange.Refused("not-decided");
        }

        if (open.Case.Rating is not null)
        {
            return CaseChange.Refused("already-rated");
        }

        if (rating is not (>= 1 and <= 5))
        {
            return CaseChange.Refused("rating-required");
        }

        if (comment?.Trim() is { Length: > 1000 })
        {
            return CaseChange.Refused("rating-comment-too-long");
        }

        open.Case.Rating = rating;
        open.Case.RatingComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        open.Case.RatedAt = clock.GetUtcNow();
        await events.PublishAsync(new CaseRated(open.Case.Id, open.Case.BlueprintId, open.Case.AgencyId, rating.Value), actor, cancellationToken: cancellationToken);
        return await SaveAsync(open.Case, null, cancellationToken);
    }

    /// <summary>Opens the personal answers for a member of staff who stated why; the access is recorded and shown to the applicant.</summary>
    public async Task<CaseChange> ViewPersonalAsync(OpenCase open, Actor actor, string? purpose, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(purpose) || purpose.Trim().Length < 5)
        {
            return CaseChange.Refused("purpose-required");
        }

        if (purpose.Length > 500)
        {
            return CaseChange.Refused("purpose-too-long");
        }

        db.Set<CaseAccess>().Add(new CaseAccess
        {
            CaseId = open.Case.Id,
            ViewerId = actor.UserId!.Value,
            AgencyId = actor.AgencyId,
            Role = actor.Role,
            Purpose = purpose.Trim(),
            At = clock.GetUtcNow(),
        });
        await events.PublishAsync(new PersonalDataViewed(open.Case.Id, actor.UserId.Value, actor.AgencyId, actor.Role), actor, purpose.Trim(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return CaseChange.Done;
    }

    public async Task<bool> MayViewPersonalAsync(Guid caseId, Guid viewerId, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddHours(-8);
        return await db.Set<CaseAccess>().AnyAsync(a => a.CaseId == caseId && a.ViewerId == viewerId && a.At >= since, cancellationToken);
    }

    public async Task<CaseChange> AssignAsync(OpenCase open, Guid? assignee, Actor actor, CancellationToken cancellationToken)
    {
        open.Case.AssignedTo = assignee;
        AddEntry(open.Case, EntryKind.Assigned, actor, null, null, null, null, null, isInternal: true);
        return await SaveAsync(open.Case, null, cancellationToken);
    }

    internal void AddEntry(Case @case, EntryKind kind, Actor actor, string? action, string? from, string? to, string? text, StoredEvent? stored, bool isInternal = false) =>
        db.Set<CaseEntry>().Add(new CaseEntry
        {
            CaseId = @case.Id,
            At = clock.GetUtcNow(),
            Kind = kind,
            ActorId = actor.UserId,
            ActorRole = actor.Role,
            Action = action,
            FromState = from,
            ToState = to,
            ProtectedText = string.IsNullOrWhiteSpace(text) ? null : answers.Protect(text.Trim()),
            Internal = isInternal,
            LogLeaf = stored?.LogLeaf,
        });

    private async Task<Guid?> AgencyIdAsync(string code, CancellationToken cancellationToken) =>
        (await directory.AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Code == code)?.Id;

    private async Task<CaseChange> SaveAsync(Case @case, Guid? expectedVersion, CancellationToken cancellationToken)
    {
        if (expectedVersion is { } expected)
        {
            db.Entry(@case).Property(c => c.Version).OriginalValue = expected;
        }

        @case.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return CaseChange.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CaseChange.Refused("changed-meanwhile");
        }
    }
}
