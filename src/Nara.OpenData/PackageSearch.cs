using System.Globalization;
using System.Text.RegularExpressions;

namespace Nara.OpenData;

/// <summary>A query the catalogue cannot answer; CKAN reports it as a "Search Query Error" (400).</summary>
internal sealed class SearchQueryException(string message) : Exception(message);

/// <summary>One page of search results, with facet counts over every match.</summary>
internal sealed record SearchResult(int Count, IReadOnlyList<CatalogEntry> Results, IReadOnlyDictionary<string, IReadOnlyList<(string Name, int Count)>> Facets);

/// <summary>
/// CKAN's package_search over the in-memory catalogue. <c>q</c> and <c>fq</c> take the subset of Solr's syntax that
/// CKAN clients and harvesters send: words, <c>field:value</c>, <c>field:"a phrase"</c>, <c>field:(a OR b)</c>,
/// ranges <c>field:[X TO *]</c> on dates (ISO 8601 or NOW-1DAY), a leading <c>-</c> to exclude, and AND between clauses.
/// Anything else is refused with a clear message rather than guessed at.
/// </summary>
internal static partial class PackageSearch
{
    public static readonly string[] FacetFields = ["organization", "tags", "groups", "res_format", "license_id"];

    private static readonly string[] Fields = ["id", "name", "title", "organization", "owner_org", "tags", "groups", "res_format", "license_id", "metadata_modified", "metadata_created", "type", "text"];

    public static SearchResult Search(CatalogSnapshot catalog, string? q, string? fq, string? sort, int rows, int start, IReadOnlyList<string> facetFields, int facetLimit, DateTimeOffset now)
    {
        // Every group must hold; within a group (clauses joined by OR) one clause is enough.
        var groups = Parse(q, now).Concat(Parse(fq, now)).ToList();
        var words = groups.SelectMany(g => g).Where(c => c.Field == "text" && !c.Exclude).SelectMany(c => c.Values).ToList();
        var matches = catalog.Entries.Where(e => groups.All(g => g.Any(c => c.Matches(e) != c.Exclude))).ToList();
        foreach (var field in facetFields.Where(f => !FacetFields.Contains(f)))
        {
            throw new SearchQueryException($"Cannot facet on \"{field}\". Facet fields: {string.Join(", ", FacetFields)}.");
        }

        var facets = facetFields.Distinct().ToDictionary(f => f, f => (IReadOnlyList<(string, int)>)[.. matches.SelectMany(e => ValuesOf(e, f)).GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).OrderByDescending(p => p.Item2).ThenBy(p => p.Key, StringComparer.Ordinal).Take(facetLimit)]);
        var ordered = Sort(matches, sort, words);
        return new(matches.Count, [.. ordered.Skip(start).Take(rows)], facets);
    }

    public static IEnumerable<string> ValuesOf(CatalogEntry e, string field) => field switch
    {
        "id" => [e.Id],
        "name" => [e.Dataset.Name],
        "title" => [e.Dataset.Title],
        "organization" => e.Publisher is { } p ? [p.Code] : [],
        "owner_org" => e.Publisher is { } p ? [p.Id.ToString("D")] : [],
        "tags" => e.Tags,
        "groups" => [Vocabularies.ThemeOf(e.Dataset.Theme).Group],
        "res_format" => e.Resources.Select(r => r.Format).Distinct(),
        "license_id" => [e.Dataset.LicenseId],
        "type" => ["dataset"],
        _ => [],
    };

    private static IEnumerable<CatalogEntry> Sort(List<CatalogEntry> matches, string? sort, List<string> words)
    {
        var keys = (string.IsNullOrWhiteSpace(sort) ? "score desc, metadata_modified desc" : sort).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        IOrderedEnumerable<CatalogEntry>? ordered = null;
        foreach (var key in keys)
        {
            var parts = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var descending = parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            if (parts.Length > 2 || (parts.Length == 2 && !descending && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase)))
            {
                throw new SearchQueryException($"Cannot sort by \"{key}\": write a field and asc or desc.");
            }

            Func<CatalogEntry, IComparable> by = parts[0] switch
            {
                "id" => e => e.Id,
                "name" => e => e.Dataset.Name,
                "title_string" or "title" => e => e.Dataset.Title,
                "metadata_modified" => e => e.Dataset.ModifiedAt,
                "metadata_created" => e => e.Dataset.CreatedAt,
                "num_resources" => e => e.Resources.Count,
                "score" => e => Score(e, words),
                _ => throw new SearchQueryException($"Cannot sort by \"{parts[0]}\". Sort fields: id, name, title_string, metadata_modified, metadata_created, num_resources, score."),
            };
            var comparer = Comparer<IComparable>.Create((a, b) => a is string x && b is string y ? string.CompareOrdinal(x, y) : a.CompareTo(b));
            ordered = ordered is null
                ? (descending ? matches.OrderByDescending(by, comparer) : matches.OrderBy(by, comparer))
                : (descending ? ordered.ThenByDescending(by, comparer) : ordered.ThenBy(by, comparer));
        }

        // Ties end in id order, so paging is stable whatever the sort.
        return (ordered ?? matches.OrderBy(e => 0)).ThenBy(e => e.Id, StringComparer.Ordinal);
    }

    private static int Score(CatalogEntry e, List<string> words) =>
        words.Sum(w => (Contains(e.Dataset.Title, w) ? 4 : 0) + (e.Tags.Contains(w) ? 2 : 0) + (Contains(e.Dataset.Notes, w) ? 1 : 0));

    private static bool Contains(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>One <c>field:value</c> test. <paramref name="AnyOf"/>: values from <c>(a OR b)</c>, one of which must match.</summary>
    private sealed record Clause(string Field, bool Exclude, IReadOnlyList<string> Values, DateTimeOffset? From, DateTimeOffset? To, bool AnyOf = false)
    {
        public bool Matches(CatalogEntry e) => Field switch
        {
            "metadata_modified" => InRange(e.Dataset.ModifiedAt),
            "metadata_created" => InRange(e.Dataset.CreatedAt),
            "text" => AnyOf
                ? Values.Any(w => w == "*" || e.SearchText.Contains(w, StringComparison.Ordinal))
                : Values.All(w => w == "*" || e.SearchText.Contains(w, StringComparison.Ordinal)),
            "title" => Values.Any(v => Contains(e.Dataset.Title, v)),
            _ => ValuesOf(e, Field).Any(v => Values.Any(w => Equal(v, w))),
        };

        // A value ending in "*" matches as a prefix ("name:walk-*"), as Solr's wildcard does.
        private static bool Equal(string value, string pattern) => pattern.EndsWith('*')
            ? value.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(value, pattern, StringComparison.OrdinalIgnoreCase);

        private bool InRange(DateTimeOffset at) => (From is null || at >= From) && (To is null || at <= To);
    }

    private static List<List<Clause>> Parse(string? text, DateTimeOffset now)
    {
        var groups = new List<List<Clause>>();
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "*:*")
        {
            return groups;
        }

        var position = 0;
        var or = false;
        void Add(Clause clause)
        {
            if (or && groups.Count > 0)
            {
                groups[^1].Add(clause);
            }
            else
            {
                groups.Add([clause]);
            }

            or = false;
        }

        foreach (Match m in ClausePattern().Matches(text))
        {
            if (m.Index != position || !m.Success)
            {
                break;
            }

            position = m.Index + m.Length;
            if (m.Groups["and"].Success)
            {
                continue;
            }

            if (m.Groups["or"].Success)
            {
                or = true;
                continue;
            }

            var exclude = m.Groups["sign"].Value == "-";
            var field = m.Groups["field"].Success ? m.Groups["field"].Value : "text";
            if (!Fields.Contains(field))
            {
                throw new SearchQueryException($"Unknown field \"{field}\". Fields: {string.Join(", ", Fields)}.");
            }

            if (m.Groups["range"].Success)
            {
                if (field is not ("metadata_modified" or "metadata_created"))
                {
                    throw new SearchQueryException($"Ranges work on metadata_modified and metadata_created, not on \"{field}\".");
                }

                Add(new(field, exclude, [], Date(m.Groups["from"].Value, now), Date(m.Groups["to"].Value, now)));
                continue;
            }

            var values = m.Groups["phrase"].Success ? [m.Groups["phrase"].Value]
                : m.Groups["any"].Success ? m.Groups["any"].Value.Split(" OR ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => v.Trim('"')).ToList()
                : [m.Groups["word"].Value];
            if (field is "metadata_modified" or "metadata_created")
            {
                throw new SearchQueryException($"Give {field} as a range, for example {field}:[2026-01-01T00:00:00Z TO *].");
            }

            // Words are looked for in each dataset's lowercase search text.
            Add(new(field, exclude, field == "text" ? [.. values.Select(v => v.ToLowerInvariant())] : values, null, null, m.Groups["any"].Success));
        }

        if (position != text.Length)
        {
            throw new SearchQueryException($"Cannot read the query at character {position + 1}: \"{text[position..Math.Min(text.Length, position + 30)]}\".");
        }

        return groups;
    }

    private static DateTimeOffset? Date(string value, DateTimeOffset now)
    {
        if (value == "*")
        {
            return null;
        }

        var math = DateMathPattern().Match(value);
        if (math.Success)
        {
            var at = now;
            if (math.Groups["round"].Success)
            {
                at = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
            }

            if (math.Groups["n"].Success)
            {
                var n = int.Parse(math.Groups["n"].Value, CultureInfo.InvariantCulture) * (math.Groups["op"].Value == "-" ? -1 : 1);
                try
                {
                    at = math.Groups["unit"].Value.TrimEnd('S') switch
                    {
                        "YEAR" => at.AddYears(n),
                        "MONTH" => at.AddMonths(n),
                        "DAY" => at.AddDays(n),
                        "HOUR" => at.AddHours(n),
                        _ => at.AddMinutes(n),
                    };
                }
                catch (ArgumentOutOfRangeException)
                {
                    throw new SearchQueryException($"\"{value}\" is outside the calendar.");
                }
            }

            return at;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : throw new SearchQueryException($"\"{value}\" is not a date: write it as 2026-01-31T00:00:00Z, NOW or NOW-7DAYS.");
    }

    [GeneratedRegex("""\G\s*(?:(?<and>AND|&&)(?=\s)|(?<or>OR|\|\|)(?=\s)|(?<sign>[+-])?(?:(?<field>[a-z_]+):)?(?:"(?<phrase>[^"]*)"|\((?<any>[^()]*)\)|[\[{](?<range>(?<from>\S+) TO (?<to>\S+?))[\]}]|(?<word>[^\s"()\[\]{}:]+)))\s*""")]
    private static partial Regex ClausePattern();

    [GeneratedRegex("^NOW(?<round>/DAY)?(?:(?<op>[+-])(?<n>\\d{1,4})(?<unit>YEARS?|MONTHS?|DAYS?|HOURS?|MINUTES?))?$")]
    private static partial Regex DateMathPattern();
}
