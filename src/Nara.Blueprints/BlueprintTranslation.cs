namespace Nara.Blueprints;

/// <summary>The texts of a blueprint in another language (blueprint.&lt;language&gt;.yaml), keyed by the blueprint's ids.</summary>
public sealed class BlueprintTranslation
{
    public required string Language { get; init; }
    public string? Title { get; init; }
    public string? Summary { get; init; }
    public string? Eligibility { get; init; }
    public IReadOnlyList<string>? YouNeed { get; init; }
    public IReadOnlyDictionary<string, string> Pages { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, FieldText> Fields { get; init; } = new Dictionary<string, FieldText>();
    public IReadOnlyDictionary<string, DocumentText> Documents { get; init; } = new Dictionary<string, DocumentText>();
    public IReadOnlyDictionary<string, string> Exemptions { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> States { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Actions { get; init; } = new Dictionary<string, string>();
    public OutputText? Output { get; init; }
}

public sealed record FieldText(string? Label, string? Hint, string? PatternMessage, IReadOnlyDictionary<string, string>? Options);

public sealed record DocumentText(string? Label, string? Hint);

public sealed record OutputText(string? Title);

/// <summary>
/// A blueprint's texts in one language, falling back to the blueprint's own language for anything not translated.
/// Pages call this rather than reading the blueprint's texts directly.
/// </summary>
public sealed class BlueprintText(Blueprint blueprint, string language)
{
    private readonly BlueprintTranslation? translation = blueprint.Translations.GetValueOrDefault(language);

    public string Language => translation?.Language ?? blueprint.Language;

    public string Title => translation?.Title ?? blueprint.Title;

    public string Summary => translation?.Summary ?? blueprint.Summary;

    public string? Eligibility => translation?.Eligibility ?? blueprint.Eligibility;

    public IReadOnlyList<string> YouNeed => translation?.YouNeed ?? blueprint.YouNeed;

    public string Page(PageSpec page) => translation?.Pages.GetValueOrDefault(page.Id) ?? page.Title;

    public string Label(string path, FieldSpec field) => translation?.Fields.GetValueOrDefault(path)?.Label ?? field.Label;

    public string? Hint(string path, FieldSpec field) => translation?.Fields.GetValueOrDefault(path)?.Hint ?? field.Hint;

    public string? PatternMessage(string path, FieldSpec field) => translation?.Fields.GetValueOrDefault(path)?.PatternMessage ?? field.PatternMessage;

    public string Option(string path, FieldSpec field, string value) =>
        translation?.Fields.GetValueOrDefault(path)?.Options?.GetValueOrDefault(value) ?? field.Options.FirstOrDefault(o => o.Value == value)?.Label ?? value;

    public string Document(DocumentSpec document) => translation?.Documents.GetValueOrDefault(document.Id)?.Label ?? document.Label;

    public string? DocumentHint(DocumentSpec document) => translation?.Documents.GetValueOrDefault(document.Id)?.Hint ?? document.Hint;

    public string Exemption(ExemptionSpec exemption) => translation?.Exemptions.GetValueOrDefault(exemption.Id) ?? exemption.Reason;

    public string State(string id) => translation?.States.GetValueOrDefault(id) ?? blueprint.FindState(id)?.Label ?? id;

    public string Action(ActionSpec action) => translation?.Actions.GetValueOrDefault(action.Id) ?? action.Label;

    public string? OutputTitle => translation?.Output?.Title ?? blueprint.Output?.Title;
}
