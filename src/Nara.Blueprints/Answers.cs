using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Nara.Blueprints;

/// <summary>A problem with one answer: where (a field path such as goods[2].value) and which rule it broke.</summary>
public sealed record AnswerError(string Path, string Code, string? Detail = null);

/// <summary>
/// Turns what a person typed into typed answers (a JSON object keyed by field id) and checks them against the blueprint.
/// Web forms, the API and assisted applications all come through here, so a rule is written once.
/// </summary>
public static class Answers
{
    public const int DefaultTextLength = 200;
    public const int DefaultLongTextLength = 5000;
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "d M yyyy"];

    public static bool IsAnswered(JsonNode? answer) => answer switch
    {
        null => false,
        JsonArray items => items.Count > 0,
        JsonValue value when value.TryGetValue<string>(out var s) => !string.IsNullOrWhiteSpace(s),
        _ => true,
    };

    public static bool IsVisible(FieldSpec field, JsonObject answers) => field.ShowIf is null || field.ShowIf.Holds(answers);

    public static bool IsVisible(PageSpec page, JsonObject answers) => page.ShowIf is null || page.ShowIf.Holds(answers);

    /// <summary>Reads one page of a form. Input keys are field ids, or group[index].field for repeating groups; empty group rows are dropped.</summary>
    public static IReadOnlyList<AnswerError> ReadPage(PageSpec page, Func<string, IReadOnlyList<string>> input, JsonObject answers, IReadOnlySet<string> regions)
    {
        var errors = new List<AnswerError>();
        foreach (var field in page.Fields)
        {
            if (field.Type == FieldTypes.File)
            {
                continue;
            }

            if (!IsVisible(field, answers))
            {
                answers.Remove(field.Id);
                continue;
            }

            if (field.Type == FieldTypes.Group)
            {
                answers[field.Id] = ReadGroup(field, input, regions, errors);
                continue;
            }

            var (value, error) = Read(field, input(field.Id), regions);
            answers[field.Id] = value;
            if (error is not null)
            {
                errors.Add(new AnswerError(field.Id, error.Code, error.Detail));
            }
            else if (field.Required && !IsAnswered(value))
            {
                errors.Add(new AnswerError(field.Id, "required"));
            }
        }

        return errors;
    }

    private static JsonArray ReadGroup(FieldSpec group, Func<string, IReadOnlyList<string>> input, IReadOnlySet<string> regions, List<AnswerError> errors)
    {
        var items = new JsonArray();
        var limit = group.MaxItems ?? 50;
        for (var index = 0; index < limit; index++)
        {
            var item = new JsonObject();
            var itemErrors = new List<AnswerError>();
            var anything = false;
            foreach (var child in group.Fields)
            {
                var path = $"{group.Id}[{index}].{child.Id}";
                var raw = input(path);
                anything |= raw.Any(r => !string.IsNullOrWhiteSpace(r));
                var (value, error) = Read(child, raw, regions);
                item[child.Id] = value;
                if (error is not null)
                {
                    itemErrors.Add(new AnswerError(path, error.Code, error.Detail));
                }
                else if (child.Required && !IsAnswered(value))
                {
                    itemErrors.Add(new AnswerError(path, "required"));
                }
            }

            if (anything)
            {
                items.Add(item);
                errors.AddRange(itemErrors);
            }
        }

        if (group.MinItems is { } min && items.Count < min)
        {
            errors.Add(new AnswerError(group.Id, "too-few-items", min.ToString(CultureInfo.InvariantCulture)));
        }
        else if (group.Required && items.Count == 0)
        {
            errors.Add(new AnswerError(group.Id, "required"));
        }

        return items;
    }

    /// <summary>Reads one answer. Returns no value (and no error) when nothing was given.</summary>
    public static (JsonNode? Value, AnswerError? Error) Read(FieldSpec field, IReadOnlyList<string> raw, IReadOnlySet<string> regions)
    {
        if (field.Type == FieldTypes.MultiChoice)
        {
            var chosen = raw.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (chosen.Any(c => field.Options.All(o => o.Value != c)))
            {
                return (null, new AnswerError(field.Id, "not-an-option"));
            }

            return (chosen.Count == 0 ? null : new JsonArray([.. chosen.Select(c => (JsonNode)JsonValue.Create(c))]), null);
        }

        if (raw.Count > 1)
        {
            return (null, new AnswerError(field.Id, "one-answer"));
        }

        var text = raw.Count == 0 ? "" : raw[0].Trim();
        if (text.Length == 0)
        {
            return (null, null);
        }

        return field.Type switch
        {
            FieldTypes.Number or FieldTypes.Money => ReadNumber(field, text),
            FieldTypes.Date => DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? (JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null)
                : (null, new AnswerError(field.Id, "not-a-date")),
            FieldTypes.YesNo => text switch
            {
                "true" or "yes" => (JsonValue.Create(true), null),
                "false" or "no" => (JsonValue.Create(false), null),
                _ => (null, new AnswerError(field.Id, "not-an-option")),
            },
            FieldTypes.Choice => field.Options.Any(o => o.Value == text) ? (JsonValue.Create(text), null) : (null, new AnswerError(field.Id, "not-an-option")),
            FieldTypes.Region => regions.Contains(text) ? (JsonValue.Create(text), null) : (null, new AnswerError(field.Id, "not-a-region")),
            FieldTypes.Email => ReadText(field, text.ToLowerInvariant(), IsEmail(text) ? null : "not-an-email"),
            FieldTypes.Phone => ReadPhone(field, text),
            FieldTypes.File => (null, null),
            _ => ReadText(field, text, null),
        };
    }

    private static (JsonNode?, AnswerError?) ReadText(FieldSpec field, string text, string? formatError)
    {
        var max = field.MaxLength ?? (field.Type == FieldTypes.LongText ? DefaultLongTextLength : DefaultTextLength);
        if (text.Length > max)
        {
            return (JsonValue.Create(text[..max]), new AnswerError(field.Id, "too-long", max.ToString(CultureInfo.InvariantCulture)));
        }

        if (field.MinLength is { } min && text.Length < min)
        {
            return (JsonValue.Create(text), new AnswerError(field.Id, "too-short", min.ToString(CultureInfo.InvariantCulture)));
        }

        if (formatError is not null)
        {
            return (JsonValue.Create(text), new AnswerError(field.Id, formatError));
        }

        if (field.Pattern is not null && !Matches(field.Pattern, text))
        {
            return (JsonValue.Create(text), new AnswerError(field.Id, "pattern"));
        }

        return (JsonValue.Create(text), null);
    }

    private static (JsonNode?, AnswerError?) ReadNumber(FieldSpec field, string text)
    {
        var cleaned = text.Replace(" ", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || (field.Type == FieldTypes.Money && (number < 0 || decimal.Round(number, 2) != number)))
        {
            return (null, new AnswerError(field.Id, field.Type == FieldTypes.Money ? "not-money" : "not-a-number"));
        }

        if (field.Min is { } min && number < min)
        {
            return (JsonValue.Create(number), new AnswerError(field.Id, "too-small", min.ToString(CultureInfo.InvariantCulture)));
        }

        if (field.Max is { } max && number > max)
        {
            return (JsonValue.Create(number), new AnswerError(field.Id, "too-large", max.ToString(CultureInfo.InvariantCulture)));
        }

        return (JsonValue.Create(number), null);
    }

    private static (JsonNode?, AnswerError?) ReadPhone(FieldSpec field, string text)
    {
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        var plausible = digits.Length is >= 7 and <= 15 && text.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')');
        return plausible ? (JsonValue.Create((text.StartsWith('+') ? "+" : "") + digits), null) : (null, new AnswerError(field.Id, "not-a-phone"));
    }

    private static bool IsEmail(string text) =>
        text.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.', StringComparison.Ordinal);

    public static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Whether these answers need any uploaded document before the application can be sent.</summary>
    public static bool NeedsDocuments(Blueprint blueprint, JsonObject answers) =>
        blueprint.Form.Pages.Where(p => IsVisible(p, answers))
            .Any(p => p.Fields.Any(f => f.Type == FieldTypes.File && IsVisible(f, answers) && IsNeeded(blueprint, f, answers)));

    private static bool IsNeeded(Blueprint blueprint, FieldSpec field, JsonObject answers)
    {
        var document = blueprint.Documents.FirstOrDefault(d => d.Id == field.Document);
        return field.Required || (document is not null && document.Required && (document.ShowIf is null || document.ShowIf.Holds(answers)));
    }

    /// <summary>Everything that must hold before a case can be submitted: each visible required question answered, and each answer still valid.</summary>
    public static IReadOnlyList<AnswerError> CheckComplete(Blueprint blueprint, JsonObject answers, IReadOnlySet<string> regions, IReadOnlySet<string> uploadedDocuments)
    {
        var errors = new List<AnswerError>();
        foreach (var page in blueprint.Form.Pages.Where(p => IsVisible(p, answers)))
        {
            foreach (var field in page.Fields.Where(f => IsVisible(f, answers)))
            {
                if (field.Type == FieldTypes.File)
                {
                    if (IsNeeded(blueprint, field, answers) && !uploadedDocuments.Contains(field.Document ?? field.Id))
                    {
                        errors.Add(new AnswerError(field.Id, "required"));
                    }

                    continue;
                }

                var answer = answers[field.Id];
                if (field.Type == FieldTypes.Group)
                {
                    var items = answer as JsonArray ?? [];
                    var single = new PageSpec { Id = page.Id, Title = page.Title, Fields = [field] };
                    var copy = new JsonObject();
                    var reread = ReadPage(single, path => Raw(items, field, path), copy, regions);
                    errors.AddRange(reread);
                    continue;
                }

                if (!IsAnswered(answer))
                {
                    if (field.Required)
                    {
                        errors.Add(new AnswerError(field.Id, "required"));
                    }

                    continue;
                }

                var (_, error) = Read(field, RawOf(answer), regions);
                if (error is not null)
                {
                    errors.Add(error with { Path = field.Id });
                }
            }
        }

        return errors;
    }

    /// <summary>Drops answers to questions that are hidden by the current answers, so a changed earlier answer cannot leave stale data behind.</summary>
    public static void DropHidden(Blueprint blueprint, JsonObject answers)
    {
        foreach (var page in blueprint.Form.Pages)
        {
            foreach (var field in page.Fields)
            {
                if (answers.ContainsKey(field.Id) && (!IsVisible(page, answers) || !IsVisible(field, answers)))
                {
                    answers.Remove(field.Id);
                }
            }
        }
    }

    public static IReadOnlyList<string> RawOf(JsonNode? answer) => answer switch
    {
        null => [],
        JsonArray items => [.. items.Select(i => i is null ? "" : (RawOf(i) is [var first, ..] ? first : ""))],
        JsonValue value when value.TryGetValue<bool>(out var b) => [b ? "true" : "false"],
        JsonValue value when value.TryGetValue<decimal>(out var d) => [d.ToString(CultureInfo.InvariantCulture)],
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        _ => [answer.ToJsonString()],
    };

    private static IReadOnlyList<string> Raw(JsonArray items, FieldSpec group, string path)
    {
        var open = path.IndexOf('[', StringComparison.Ordinal);
        var close = path.IndexOf(']', StringComparison.Ordinal);
        if (open < 0 || close < open || !int.TryParse(path.AsSpan(open + 1, close - open - 1), CultureInfo.InvariantCulture, out var index) || index >= items.Count)
        {
            return [];
        }

        var child = path[(close + 2)..];
        return items[index] is JsonObject item && group.Fields.Any(f => f.Id == child) ? RawOf(item[child]) : [];
    }
}
