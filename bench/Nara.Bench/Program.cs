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

if (args is ["quick-log-proofs", var logFolder])
{
    // quick-log-proofs DATA_FOLDER: proofs only, on the SQLite log an earlier quick-log run left there
    await LogThroughput.RunAsync(null, existing: logFolder);
    return;
}

if (args is ["quick-log", ..])
{
    // quick-log [postgres connection] [entries]
    var entries = args.Length > 1 && int.TryParse(args[^1], out var n) ? n : 100_000;
    await LogThroughput.RunAsync(args.Length > 1 && !int.TryParse(args[1], out _) ? args[1] : null, entries);
    return;
}

if (args is ["cases-setup", var url, var count, var folder])
{
    await CasesLoad.RunAsync(url, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), folder);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(VotingBenchmarks).Assembly).Run(args);

internal static partial class Program
{
    /// <summary>The Pabulib files beside the checkout (../shared/data/pabulib), or NARA_PABULIB.</summary>
    public static string SharedData => Environment.GetEnvironmentVariable("NARA_PABULIB") ?? FindShared();

    private static string FindShared()
    {
        // BenchmarkDotNet runs each job from its own build folder, so look upwards from there and from here.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Nara.slnx")))
                {
                    return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "pabulib"));
                }
            }
        }

        throw new DirectoryNotFoundException("Set NARA_PABULIB to the folder of Pabulib files");
    }
}
