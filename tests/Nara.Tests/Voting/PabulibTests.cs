using Nara.Tests.Infrastructure;
using Nara.Voting;
using Nara.Voting.Pabulib;
using Nara.Voting.Rules;

namespace Nara.Tests.Voting;

public sealed class PabulibTests
{
    private static string DataFile(string name) => Path.Combine(Repository.Root, "tests", "Nara.Tests", "Voting", "Data", name);

    [Fact]
    public void Read_Warsaw2017PlacWojskaPolskiego_MatchesThePublishedElection()
    {
        var election = PabulibReader.ReadFile(DataFile("poland_warszawa_2017_plac-wojska-polskiego.pb"));

        Assert.Equal(4, election.Projects.Count);
        Assert.Equal(51195m, election.Budget);
        Assert.Equal(27, election.Ballots.Count);
        Assert.Equal(BallotKind.Approval, election.Kind);
        var index = election.Projects.ToList().FindIndex(p => p.Id == "427");
        Assert.Equal(16, election.Ballots.Count(b => b.Projects.Contains(index)));
        Assert.Equal(["427", "915", "2567", "1623"], Greedy.Run(election).Selected);
    }

    [Fact]
    public void Read_Toulouse2019Cumulative_PointsKeptAndCountsMatchMeta()
    {
        var election = PabulibReader.ReadFile(DataFile("france_toulouse_2019_.pb"));

        Assert.Equal(BallotKind.Cumulative, election.Kind);
        Assert.Equal(30, election.Projects.Count);
        Assert.Equal(1494, election.Ballots.Count);
        Assert.All(election.Ballots, b => Assert.Equal(b.Projects.Length, b.Points.Length));
        Assert.Contains(election.Ballots, b => b.Points.Any(p => p > 1));
    }

    [Theory]
    [InlineData("poland_warszawa_2017_plac-wojska-polskiego.pb")]
    [InlineData("france_toulouse_2019_.pb")]
    public void WriteThenRead_RoundTripsProjectsBallotsAndOutcomes(string file)
    {
        var original = PabulibReader.ReadFile(DataFile(file));
        using var text = new StringWriter();

        PabulibWriter.Write(original, text);
        var copy = PabulibReader.Read(new StringReader(text.ToString()));

        Assert.Equal(original.Projects, copy.Projects);
        Assert.Equal(original.Budget, copy.Budget);
        Assert.Equal(original.Kind, copy.Kind);
        Assert.Equal(original.Ballots.Select(b => string.Join(',', b.Projects) + ":" + string.Join(',', b.Points)),
            copy.Ballots.Select(b => string.Join(',', b.Projects) + ":" + string.Join(',', b.Points)));
        foreach (var rule in AllocationRules.ByName.Values)
        {
            Assert.Equal(rule(original).Selected, rule(copy).Selected);
        }
    }

    [Theory]
    [InlineData("PROJECTS\nproject_id;cost\n1;10\n", 1, "must start with the META section")]
    [InlineData(Meta + "PROJECTS\nproject_id;cost\n1;10\n1;20\nVOTES\nvoter_id;vote\nv;1\n", 17, "project 1 appears twice")]
    [InlineData(Meta + "PROJECTS\nproject_id;cost\n1;-5\nVOTES\nvoter_id;vote\nv;1\n", 16, "negative")]
    [InlineData(Meta + "PROJECTS\nproject_id;cost\n1;ten\nVOTES\nvoter_id;vote\nv;1\n", 16, "not a number")]
    [InlineData(Meta + "PROJECTS\nproject_id;cost\n1;10\nVOTES\nvoter_id;vote\nv;7\n", 19, "project 7, which is not in PROJECTS")]
    [InlineData(Meta + "PROJECTS\nproject_id;cost\n1;10\nVOTES\nvoter_id;vote\nv;1\nv;1\n", 20, "voter v appears twice")]
    [InlineData(Meta + "PROJECTS\nproject_id;cost\n1;10\n", 16, "VOTES section is missing")]
    [InlineData(Meta + "PROJECTS\nproject_id;cost\n1;10\n2;10\nVOTES\nvoter_id;vote\nv;1\n", 1, "num_projects 1 but the file has 2")]
    [InlineData(Meta + "PROJECTS\nproject_id;price\n1;10\nVOTES\nvoter_id;vote\nv;1\n", 15, "no 'cost' column")]
    [InlineData(Meta + "PROJECTS\nproject_id;cost\n1;10;extra\nVOTES\nvoter_id;vote\nv;1\n", 16, "3 fields where the header has 2")]
    [InlineData("META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;10\nVOTES\nvoter_id;vote\nv;1\n", 1, "META has no 'description'")]
    public void Read_MalformedFile_RefusedWithLineAndReason(string content, int line, string problem)
    {
        var error = Assert.Throws<PabulibFormatException>(() => PabulibReader.Read(new StringReader(content)));

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CumulativeVoteRepeatingAProject_PointsAddUp()
    {
        var content = Meta.Replace("vote_type;approval", "vote_type;cumulative", StringComparison.Ordinal)
            + "PROJECTS\nproject_id;cost\n579;10\nVOTES\nvoter_id;vote;points\n13026;579,579,579;1,2,1\n";

        var ballot = Assert.Single(PabulibReader.Read(new StringReader(content)).Ballots);

        Assert.Equal([0], ballot.Projects);
        Assert.Equal([4], ballot.Points);
    }

    [Fact]
    public void Read_ApprovalVoteRepeatingAProject_Refused()
    {
        var content = Meta + "PROJECTS\nproject_id;cost\n579;10\nVOTES\nvoter_id;vote\nv;579,579\n";

        var error = Assert.Throws<PabulibFormatException>(() => PabulibReader.Read(new StringReader(content)));

        Assert.Equal(19, error.Line);
    }

    [Fact]
    public async Task Cli_Tally_PrintsRuleSelectedAndCostAsJson()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = await Nara.Web.Cli.NaraCommands.Build().Parse(["pb", "tally", "--rule", "greedy", DataFile("poland_warszawa_2017_plac-wojska-polskiego.pb")]).InvokeAsync();
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, exit);
        Assert.Contains("""{"rule":"greedy","selected":["427","915","2567","1623"],"cost":44720}""", output.ToString(), StringComparison.Ordinal);
    }

    private const string Meta = "META\nkey;value\ndescription;Test\ncountry;Nowhere\nunit;Test\ninstance;2026\nnum_projects;1\nnum_votes;1\nbudget;100\nvote_type;approval\nrule;greedy\ndate_begin;1.01.2026\ndate_end;2.01.2026\n";
}
