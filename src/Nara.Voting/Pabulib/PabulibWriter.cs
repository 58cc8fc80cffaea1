using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Nara.Voting.Pabulib;

/// <summary>Writes an election as a Pabulib file that <see cref="PabulibReader"/> and other Pabulib tools read back.</summary>
public static class PabulibWriter
{
    public static void Write(Election election, TextWriter text)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";", HasHeaderRecord = false, NewLine = "\n" };
        using var csv = new CsvWriter(text, configuration, leaveOpen: true);
        var meta = new Dictionary<string, string>(election.Meta, StringComparer.Ordinal)
        {
            ["num_projects"] = election.Projects.Count.ToString(CultureInfo.InvariantCulture),
            ["num_votes"] = election.Ballots.Count.ToString(CultureInfo.InvariantCulture),
            ["budget"] = election.Budget.ToString(CultureInfo.InvariantCulture),
            ["vote_type"] = KindName(election.Kind),
        };
        foreach (var key in PabulibReader.RequiredMeta)
        {
            meta.TryAdd(key, "");
        }

        Row(csv, "META");
        Row(csv, "key", "value");
        foreach (var (key, value) in meta)
        {
            Row(csv, key, value);
        }

        Row(csv, "PROJECTS");
        Row(csv, "project_id", "cost", "name");
        foreach (var project in election.Projects)
        {
            Row(csv, project.Id, project.Cost.ToString(CultureInfo.InvariantCulture), project.Name ?? "");
        }

        Row(csv, "VOTES");
        var withPoints = election.Kind is BallotKind.Cumulative or BallotKind.Scoring;
        Row(csv, withPoints ? ["voter_id", "vote", "points"] : ["voter_id", "vote"]);
        for (var voter = 0; voter < election.Ballots.Count; voter++)
        {
            var ballot = election.Ballots[voter];
            var id = election.VoterIds?[voter] ?? voter.ToString(CultureInfo.InvariantCulture);
            var vote = string.Join(',', ballot.Projects.Select(p => election.Projects[p].Id));
            Row(csv, withPoints ? [id, vote, string.Join(',', ballot.Points)] : [id, vote]);
        }

        csv.Flush();
    }

    private static void Row(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }

    private static string KindName(BallotKind kind) => kind switch
    {
        BallotKind.Approval => "approval",
        BallotKind.Ordinal => "ordinal",
        BallotKind.Cumulative => "cumulative",
        BallotKind.Scoring => "scoring",
        _ => "choose-1",
    };
}
