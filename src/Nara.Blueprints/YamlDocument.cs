using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nara.Blueprints;

/// <summary>
/// A YAML file read as JSON (the YAML 1.2 core schema: plain true/false/null/numbers are typed, everything else is text),
/// remembering the line of every value by its JSON Pointer so that problems can name the line a person must fix.
/// </summary>
internal sealed partial class YamlDocument
{
    /// <summary>More nodes than any real blueprint has; the limit keeps a hostile file from exhausting memory.</summary>
    public const int MaxNodes = 50_000;

    private readonly Dictionary<string, int> lines = new(StringComparer.Ordinal);
    private readonly HashSet<YamlNode> visited = new(ReferenceEqualityComparer.Instance);
    private bool refused;

    private YamlDocument(JsonNode? root) => Root = root;

    public JsonNode? Root { get; private set; }

    public int LineOf(string pointer)
    {
        var path = pointer;
        while (true)
        {
            if (lines.TryGetValue(path, out var line))
            {
                return line;
            }

            var slash = path.LastIndexOf('/');
            if (slash < 0)
            {
                return 1;
            }

            path = path[..slash];
        }
    }

    public static YamlDocument Parse(string text, string file, List<BlueprintProblem> problems)
    {
        var document = new YamlDocument(null);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problems.Add(new BlueprintProblem(file, (int)e.Start.Line, "", "This is not valid YAML: " + e.Message));
            return document;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException or NotSupportedException or KeyNotFoundException)
        {
            // YamlDotNet reports some malformed documents with general exceptions rather than a YamlException.
            problems.Add(new BlueprintProblem(file, 1, "", "This is not valid YAML: " + e.Message));
            return document;
        }

        if (stream.Documents.Count != 1)
        {
            problems.Add(new BlueprintProblem(file, 1, "", "The file must hold exactly one YAML document."));
            return document;
        }

        var root = document.Convert(stream.Documents[0].RootNode, "", file, problems, depth: 0);
        document.Root = document.refused ? null : root;
        return document;
    }

    private JsonNode? Convert(YamlNode node, string pointer, string file, List<BlueprintProblem> problems, int depth)
    {
        if (refused)
        {
            return null;
        }

        // YAML anchors and aliases (&a … *a) would copy a node wherever it is named, which is how a few hundred bytes
        // become gigabytes; blueprints do not need them.
        if (!visited.Add(node) || visited.Count > MaxNodes)
        {
            refused = true;
            problems.Add(new BlueprintProblem(file, (int)node.Start.Line, pointer, visited.Count > MaxNodes
                ? $"The file has more than {MaxNodes:N0} values; no blueprint needs that many."
                : "YAML anchors and aliases (&name and *name) are not allowed in blueprints: write the value out."));
            return null;
        }

        lines[pointer] = (int)node.Start.Line;
        // Blueprints nest about ten levels; the limit stays well inside System.Text.Json's own (64).
        if (depth > 32)
        {
            problems.Add(new BlueprintProblem(file, (int)node.Start.Line, pointer, "The file is nested too deeply."));
            return null;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = keyNode is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : keyNode.ToString();
                    var childPointer = $"{pointer}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
                    if (obj.ContainsKey(key))
                    {
                        problems.Add(new BlueprintProblem(file, (int)keyNode.Start.Line, childPointer, $"\"{key}\" is given twice."));
                        continue;
                    }

                    obj[key] = Convert(valueNode, childPointer, file, problems, depth + 1);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(Convert(sequence.Children[i], $"{pointer}/{i}", file, problems, depth + 1));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            // 1.0 is an integer to JSON Schema, so it must be one to the model too.
            _ when DecimalPattern().IsMatch(value) && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) =>
                number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue ? JsonValue.Create((long)number) : JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex DecimalPattern();
}

/// <summary>One thing wrong with a blueprint: the file, the line, the JSON Pointer inside the document and what to fix.</summary>
public sealed record BlueprintProblem(string File, int Line, string Path, string Message)
{
    public override string ToString() => $"{File}:{Line}: {(Path.Length == 0 ? "/" : Path)}: {Message}";
}
