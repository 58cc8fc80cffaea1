using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Nara.Voting.Pabulib;

/// <summary>A .pb file that does not follow the format, with the line where the problem is.</summary>
public sealed class PabulibFormatException(int line, string problem)
    : FormatException($"line {line}: {problem}")
{
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}

/// <summary>
/// Reads Pabulib files (pabulib.org): sections META, PROJECTS and VOTES, each a header row then rows,
/// ';'-separated with CSV quoting. Checks what the format requires and refuses the first problem with its line.
/// </summary>
public static class PabulibReader
{
    public static readonly string[] RequiredMeta =
        ["description", "country", "unit", "instance", "num_projects", "num_votes", "budget", "vote_type", "rule", "date_begin", "date_end"];

    private static readonly string[] Sections = ["META", "PROJECTS", "VOTES"];

    private static readonly Dictionary<string, BallotKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["approval"] = BallotKind.Approval,
        ["ordinal"] = BallotKind.Ordinal,
        ["cumulative"] = BallotKind.Cumulative,
        ["scoring"] = BallotKind.Scoring,
        ["choose-1"] = BallotKind.ChooseOne,
    };

    public static Election ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static Election Read(TextReader text)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ";",
            HasHeaderRecord = false,
            BadDataFound = null,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
        };
        using var parser = new CsvParser(text, configuration);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var projects = new List<Project>();
        var projectIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var votes = new List<(int Line, string VoterId, string Vote, string? Points)>();
        string? section = null;
        string[]? header = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var line = 0;
        while (parser.Read())
        {
            line = parser.RawRow;
            var row = parser.Record ?? [];
            if (row.Length == 1 && row[0].Trim() is "META" or "PROJECTS" or "VOTES")
            {
                section = row[0].Trim();
                if (seen.Count == 0 && section != "META")
                {
                    throw new PabulibFormatException(line, "the file must start with the META section");
                }

                if (!seen.Add(section))
                {
                    throw new PabulibFormatException(line, $"section {section} appears twice");
                }

                header = null;
                continue;
            }

            if (section is null)
            {
                throw new PabulibFormatException(line, "the file must start with the META section");
            }

            if (header is null)
            {
                header = [.. row.Select(h => h.Trim())];
                Require(header, line, section);
                continue;
            }

            var fields = Fields(header, row, line);
            switch (section)
            {
                case "META":
                    meta[fields["key"].Trim()] = fields["value"].Trim();
                    break;
                case "PROJECTS":
                    var id = fields["project_id"].Trim();
                    if (id.Length == 0)
                    {
                        throw new PabulibFormatException(line, "a project has no project_id");
                    }

                    if (!decimal.TryParse(fields["cost"], NumberStyles.Number, CultureInfo.InvariantCulture, out var cost))
                    {
                        throw new PabulibFormatException(line, $"project {id}: cost '{fields["cost"]}' is not a number");
                    }

                    if (cost < 0)
                    {
                        throw new PabulibFormatException(line, $"project {id}: cost {cost} is negative");
                    }

                    if (!projectIndex.TryAdd(id, projects.Count))
                    {
                        throw new PabulibFormatException(line, $"project {id} appears twice");
                    }

                    projects.Add(new Project(id, cost, fields.GetValueOrDefault("name")));
                    break;
                default:
                    votes.Add((line, fields["voter_id"].Trim(), fields["vote"], fields.GetValueOrDefault("points")));
                    break;
            }
        }

        foreach (var required in Sections.Where(s => !seen.Contains(s)))
        {
            throw new PabulibFormatException(line, $"the {required} section is missing");
        }

        foreach (var key in RequiredMeta.Where(k => !meta.ContainsKey(k)))
        {
            throw new PabulibFormatException(1, $"META has no '{key}'");
        }

        if (!Kinds.TryGetValue(meta["vote_type"], out var kind))
        {
            throw new PabulibFormatException(1, $"vote_type '{meta["vote_type"]}' is not one of approval, ordinal, cumulative, scoring, choose-1");
        }

        if (!decimal.TryParse(meta["budget"], NumberStyles.Number, CultureInfo.InvariantCulture, out var budget) || budget < 0)
        {
            throw new PabulibFormatException(1, $"budget '{meta["budget"]}' is not a non-negative number");
        }

        var ballots = new List<Ballot>(votes.Count);
        var voterIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (voteLine, voterId, vote, points) in votes)
        {
            if (!voterIds.Add(voterId))
            {
                throw new PabulibFormatException(voteLine, $"voter {voterId} appears twice");
            }

            ballots.Add(ParseBallot(voteLine, vote, points, kind, projectIndex));
        }

        Check(meta, "num_projects", projects.Count);
        Check(meta, "num_votes", ballots.Count);
        return new Election
        {
            Projects = projects,
            Budget = budget,
            Kind = kind,
            Ballots = ballots,
            Meta = meta,
            VoterIds = [.. votes.Select(v => v.VoterId)],
        };
    }

    private static Ballot ParseBallot(int line, string vote, string? points, BallotKind kind, Dictionary<string, int> projectIndex)
    {
        var ids = vote.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var indexes = new int[ids.Length];
        for (var k = 0; k < ids.Length; k++)
        {
            if (!projectIndex.TryGetValue(ids[k], out indexes[k]))
            {
                throw new PabulibFormatException(line, $"the vote names project {ids[k]}, which is not in PROJECTS");
            }
        }

        var cardinal = kind is BallotKind.Cumulative or BallotKind.Scoring;
        if (!cardinal && indexes.Distinct().Count() != indexes.Length)
        {
            throw new PabulibFormatException(line, "the vote names a project twice");
        }

        if (kind == BallotKind.ChooseOne && indexes.Length > 1)
        {
            throw new PabulibFormatException(line, "a choose-1 vote names more than one project");
        }

        int[] weights;
        if (cardinal)
        {
            var given = (points ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (given.Length != indexes.Length)
            {
                throw new PabulibFormatException(line, $"{indexes.Length} projects but {given.Length} points");
            }

            weights = new int[given.Length];
            for (var k = 0; k < given.Length; k++)
            {
                if (!int.TryParse(given[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out weights[k]) || weights[k] < 0)
                {
                    throw new PabulibFormatException(line, $"points '{given[k]}' is not a non-negative whole number");
                }
            }

            if (indexes.Distinct().Count() != indexes.Length)
            {
                // Some real files spread points as repeated entries ("579,579,579;1,1,1"): they add up.
                var merged = indexes.Zip(weights).GroupBy(x => x.First).Select(g => (Project: g.Key, Points: g.Sum(x => x.Second))).ToList();
                return new Ballot([.. merged.Select(m => m.Project)], [.. merged.Select(m => m.Points)]);
            }
        }
        else if (kind == BallotKind.Ordinal)
        {
            weights = [.. Enumerable.Range(0, indexes.Length).Select(k => indexes.Length - k)];
        }
        else
        {
            weights = [.. indexes.Select(_ => 1)];
        }

        return new Ballot(indexes, weights);
    }

    private static void Require(string[] header, int line, string section)
    {
        string[] needed = section switch
        {
            "META" => ["key", "value"],
            "PROJECTS" => ["project_id", "cost"],
            _ => ["voter_id", "vote"],
        };
        foreach (var column in needed.Where(c => !header.Contains(c)))
        {
            throw new PabulibFormatException(line, $"the {section} header has no '{column}' column");
        }
    }

    private static Dictionary<string, string> Fields(string[] header, string[] row, int line)
    {
        if (row.Length != header.Length)
        {
            throw new PabulibFormatException(line, $"{row.Length} fields where the header has {header.Length}");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var k = 0; k < header.Length; k++)
        {
            fields[header[k]] = row[k];
        }

        return fields;
    }

    private static void Check(Dictionary<string, string> meta, string key, int actual)
    {
        if (!int.TryParse(meta[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var declared) || declared != actual)
        {
            throw new PabulibFormatException(1, $"META says {key} {meta[key]} but the file has {actual}");
        }
    }
}
