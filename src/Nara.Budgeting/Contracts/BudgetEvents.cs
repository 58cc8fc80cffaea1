using Nara.Platform.Events;

namespace Nara.Budgeting.Contracts;

// Events carry public facts only: never a voter's identity, census data or how a named person voted.
public sealed record BudgetProcessCreated(long ProcessId, string Title, decimal Budget, string Currency, string Rule, string BallotType) : IEvent
{
    public static string EventType => "budgeting.process-created.v1";
}

public sealed record BudgetProjectProposed(long ProcessId, long ProjectId, string Title, decimal Cost) : IEvent
{
    public static string EventType => "budgeting.project-proposed.v1";
}

public sealed record BudgetProjectReviewed(long ProcessId, long ProjectId, bool Feasible, decimal Cost, string Reason) : IEvent
{
    public static string EventType => "budgeting.project-reviewed.v1";
}

public sealed record BudgetProjectsMerged(long ProcessId, long ProjectId, long MergedInto) : IEvent
{
    public static string EventType => "budgeting.projects-merged.v1";
}

public sealed record BudgetCensusLoaded(long ProcessId, string Kind, int Entries) : IEvent
{
    public static string EventType => "budgeting.eligible-voters-loaded.v1";
}

/// <summary>A ballot as a salted commitment: the voter can prove it was counted; nobody else learns how they voted.</summary>
public sealed record BudgetBallotCast(long ProcessId, string Commitment, bool Replaces) : IEvent
{
    public static string EventType => "budgeting.ballot-cast.v1";
}

public sealed record BudgetResultsPublished(long ProcessId, string Rule, IReadOnlyList<long> Funded, decimal Cost, int Ballots, string BallotsSha256) : IEvent
{
    public static string EventType => "budgeting.results-published.v1";
}

public sealed record BudgetMilestoneRecorded(long ProcessId, long ProjectId, DateOnly On, string Title, int Progress) : IEvent
{
    public static string EventType => "budgeting.milestone-recorded.v1";
}
