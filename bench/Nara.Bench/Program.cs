using System.Diagnostics;
using BenchmarkDotNet.Running;
using Nara.Bench;
using Nara.Voting.Rules;

// `dotnet run -c Release --project bench/Nara.Bench -- quick` times one run of each rule (a smoke check);
// anything else is passed to BenchmarkDotNet (e.g. `--filter *VotingBenchmarks*`).
if (args is ["quick", ..])
{
    foreach (var (projects, voters) in new[] { (100, 100_000), (200, 500_000) })
    {
        var election = Instances.Generate(projects, voters);
        foreach (var (name, rule) in AllocationRules.ByName.Where(r => r.Key != EqualShares.Add1Name))
        {
            var watch = Stopwatch.StartNew();
            var outcome = rule(election);
            Console.WriteLine($"{projects} projects x {voters} voters  {name,-10} {watch.Elapsed.TotalMilliseconds,8:F0} ms  {outcome.Selected.Count} funded");
        }
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(VotingBenchmarks).Assembly).Run(args);

internal static partial class Program
{
    public static string SharedData => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "data", "pabulib"));
}
