namespace Nara.Voting;

/// <summary>Why a project was or was not funded, in terms a results page can explain.</summary>
public enum Reason
{
    /// <summary>Funded.</summary>
    Funded,

    /// <summary>Not enough budget was left when its turn came (greedy, Phragmén, completion).</summary>
    NotEnoughBudgetLeft,

    /// <summary>Equal Shares: its supporters' remaining shares together could not cover its cost.</summary>
    SupportersCouldNotCover,

    /// <summary>Nobody supported it.</summary>
    NoSupport,
}

/// <summary>
/// What happened to one project. Under Equal Shares, <see cref="Payments"/> says how much each group of its
/// supporters paid (voters who paid the same amount form one group).
/// </summary>
public sealed record ProjectOutcome(string ProjectId, bool Funded, Reason Reason, int Round, IReadOnlyList<SupporterPayment> Payments);

/// <summary>"<see cref="Voters"/> supporters paid <see cref="Each"/> each."</summary>
public sealed record SupporterPayment(int Voters, decimal Each);

/// <summary>The result of a rule: the funded projects in the order they were chosen, and the story of every project.</summary>
public sealed record Outcome(string Rule, IReadOnlyList<string> Selected, decimal Cost, IReadOnlyList<ProjectOutcome> Projects);
