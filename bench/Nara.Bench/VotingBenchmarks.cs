using BenchmarkDotNet.Attributes;
using Nara.Voting;
using Nara.Voting.Pabulib;
using Nara.Voting.Rules;

namespace Nara.Bench;

/// <summary>Every rule over generated elections, up to 200 projects × 500,000 voters.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class VotingBenchmarks
{
    private Election election = null!;

    [Params("100x100000", "200x500000", "50x10000")]
    public string Size { get; set; } = "";

    [ParamsAllValues]
    public RuleName Rule { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        election = Instances.Generate(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Benchmark]
    public int Allocate() => AllocationRules.ByName[Names[Rule]](election).Selected.Count;

    public enum RuleName
    {
        Greedy,
        Mes,
        Phragmen,
    }

    private static readonly Dictionary<RuleName, string> Names = new()
    {
        [RuleName.Greedy] = Greedy.Name,
        [RuleName.Mes] = EqualShares.Name,
        [RuleName.Phragmen] = Phragmen.Name,
    };
}

/// <summary>Every rule over the real Pabulib files in ../shared/data/pabulib (the largest: Wrocław 2015, 131,778 voters).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RealElectionBenchmarks
{
    private Election election = null!;

    [Params("poland_wroclaw_2015_150-500.pb", "poland_czestochowa_2020_.pb", "poland_warszawa_2017_tarchomin-nowodwory-piekielko.pb")]
    public string File { get; set; } = "";

    [Params("greedy", "mes", "phragmen")]
    public string Rule { get; set; } = "";

    [GlobalSetup]
    public void Setup() => election = PabulibReader.ReadFile(Path.Combine(Program.SharedData, File));

    [Benchmark]
    public int Allocate() => AllocationRules.ByName[Rule](election).Selected.Count;
}
