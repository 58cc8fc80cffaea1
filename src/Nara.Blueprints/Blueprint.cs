using System.Text.Json.Serialization;

namespace Nara.Blueprints;

/// <summary>
/// A public service declared as data (blueprint.schema.json, format 1). Read with <see cref="BlueprintReader"/>;
/// texts are in <see cref="Language"/>, and <see cref="Translations"/> hold the same texts in other languages.
/// </summary>
public sealed class Blueprint
{
    public int Format { get; init; } = 1;
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string Agency { get; init; }
    public string Audience { get; init; } = "public";
    public string? Category { get; init; }
    public IReadOnlyList<string> LifeEvents { get; init; } = [];
    public string Language { get; init; } = "en";
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public string? Eligibility { get; init; }
    public IReadOnlyList<string> YouNeed { get; init; } = [];
    public int? ExpectedDays { get; init; }
    public string? Credit { get; init; }
    public required FormSpec Form { get; init; }
    public IReadOnlyList<DocumentSpec> Documents { get; init; } = [];
    public FeeSpec? Fee { get; init; }
    public required WorkflowSpec Workflow { get; init; }
    public OutputSpec? Output { get; init; }

    [JsonIgnore]
    public IReadOnlyDictionary<string, BlueprintTranslation> Translations { get; internal set; } = new Dictionary<string, BlueprintTranslation>();

    [JsonIgnore]
    public bool IsInternal => Audience == "staff";

    /// <summary>Every question, including those asked inside repeating groups (as group.field).</summary>
    public IEnumerable<(string Path, FieldSpec Field, PageSpec Page)> AllFields() =>
        Form.Pages.SelectMany(page => page.Fields.SelectMany(field =>
            (IEnumerable<(string, FieldSpec, PageSpec)>)[(field.Id, field, page), .. field.Fields.Select(child => ($"{field.Id}.{child.Id}", child, page))]));

    public FieldSpec? FindField(string id) => Form.Pages.SelectMany(p => p.Fields).FirstOrDefault(f => f.Id == id);

    public StateSpec? FindState(string id) => Workflow.States.FirstOrDefault(s => s.Id == id);

    public string AgencyOf(string state) => FindState(state)?.Agency ?? Agency;
}

public sealed class FormSpec
{
    public required IReadOnlyList<PageSpec> Pages { get; init; }
}

public sealed class PageSpec
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public Condition? ShowIf { get; init; }
    public required IReadOnlyList<FieldSpec> Fields { get; init; }
}

public sealed class FieldSpec
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Label { get; init; }
    public string? Hint { get; init; }
    public bool Required { get; init; }
    public bool Personal { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public string? Pattern { get; init; }
    public string? PatternMessage { get; init; }
    public IReadOnlyList<OptionSpec> Options { get; init; } = [];
    public string? Document { get; init; }
    public Condition? ShowIf { get; init; }
    public IReadOnlyList<FieldSpec> Fields { get; init; } = [];
    public int? MinItems { get; init; }
    public int? MaxItems { get; init; }
}

public sealed record OptionSpec(string Value, string Label);

public sealed class DocumentSpec
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public string? Hint { get; init; }
    public bool Required { get; init; }
    public IReadOnlyList<string> Types { get; init; } = [];
    public int MaxKb { get; init; } = 5120;
    public Condition? ShowIf { get; init; }
}

public sealed class FeeSpec
{
    public required string Currency { get; init; }
    public decimal Amount { get; init; }
    public FeeByAnswer? ByAnswer { get; init; }
    public FeePercentOf? PercentOf { get; init; }
    public IReadOnlyList<ExemptionSpec> Exemptions { get; init; } = [];
}

public sealed record FeeByAnswer(string Field, IReadOnlyDictionary<string, decimal> Amounts);

public sealed record FeePercentOf(string Field, decimal Percent);

public sealed record ExemptionSpec(string Id, Condition When, string Reason);

public sealed class WorkflowSpec
{
    public required string Initial { get; init; }
    public int? DeadlineDays { get; init; }
    public required IReadOnlyList<StateSpec> States { get; init; }
    public required IReadOnlyList<ActionSpec> Actions { get; init; }
}

public sealed class StateSpec
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public bool Terminal { get; init; }
    public string? Outcome { get; init; }
    public bool Issues { get; init; }
    public string? Agency { get; init; }
    public int? DeadlineDays { get; init; }
    public string? EscalateTo { get; init; }
    public bool WaitingForApplicant { get; init; }
}

public sealed class ActionSpec
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required IReadOnlyList<string> From { get; init; }
    public required string To { get; init; }
    public required IReadOnlyList<string> By { get; init; }
    public string Comment { get; init; } = "optional";
    public string Document { get; init; } = "none";
    public Condition? When { get; init; }
}

public sealed class OutputSpec
{
    public required string Title { get; init; }
    public required IReadOnlyList<string> Fields { get; init; }
    public int? ValidDays { get; init; }
}
