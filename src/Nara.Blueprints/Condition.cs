using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Nara.Blueprints;

/// <summary>
/// A test on earlier answers: shows a question, applies a fee exemption or lets the system act.
/// A multi-choice answer equals a value when it contains it; a repeating group compares by its number of items.
/// </summary>
public sealed class Condition
{
    public string? Field { get; init; }

    [JsonPropertyName("equals")]
    public JsonNode? IsEqualTo { get; init; }

    [JsonPropertyName("not_equals")]
    public JsonNode? IsNotEqualTo { get; init; }

    public IReadOnlyList<JsonNode?>? In { get; init; }
    public decimal? AtLeast { get; init; }
    public decimal? AtMost { get; init; }
    public bool? Answered { get; init; }
    public IReadOnlyList<Condition>? All { get; init; }
    public IReadOnlyList<Condition>? Any { get; init; }

    public IEnumerable<string> ReferencedFields() =>
        (Field is null ? [] : new[] { Field })
            .Concat((All ?? []).SelectMany(c => c.ReferencedFields()))
            .Concat((Any ?? []).SelectMany(c => c.ReferencedFields()));

    public bool Holds(JsonObject answers)
    {
        if (All is not null)
        {
            return All.All(c => c.Holds(answers));
        }

        if (Any is not null)
        {
            return Any.Any(c => c.Holds(answers));
        }

        var answer = Field is null ? null : answers[Field];
        var isAnswered = Answers.IsAnswered(answer);
        if (Answered is { } wanted && wanted != isAnswered)
        {
            return false;
        }

        if (IsEqualTo is not null && !Matches(answer, IsEqualTo))
        {
            return false;
        }

        if (IsNotEqualTo is not null && Matches(answer, IsNotEqualTo))
        {
            return false;
        }

        if (In is not null && !In.Any(v => v is not null && Matches(answer, v)))
        {
            return false;
        }

        var number = Quantity(answer);
        return (AtLeast is null || (number is { } n1 && n1 >= AtLeast))
            && (AtMost is null || (number is { } n2 && n2 <= AtMost));
    }

    private static bool Matches(JsonNode? answer, JsonNode expected) => answer switch
    {
        null => false,
        JsonArray items => items.Any(item => item is not null && Matches(item, expected)),
        _ => Text(answer) == Text(expected),
    };

    private static decimal? Quantity(JsonNode? answer) => answer switch
    {
        JsonArray items => items.Count,
        JsonValue value when value.TryGetValue<decimal>(out var d) => d,
        JsonValue value when value.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string Text(JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue value when value.TryGetValue<decimal>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
