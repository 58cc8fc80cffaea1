using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Nara.Budgeting;

/// <summary>
/// The electoral or census list an administrator uploads: UTF-8 CSV with the columns national_id, date_of_birth
/// (YYYY-MM-DD) and, when the jurisdiction has districts, district. Every problem is reported with its line.
/// </summary>
internal static class CensusFile
{
    public const int MaxProblems = 50;

    public sealed record Row(string NationalId, DateOnly BirthDate, string? District);

    /// <summary>A text key and its values.</summary>
    public sealed record Problem(string Message, params object[] Values);

    public static (List<Row> Rows, List<Problem> Problems) Read(Stream csv, IReadOnlySet<string> districts, bool districtRequired = false)
    {
        var rows = new List<Row>();
        var problems = new List<Problem>();
        using var reader = new StreamReader(csv, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, TrimOptions = TrimOptions.Trim };
        using var parser = new CsvParser(reader, configuration);
        try
        {
            if (!parser.Read())
            {
                return (rows, [new("The file is empty. The first line must name the columns national_id, date_of_birth and district.")]);
            }

            var header = parser.Record!.Select(h => h.Trim().ToLowerInvariant()).ToList();
            var id = header.IndexOf("national_id");
            var born = header.IndexOf("date_of_birth");
            var district = header.IndexOf("district");
            if (id < 0 || born < 0)
            {
                return (rows, [new("Line 1 must name the columns national_id and date_of_birth (and district).")]);
            }

            while (parser.Read() && problems.Count < MaxProblems)
            {
                var line = parser.Row;
                var record = parser.Record!;
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (record.Length != header.Count)
                {
                    problems.Add(new("Line {0} has {1} values, but the first line names {2} columns.", line, record.Length, header.Count));
                    continue;
                }

                var nationalId = record[id];
                if (nationalId.Length is < 3 or > 40 || !nationalId.Any(char.IsAsciiLetterOrDigit))
                {
                    problems.Add(new("Line {0}: \"{1}\" is not a national id number.", line, Shorten(nationalId)));
                    continue;
                }

                if (!DateOnly.TryParseExact(record[born], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    problems.Add(new("Line {0}: the date of birth \"{1}\" is not a date written as YYYY-MM-DD.", line, Shorten(record[born])));
                    continue;
                }

                var place = district < 0 || string.IsNullOrEmpty(record[district]) ? null : record[district];
                if ((place is not null && !districts.Contains(place)) || (place is null && districtRequired))
                {
                    problems.Add(districtRequired
                        ? new("Line {0}: \"{1}\" is not a district with a budget in this process.", line, Shorten(place ?? ""))
                        : new("Line {0}: \"{1}\" is not a district of this jurisdiction.", line, Shorten(place!)));
                    continue;
                }

                rows.Add(new Row(nationalId, date, place));
            }
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new("Line {0} is not UTF-8 text. Save the file as \"CSV UTF-8\" and upload it again.", parser.Row));
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new("The file names its columns but has no people in it."));
        }

        return (rows, problems);
    }

    private static string Shorten(string value) => value.Length > 30 ? value[..30] + "…" : value;
}
