namespace Nara.Voting.Rules;

/// <summary>
/// Funds projects by number of votes (or points), most first, skipping any that no longer fits what is left —
/// the rule most cities use (CONSUL's behaviour). Ties go to the lower project id.
/// </summary>
public static class Greedy
{
    public const string Name = "greedy";

    public static Outcome Run(Election election) => Fill(election, [], Name);

    /// <summary>Greedy filling on top of projects already chosen (used to complete Equal Shares).</summary>
    internal static Outcome Fill(Election election, IReadOnlyList<ProjectOutcome> chosenFirst, string rule)
    {
        var scores = election.Scores();
        var chosen = chosenFirst.Where(p => p.Funded).Select(p => p.ProjectId).ToHashSet(StringComparer.Ordinal);
        var results = chosenFirst.Where(p => p.Funded).ToList();
        var left = election.Budget - election.Projects.Where(p => chosen.Contains(p.Id)).Sum(p => p.Cost);
        var order = election.TieOrder().OrderByDescending(p => scores[p]).ToList();
        var round = results.Count;
        foreach (var p in order)
        {
            var project = election.Projects[p];
            if (chosen.Contains(project.Id))
            {
                continue;
            }

            if (scores[p] <= 0)
            {
                results.Add(new ProjectOutcome(project.Id, false, Reason.NoSupport, 0, []));
            }
            else if (project.Cost <= left)
            {
                left -= project.Cost;
                results.Add(new ProjectOutcome(project.Id, true, Reason.Funded, ++round, []));
            }
            else
            {
                results.Add(chosenFirst.FirstOrDefault(c => c.ProjectId == project.Id) is { } earlier
                    ? earlier
                    : new ProjectOutcome(project.Id, false, Reason.NotEnoughBudgetLeft, 0, []));
            }
        }

        return Outcomes.From(election, rule, results);
    }
}

internal static class Outcomes
{
    public static Outcome From(Election election, string rule, IReadOnlyList<ProjectOutcome> results)
    {
        var selected = results.Where(r => r.Funded).OrderBy(r => r.Round).Select(r => r.ProjectId).ToList();
        var cost = election.Projects.Where(p => selected.Contains(p.Id)).Sum(p => p.Cost);
        return new Outcome(rule, selected, cost, [.. results.OrderBy(r => r.ProjectId, StringComparer.Ordinal)]);
    }
}
