using Nara.Voting;

namespace Nara.Bench;

/// <summary>Generated elections of a given size: reproducible (fixed seed), approval ballots of a few projects each.</summary>
public static class Instances
{
    public static Election Generate(int projects, int voters, int seed = 2026, int approvalsPerVoter = 5)
    {
        var random = new Random(seed);
        var costs = Enumerable.Range(0, projects).Select(_ => (decimal)random.Next(10, 1000) * 100).ToArray();
        // Popularity is skewed, as in real elections: some projects draw far more support than others.
        var weights = Enumerable.Range(0, projects).Select(_ => random.NextDouble() * random.NextDouble()).ToArray();
        var total = weights.Sum();
        var ballots = new Ballot[voters];
        for (var v = 0; v < voters; v++)
        {
            var chosen = new HashSet<int>();
            var count = Math.Min(projects, 1 + random.Next(approvalsPerVoter * 2));
            while (chosen.Count < count)
            {
                var x = random.NextDouble() * total;
                var p = 0;
                while (p < projects - 1 && (x -= weights[p]) > 0)
                {
                    p++;
                }

                chosen.Add(p);
            }

            ballots[v] = Ballot.Approve([.. chosen]);
        }

        return new Election
        {
            Projects = [.. costs.Select((c, i) => new Project($"p{i:D3}", c))],
            Budget = costs.Sum() / 5,
            Ballots = ballots,
        };
    }
}
