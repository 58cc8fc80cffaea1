using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Nara.Blueprints;

namespace Nara.Cases;

/// <summary>
/// Keeps a case's answers: those to questions marked personal (or groups holding one) are encrypted with Data Protection
/// and stored apart, so a database copy shows no one's name, id number or income.
/// </summary>
internal sealed class CaseAnswers(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Nara.Cases.Answers.v1");
    private readonly IDataProtector text = protection.CreateProtector("Nara.Cases.Text.v1");

    public JsonObject Read(Case @case)
    {
        var answers = JsonNode.Parse(@case.Answers) as JsonObject ?? [];
        if (@case.ProtectedPersonal is not null && JsonNode.Parse(Open(@case)) is JsonObject personal)
        {
            foreach (var (key, value) in personal.ToList())
            {
                personal.Remove(key);
                answers[key] = value;
            }
        }

        return answers;
    }

    /// <summary>The answers without the personal ones, for people who have not given a purpose to see them.</summary>
    public static JsonObject Public(Case @case) => JsonNode.Parse(@case.Answers) as JsonObject ?? [];

    public void Write(Case @case, Blueprint blueprint, JsonObject answers)
    {
        var open = new JsonObject();
        var personal = new JsonObject();
        foreach (var (key, value) in answers)
        {
            var target = IsPersonal(blueprint, key) ? personal : open;
            target[key] = value?.DeepClone();
        }

        @case.Answers = open.ToJsonString();
        if (personal.Count == 0)
        {
            @case.ProtectedPersonal = null;
            opened.Remove(@case);
            return;
        }

        var plain = personal.ToJsonString();
        @case.ProtectedPersonal = protector.Protect(plain);
        opened.AddOrUpdate(@case, new Opened(@case.ProtectedPersonal, plain));
    }

    // A request reads a case's answers several times (check, enter the workflow, automatic steps); each decryption
    // costs a key derivation, so this scope remembers the last one per case for as long as it holds the case.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Case, Opened> opened = [];

    private sealed record Opened(string Sealed, string Plain);

    private string Open(Case @case)
    {
        var sealedText = @case.ProtectedPersonal!;
        if (opened.TryGetValue(@case, out var known) && ReferenceEquals(known.Sealed, sealedText))
        {
            return known.Plain;
        }

        var plain = protector.Unprotect(sealedText);
        opened.AddOrUpdate(@case, new Opened(sealedText, plain));
        return plain;
    }

    public static bool IsPersonal(Blueprint blueprint, string fieldId) =>
        blueprint.FindField(fieldId) is { } field && (field.Personal || field.Fields.Any(f => f.Personal));

    public string Protect(string value) => text.Protect(value);

    public string Unprotect(string value) => text.Unprotect(value);
}
