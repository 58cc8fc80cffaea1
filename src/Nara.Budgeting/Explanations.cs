using System.Globalization;
using Microsoft.Extensions.Localization;
using Nara.Voting;

namespace Nara.Budgeting;

/// <summary>Why a project was funded or not, in words, under the process's rule.</summary>
internal static class Explanations
{
    public static string Why(BudgetProject project, BudgetProcess process, IStringLocalizer text)
    {
        if (!Enum.TryParse<Reason>(project.ResultReason, out var reason))
        {
            return "";
        }

        var groups = (project.Payments ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var others = groups.Where(p => p.StartsWith('+')).Select(p => int.Parse(p[1..], CultureInfo.InvariantCulture)).Sum();
        var payments = groups.Where(p => !p.StartsWith('+')).Select(p => p.Split('x'))
            .Select(p => (Voters: int.Parse(p[0], CultureInfo.InvariantCulture), Each: BallotRules.Money(decimal.Parse(p[1], CultureInfo.InvariantCulture), process)))
            .Select(p => p.Voters == 1 ? text["1 supporter paid {0}", p.Each].Value : text["{0} supporters paid {1} each", p.Voters.ToString("N0", CultureInfo.CurrentCulture), p.Each].Value).ToList();
        if (others > 0)
        {
            payments.Add(text["{0} more supporters paid other amounts", others.ToString("N0", CultureInfo.CurrentCulture)]);
        }
        return reason switch
        {
            Reason.Funded when payments.Count > 0 => text["Funded in round {0}: {1}.", project.ResultRound ?? 0, string.Join("; ", payments)],
            Reason.Funded => text["Funded: it fitted in the budget left when its turn came."],
            Reason.NotEnoughBudgetLeft => text["Not funded: not enough budget was left when its turn came."],
            Reason.SupportersCouldNotCover => text["Not funded: its supporters' remaining shares of the budget together could not cover its cost."],
            _ => text["Not funded: nobody voted for it."],
        };
    }

    /// <summary>How the rule works, in one sentence, for the results page.</summary>
    public static string Rule(string rule, IStringLocalizer text) => rule switch
    {
        "greedy" => text["The projects with the most votes were funded in order, skipping any that no longer fitted in the budget left."],
        "phragmen" => text["Sequential Phragmén: projects were funded one by one, each time the one whose supporters' combined load stayed lowest."],
        "mes-add1" => text["Method of Equal Shares: every voter held an equal share of the budget, and a project was funded when its supporters could pay for it together; the shares were raised step by step to use the budget, and what was left was filled by votes."],
        _ => text["Method of Equal Shares: every voter held an equal share of the budget, and a project was funded when its supporters could pay for it together, so that each group of voters got projects in proportion to its size."],
    };
}
