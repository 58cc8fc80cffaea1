using System.CommandLine;
using System.Text.Json;
using Nara.Voting.Pabulib;
using Nara.Voting.Rules;

namespace Nara.Web.Cli;

/// <summary><c>nara pb tally --rule greedy|mes|mes-add1|phragmen FILE.pb</c>: recompute a participatory budget from its Pabulib file.</summary>
internal static class TallyCommand
{
    public static Command Build()
    {
        var rule = new Option<string>("--rule") { Description = "The allocation rule", DefaultValueFactory = _ => Greedy.Name };
        rule.AcceptOnlyFromAmong([.. AllocationRules.ByName.Keys]);
        var file = new Argument<FileInfo>("FILE") { Description = "A Pabulib .pb file" };
        var tally = new Command("tally", "Compute the funded projects of a Pabulib file with an allocation rule; prints JSON") { rule, file };
        tally.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var election = PabulibReader.ReadFile(path.FullName);
                var outcome = AllocationRules.ByName[parse.GetValue(rule)!](election);
                Console.Out.WriteLine(JsonSerializer.Serialize(new { rule = outcome.Rule, selected = outcome.Selected, cost = outcome.Cost }));
                return 0;
            }
            catch (PabulibFormatException e)
            {
                Console.Error.WriteLine($"{path.Name}: {e.Message}");
                return 1;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"{path.Name}: {e.Message}");
                return 1;
            }
        });
        return new Command("pb", "Participatory-budgeting data in the Pabulib format") { tally };
    }
}
