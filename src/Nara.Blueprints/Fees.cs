using System.Text.Json.Nodes;

namespace Nara.Blueprints;

public sealed record FeeLine(string Kind, decimal Amount);

/// <summary>What a case costs given its answers. An exemption brings the amount to zero and says why.</summary>
public sealed record FeeQuote(string Currency, decimal Amount, IReadOnlyList<FeeLine> Lines, ExemptionSpec? Exemption)
{
    public bool IsDue => Amount > 0;
}

public static class Fees
{
    public static FeeQuote? Quote(Blueprint blueprint, JsonObject answers)
    {
        if (blueprint.Fee is not { } fee)
        {
            return null;
        }

        var lines = new List<FeeLine>();
        if (fee.Amount > 0)
        {
            lines.Add(new FeeLine("base", fee.Amount));
        }

        if (fee.ByAnswer is { } byAnswer && Answers.RawOf(answers[byAnswer.Field]) is [var chosen] && byAnswer.Amounts.TryGetValue(chosen, out var extra) && extra > 0)
        {
            lines.Add(new FeeLine("by-answer", extra));
        }

        if (fee.PercentOf is { } percent)
        {
            var basis = Sum(answers, percent.Field);
            var amount = decimal.Round(basis * percent.Percent / 100m, 2, MidpointRounding.AwayFromZero);
            if (amount > 0)
            {
                lines.Add(new FeeLine("percent", amount));
            }
        }

        var exemption = fee.Exemptions.FirstOrDefault(e => e.When.Holds(answers));
        var total = lines.Sum(l => l.Amount);
        return new FeeQuote(fee.Currency, exemption is null ? total : 0m, lines, exemption);
    }

    /// <summary>A money answer, or the sum of one field over every item of a repeating group (group.field).</summary>
    private static decimal Sum(JsonObject answers, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return Number(answers[path]);
        }

        return answers[path[..dot]] is JsonArray items
            ? items.OfType<JsonObject>().Sum(item => Number(item[path[(dot + 1)..]]))
            : 0m;
    }

    private static decimal Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<decimal>(out var d) ? d : 0m;
}
