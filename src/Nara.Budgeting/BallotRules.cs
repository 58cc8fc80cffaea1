using System.Globalization;

namespace Nara.Budgeting;

/// <summary>
/// The four ballot types and what makes a ballot valid. Choices are project id → number: 1 for approval and
/// k-approval, the points given for cumulative, the rank (1 = first) for ranked. A refusal is a text key with its values.
/// </summary>
internal static class BallotRules
{
    public const string Approval = "approval";
    public const string KApproval = "k-approval";
    public const string Cumulative = "cumulative";
    public const string Ranked = "ranked";

    public static readonly IReadOnlyList<string> Types = [Approval, KApproval, Cumulative, Ranked];

    public sealed record Refusal(string Message, object[] Values);

    /// <summary>Checks a ballot against the process's rules and the projects on the voter's ballot (id → cost).</summary>
    public static Refusal? Check(BudgetProcess process, decimal budget, IReadOnlyDictionary<long, decimal> onBallot, IReadOnlyDictionary<long, int> choices)
    {
        if (choices.Keys.Where(id => !onBallot.ContainsKey(id)).Select(id => (long?)id).FirstOrDefault() is { } stray)
        {
            return new("Project {0} is not on this ballot.", [stray]);
        }

        if (choices.Count == 0 || choices.Values.All(v => v == 0))
        {
            return new("Choose at least one project.", []);
        }

        var chosen = choices.Where(c => c.Value != 0).ToDictionary(c => c.Key, c => c.Value);
        switch (process.BallotType)
        {
            case Approval:
                var total = chosen.Keys.Sum(id => onBallot[id]);
                if (total > budget)
                {
                    return new("Your choices cost {0}, more than the budget of {1}. Remove a project.", [Money(total, process), Money(budget, process)]);
                }

                if (process.MinSpend is { } least && total < least)
                {
                    return new("Your choices cost {0}; choose projects worth at least {1}.", [Money(total, process), Money(least, process)]);
                }

                return Count(process, chosen.Count);
            case KApproval:
                return Count(process, chosen.Count);
            case Cumulative:
                if (chosen.Values.Any(v => v < 0))
                {
                    return new("Points cannot be negative.", []);
                }

                var points = chosen.Values.Sum(v => (long)v);
                return points == process.Points ? null : new("Give out exactly {0} points; you gave {1}.", [process.Points ?? 0, points]);
            case Ranked:
                var ranks = chosen.Values.Order().ToList();
                if (ranks.Count > (process.MaxProjects ?? int.MaxValue))
                {
                    return new("Rank at most {0} projects.", [process.MaxProjects ?? 0]);
                }

                return ranks.SequenceEqual(Enumerable.Range(1, ranks.Count)) ? null : new("Number your choices 1, 2, 3 … without gaps or repeats.", []);
            default:
                return new("This process has no ballot.", []);
        }
    }

    /// <summary>Reads "id:n,id:n" (stored form) into choices.</summary>
    public static Dictionary<long, int> Parse(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':'))
            .ToDictionary(p => long.Parse(p[0], CultureInfo.InvariantCulture), p => int.Parse(p[1], CultureInfo.InvariantCulture));

    /// <summary>The stored form: chosen projects only, by id, so equal ballots are equal text.</summary>
    public static string Format(IReadOnlyDictionary<long, int> choices) =>
        string.Join(',', choices.Where(c => c.Value != 0).OrderBy(c => c.Key).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}:{c.Value}")));

    /// <summary>An amount as people read it: "12,500 DMD", or "12,500.50"; no currency when an imported file named none.</summary>
    public static string Money(decimal amount, BudgetProcess process) =>
        (amount.ToString(decimal.Round(amount) == amount ? "N0" : "N2", CultureInfo.CurrentCulture) + " " + process.Currency).TrimEnd();

    private static Refusal? Count(BudgetProcess process, int count) =>
        count > (process.MaxProjects ?? int.MaxValue) ? new("Choose at most {0} projects.", [process.MaxProjects ?? 0])
        : count < (process.MinProjects ?? 1) ? new("Choose at least {0} projects.", [process.MinProjects ?? 1])
        : null;
}
