namespace Nara.Budgeting;

/// <summary>The phases of a process, in order. Which one is open follows from the dates and the clock alone.</summary>
internal static class Phases
{
    public const string Upcoming = "upcoming";
    public const string Proposals = "proposals";
    public const string Review = "review";
    public const string Voting = "voting";
    public const string Results = "results";
    public const string Implementation = "implementation";

    public static readonly IReadOnlyList<string> All = [Proposals, Review, Voting, Results, Implementation];

    public static string At(BudgetProcess process, DateTimeOffset now) =>
        process.Imported ? Results
        : now < process.ProposalsFrom ? Upcoming
        : now < process.ReviewFrom ? Proposals
        : now < process.VotingFrom ? Review
        : now < process.VotingUntil ? Voting
        : now < process.ImplementationFrom ? Results
        : Implementation;

    /// <summary>When <paramref name="phase"/> opens and closes (null: it never closes).</summary>
    public static (DateTimeOffset From, DateTimeOffset? Until) Dates(BudgetProcess process, string phase) => phase switch
    {
        Proposals => (process.ProposalsFrom, process.ReviewFrom),
        Review => (process.ReviewFrom, process.VotingFrom),
        Voting => (process.VotingFrom, process.VotingUntil),
        Results => (process.VotingUntil, process.ImplementationFrom),
        _ => (process.ImplementationFrom, null),
    };

    /// <summary>The text key naming a phase.</summary>
    public static string Name(string phase) => "Phase." + phase;

    /// <summary>Verification is open from proposals until voting closes: residents verify to propose, support and vote.</summary>
    public static bool MayVerify(string phase) => phase is Proposals or Review or Voting;
}
