using Fractions;

namespace Nara.Voting;

/// <summary>How voters expressed themselves, as Pabulib names it.</summary>
public enum BallotKind
{
    Approval,
    Ordinal,
    Cumulative,
    Scoring,
    ChooseOne,
}

/// <summary>A project on the ballot. Costs are exact decimals (money), never floating point.</summary>
public sealed record Project(string Id, decimal Cost, string? Name = null);

/// <summary>
/// One voter's ballot as indexes into <see cref="Election.Projects"/> with the points given to each:
/// 1 for approval and choose-1, the points for cumulative and scoring, and k − position for a ranking of k
/// (Borda, as Pabulib's own scores count ordinal ballots).
/// </summary>
public sealed record Ballot(int[] Projects, int[] Points)
{
    public static Ballot Approve(params int[] projects) => new(projects, [.. projects.Select(_ => 1)]);
}

/// <summary>A participatory-budgeting election: projects, budget and ballots. Immutable once built.</summary>
public sealed class Election
{
    public required IReadOnlyList<Project> Projects { get; init; }

    public required decimal Budget { get; init; }

    public BallotKind Kind { get; init; } = BallotKind.Approval;

    public required IReadOnlyList<Ballot> Ballots { get; init; }

    /// <summary>Pabulib META entries (description, country, …), kept so a file round-trips.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();

    /// <summary>Voter ids, parallel to <see cref="Ballots"/>, when known.</summary>
    public IReadOnlyList<string>? VoterIds { get; init; }

    internal Fraction CostOf(int project) => Fraction.FromDecimal(Projects[project].Cost);

    /// <summary>Total points per project: votes for approval, points for cumulative/scoring, Borda for rankings.</summary>
    public long[] Scores()
    {
        var scores = new long[Projects.Count];
        foreach (var ballot in Ballots)
        {
            for (var k = 0; k < ballot.Projects.Length; k++)
            {
                scores[ballot.Projects[k]] += ballot.Points[k];
            }
        }

        return scores;
    }

    /// <summary>Project indexes in the tie-breaking order: by id, ordinally ("lexicographic order").</summary>
    internal int[] TieOrder() =>
        [.. Enumerable.Range(0, Projects.Count).OrderBy(p => Projects[p].Id, StringComparer.Ordinal)];

    /// <summary>For each project, the voters who support it and with how many points.</summary>
    internal (int Voter, int Points)[][] Supporters()
    {
        var lists = Enumerable.Range(0, Projects.Count).Select(_ => new List<(int, int)>()).ToArray();
        for (var voter = 0; voter < Ballots.Count; voter++)
        {
            var ballot = Ballots[voter];
            for (var k = 0; k < ballot.Projects.Length; k++)
            {
                if (ballot.Points[k] > 0)
                {
                    lists[ballot.Projects[k]].Add((voter, ballot.Points[k]));
                }
            }
        }

        return [.. lists.Select(l => l.ToArray())];
    }
}
