using Nara.Budgeting.Contracts;
using Nara.Platform.Events;
using Nara.Transparency.Log;

namespace Nara.Transparency;

/// <summary>
/// Participatory budgeting in the public log: processes, reviews with their public reasons, merges, each ballot as a
/// salted commitment (the voter's receipt), the results with the hash of the anonymised ballots they were computed
/// from, and implementation milestones. Never who voted or how a named person voted.
/// </summary>
internal sealed class LogBudgetEvents(PublicLog log)
    : IReactTo<BudgetProcessCreated>, IReactTo<BudgetProjectReviewed>, IReactTo<BudgetProjectsMerged>, IReactTo<BudgetCensusLoaded>,
      IReactTo<BudgetBallotCast>, IReactTo<BudgetResultsPublished>, IReactTo<BudgetMilestoneRecorded>
{
    public Task ReactAsync(BudgetProcessCreated payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, BudgetProcessCreated.EventType, new { process = payload.ProcessId, title = payload.Title, budget = payload.Budget, currency = payload.Currency, rule = payload.Rule, ballot = payload.BallotType });

    public Task ReactAsync(BudgetProjectReviewed payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, BudgetProjectReviewed.EventType, new { process = payload.ProcessId, project = payload.ProjectId, feasible = payload.Feasible, cost = payload.Cost, reason = payload.Reason });

    public Task ReactAsync(BudgetProjectsMerged payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, BudgetProjectsMerged.EventType, new { process = payload.ProcessId, project = payload.ProjectId, into = payload.MergedInto });

    public Task ReactAsync(BudgetCensusLoaded payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, BudgetCensusLoaded.EventType, new { process = payload.ProcessId, kind = payload.Kind, entries = payload.Entries });

    public Task ReactAsync(BudgetBallotCast payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, BudgetBallotCast.EventType, new { process = payload.ProcessId, commitment = payload.Commitment, replaces = payload.Replaces });

    public Task ReactAsync(BudgetResultsPublished payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, BudgetResultsPublished.EventType, new { process = payload.ProcessId, rule = payload.Rule, funded = payload.Funded, cost = payload.Cost, ballots = payload.Ballots, ballotsSha256 = payload.BallotsSha256 });

    public Task ReactAsync(BudgetMilestoneRecorded payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, BudgetMilestoneRecorded.EventType, new { process = payload.ProcessId, project = payload.ProjectId, on = payload.On, title = payload.Title, progress = payload.Progress });

    private Task Append(EventContext context, string type, object fields)
    {
        context.Stored.LogLeaf = log.Append(type, fields);
        return Task.CompletedTask;
    }
}
