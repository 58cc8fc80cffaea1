using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Nara.Blueprints;

/// <summary>A blueprint read from its files, or every problem that stops it from being used.</summary>
public sealed record BlueprintLoad(Blueprint? Blueprint, IReadOnlyList<BlueprintProblem> Problems, IReadOnlyDictionary<string, string> Files)
{
    public bool Succeeded => Blueprint is not null && Problems.Count == 0;
}

/// <summary>
/// Reads blueprint.yaml and the translations beside it: YAML → JSON Schema (the published one) → typed model →
/// semantic checks. Every problem is reported with file, line and path, not just the first.
/// </summary>
public static class BlueprintReader
{
    public const string FileName = "blueprint.yaml";

    private static readonly JsonSerializerOptions ModelOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

    private static readonly Lazy<JsonSchema> Schema = new(() => LoadSchema("blueprint.schema.json"));
    private static readonly Lazy<JsonSchema> TranslationSchema = new(() => LoadSchema("blueprint-translation.schema.json"));

    public static string SchemaText => ReadResource("blueprint.schema.json");

    public static string TranslationSchemaText => ReadResource("blueprint-translation.schema.json");

    /// <summary>Reads a folder holding blueprint.yaml and blueprint.&lt;language&gt;.yaml files.</summary>
    public static BlueprintLoad ReadFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "blueprint*.yaml")
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f), StringComparer.Ordinal);
        return Read(files, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)));
    }

    /// <summary>Reads a blueprint from file name → text, as found in a folder or a shared package.</summary>
    public static BlueprintLoad Read(IReadOnlyDictionary<string, string> files, string label = "")
    {
        var problems = new List<BlueprintProblem>();
        var prefix = label.Length == 0 ? "" : label + "/";
        if (!files.TryGetValue(FileName, out var main))
        {
            problems.Add(new BlueprintProblem(prefix + FileName, 1, "", "The folder has no blueprint.yaml."));
            return new BlueprintLoad(null, problems, files);
        }

        var blueprint = ReadMain(main, prefix + FileName, problems);
        var translations = new Dictionary<string, BlueprintTranslation>(StringComparer.Ordinal);
        foreach (var (name, text) in files.Where(f => f.Key != FileName).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var translation = ReadTranslation(text, prefix + name, blueprint, problems);
            if (translation is not null && !translations.TryAdd(translation.Language, translation))
            {
                problems.Add(new BlueprintProblem(prefix + name, 1, "/language", $"There are two translations into \"{translation.Language}\"."));
            }
        }

        if (blueprint is not null)
        {
            blueprint.Translations = translations;
        }

        return new BlueprintLoad(problems.Count == 0 ? blueprint : null, problems, files);
    }

    private static Blueprint? ReadMain(string text, string file, List<BlueprintProblem> problems)
    {
        var yaml = YamlDocument.Parse(text, file, problems);
        if (yaml.Root is null)
        {
            if (problems.Count == 0)
            {
                problems.Add(new BlueprintProblem(file, 1, "", "The file is empty."));
            }

            return null;
        }

        if (!CheckSchema(Schema.Value, yaml, file, problems))
        {
            return null;
        }

        if (!TryDeserialize<Blueprint>(yaml, file, problems, out var blueprint))
        {
            return null;
        }

        foreach (var (path, message) in SemanticChecks.Check(blueprint))
        {
            problems.Add(new BlueprintProblem(file, yaml.LineOf(path), path, message));
        }

        return blueprint;
    }

    private static BlueprintTranslation? ReadTranslation(string text, string file, Blueprint? blueprint, List<BlueprintProblem> problems)
    {
        var yaml = YamlDocument.Parse(text, file, problems);
        if (yaml.Root is null || !CheckSchema(TranslationSchema.Value, yaml, file, problems))
        {
            return null;
        }

        if (!TryDeserialize<BlueprintTranslation>(yaml, file, problems, out var translation))
        {
            return null;
        }

        var expected = $"blueprint.{translation.Language}.yaml";
        if (!file.EndsWith(expected, StringComparison.Ordinal))
        {
            problems.Add(new BlueprintProblem(file, yaml.LineOf("/language"), "/language", $"A translation into \"{translation.Language}\" must be named {expected}."));
        }

        if (blueprint is not null)
        {
            foreach (var (path, message) in SemanticChecks.CheckTranslation(blueprint, translation))
            {
                problems.Add(new BlueprintProblem(file, yaml.LineOf(path), path, message));
            }
        }

        return translation;
    }

    /// <summary>Builds the model; a value the schema allows but the model cannot hold (a number too large) is a problem, not a crash.</summary>
    private static bool TryDeserialize<T>(YamlDocument yaml, string file, List<BlueprintProblem> problems, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? model)
        where T : class
    {
        try
        {
            model = yaml.Root.Deserialize<T>(ModelOptions);
        }
        catch (JsonException e)
        {
            var pointer = Pointer(e.Path);
            problems.Add(new BlueprintProblem(file, yaml.LineOf(pointer), pointer, "This value cannot be used here (a number out of range, or the wrong kind of value)."));
            model = null;
            return false;
        }

        if (model is null)
        {
            problems.Add(new BlueprintProblem(file, 1, "", "The file is empty."));
            return false;
        }

        return true;
    }

    /// <summary>System.Text.Json's path ($.form.pages[0].id) as a JSON Pointer (/form/pages/0/id).</summary>
    private static string Pointer(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var pointer = new System.Text.StringBuilder();
        foreach (var part in path.TrimStart('$').Split(['.', '['], StringSplitOptions.RemoveEmptyEntries))
        {
            pointer.Append('/').Append(part.TrimEnd(']').Trim('\'', '"'));
        }

        return pointer.ToString();
    }

    private static bool CheckSchema(JsonSchema schema, YamlDocument yaml, string file, List<BlueprintProblem> problems)
    {
        var element = JsonSerializer.SerializeToElement(yaml.Root);
        var result = schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detail in (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
        {
            var pointer = detail.InstanceLocation.ToString();
            foreach (var (keyword, message) in detail.Errors!)
            {
                // oneOf and its branches repeat what the branch's own keywords already said.
                if (keyword is "oneOf" or "not" || !seen.Add(pointer + "|" + message))
                {
                    continue;
                }

                problems.Add(new BlueprintProblem(file, yaml.LineOf(pointer), pointer, message));
            }
        }

        if (seen.Count == 0)
        {
            problems.Add(new BlueprintProblem(file, 1, "", "The blueprint does not match the schema."));
        }

        return false;
    }

    private static JsonSchema LoadSchema(string name) => JsonSchema.FromText(ReadResource(name), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The {name} resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
