using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Nara.OpenData;

/// <summary>What is wrong with an uploaded file, as a resource key with its arguments (the page words it).</summary>
internal sealed record FileProblem(string Message, params object[] Arguments);

/// <summary>A checked upload: its rows and columns (CSV), or the first problem found, naming the line.</summary>
internal sealed record CheckedFile(string Format, int? Rows, IReadOnlyList<string> Columns, FileProblem? Problem);

/// <summary>A CSV table's first rows, for the accessible preview.</summary>
internal sealed record Preview(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Checks uploads before they are kept: CSV must be UTF-8, parse, have a header of distinct non-empty names and the
/// same number of values on every line; JSON must parse. Problems name the line, so a clerk can fix the file.
/// </summary>
internal static class ResourceFiles
{
    public const int MaxBytes = 10 * 1024 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    public static string? FormatOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".CSV" => "CSV",
        ".JSON" => "JSON",
        _ => null,
    };

    public static CheckedFile Check(byte[] content, string format)
    {
        string text;
        try
        {
            // A byte-order mark (spreadsheets write one) is not part of the first column's name.
            text = StrictUtf8.GetString(content.AsSpan().StartsWith(StrictUtf8.Preamble) ? content.AsSpan(StrictUtf8.Preamble.Length) : content);
        }
        catch (DecoderFallbackException bad)
        {
            var line = 1 + content.AsSpan(0, Math.Max(0, bad.Index)).Count((byte)'\n');
            return new(format, null, [], new("Line {0} is not UTF-8 text. Save the file as \"CSV UTF-8\" and upload it again.", line));
        }

        return format == "JSON" ? CheckJson(text) : CheckCsv(text);
    }

    public static Preview Read(byte[] content, int maxRows)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(content).TrimStart('\uFEFF'));
        using var parser = new CsvParser(reader, Configuration());
        var columns = parser.Read() ? parser.Record ?? [] : [];
        var rows = new List<IReadOnlyList<string>>();
        while (rows.Count < maxRows && parser.Read())
        {
            rows.Add(parser.Record ?? []);
        }

        return new(columns, rows);
    }

    private static CheckedFile CheckJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return new("JSON", document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : null, [], null);
        }
        catch (JsonException bad)
        {
            return new("JSON", null, [], new("Line {0} is not valid JSON: {1}", (bad.LineNumber ?? 0) + 1, bad.Message.Split(" LineNumber", 2)[0]));
        }
    }

    private static CheckedFile CheckCsv(string text)
    {
        FileProblem? problem = null;
        var configuration = Configuration();
        configuration.BadDataFound = args => problem ??= new("Line {0} has a quotation mark in the wrong place: {1}", args.Context.Parser?.RawRow ?? 0, Clip(args.RawRecord));
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, configuration);
        if (!parser.Read() || parser.Record is not { } header)
        {
            return new("CSV", null, [], new("The file is empty. The first line must name the columns."));
        }

        var blank = Array.FindIndex(header, h => string.IsNullOrWhiteSpace(h));
        if (blank >= 0)
        {
            return new("CSV", null, header, new("Line 1: column {0} has no name. The first line must name every column.", blank + 1));
        }

        var repeated = header.GroupBy(h => h.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            return new("CSV", null, header, new("Line 1 names the column \"{0}\" twice. Give every column a different name.", repeated.Key));
        }

        var rows = 0;
        while (problem is null && parser.Read())
        {
            var record = parser.Record ?? [];
            if (record.Length == 1 && record[0].Length == 0)
            {
                continue;
            }

            if (record.Length != header.Length)
            {
                return new("CSV", rows, header, new("Line {0} has {1} values, but the first line names {2} columns.", parser.RawRow, record.Length, header.Length));
            }

            rows++;
        }

        return new("CSV", rows, header, problem);
    }

    private static CsvConfiguration Configuration() => new(CultureInfo.InvariantCulture)
    {
        DetectDelimiter = true,
        BadDataFound = null,
        IgnoreBlankLines = true,
    };

    private static string Clip(string text) => text.Length > 60 ? text[..60] + "…" : text.TrimEnd('\r', '\n');
}
