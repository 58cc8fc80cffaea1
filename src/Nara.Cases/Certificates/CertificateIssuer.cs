using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Cases.Contracts;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.Cases.Certificates;

/// <summary>What a certificate says, as stored (encrypted) and as shown by /verify: exactly what is printed.</summary>
internal sealed record PrintedContent(string Title, string Issuer, string Reference, string Language, IReadOnlyList<PrintedLine> Lines);

internal sealed record PrintedLine(string Label, string Value);

internal enum CertificateStatus
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>Issues the blueprint's output when a case enters an issuing state, and revokes it on an officer's word.</summary>
internal sealed class CertificateIssuer(NaraDb db, CaseAnswers answers, EventPublisher events, IAgencyDirectory directory, TimeProvider clock)
{
    public async Task IssueAsync(OpenCase open, JsonObject caseAnswers, Actor actor, CancellationToken cancellationToken)
    {
        var (@case, blueprint) = open;
        if (blueprint.Output is not { } output)
        {
            return;
        }

        var person = await directory.PersonAsync(@case.ApplicantId, cancellationToken);
        var language = person?.Culture ?? blueprint.Language;
        var text = new BlueprintText(blueprint, language);
        var agencies = await directory.AgenciesAsync(cancellationToken);
        var agency = agencies.FirstOrDefault(a => a.Code == blueprint.Agency);
        var lines = output.Fields
            .Select(id => blueprint.FindField(id)!)
            .Where(field => Answers.IsAnswered(caseAnswers[field.Id]))
            .Select(field => new PrintedLine(text.Label(field.Id, field), Display(text, field, caseAnswers[field.Id], language)))
            .ToList();
        var content = new PrintedContent(text.OutputTitle ?? output.Title, agency?.Name ?? blueprint.Agency, @case.Reference, language, lines);
        var now = clock.GetUtcNow();
        var certificate = new Certificate
        {
            Id = Guid.CreateVersion7(now),
            CaseId = @case.Id,
            Code = ShortCode.New(),
            BlueprintId = blueprint.Id,
            AgencyId = agency?.Id ?? Guid.Empty,
            ProtectedContent = answers.Protect(JsonSerializer.Serialize(content)),
            IssuedAt = now,
            ValidUntil = output.ValidDays is { } days ? DateOnly.FromDateTime(now.UtcDateTime).AddDays(days) : null,
        };
        db.Set<Certificate>().Add(certificate);
        await events.PublishAsync(new CertificateIssued(certificate.Id, @case.Id, blueprint.Id, certificate.AgencyId, certificate.Code), actor, cancellationToken: cancellationToken);
    }

    public async Task<(Certificate Certificate, PrintedContent Content)?> FindAsync(string? code, CancellationToken cancellationToken)
    {
        var normalized = ShortCode.Normalize(code);
        var certificate = normalized is null ? null : await db.Set<Certificate>().FirstOrDefaultAsync(c => c.Code == normalized, cancellationToken);
        return certificate is null ? null : (certificate, Content(certificate));
    }

    public PrintedContent Content(Certificate certificate) => JsonSerializer.Deserialize<PrintedContent>(answers.Unprotect(certificate.ProtectedContent))!;

    public CertificateStatus StatusOf(Certificate certificate) =>
        certificate.RevokedAt is not null ? CertificateStatus.Revoked
        : certificate.ValidUntil is { } until && until < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) ? CertificateStatus.Expired
        : CertificateStatus.Valid;

    public async Task<string?> RevokeAsync(Certificate certificate, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "reason-required";
        }

        if (certificate.RevokedAt is not null)
        {
            return "already-revoked";
        }

        certificate.RevokedAt = clock.GetUtcNow();
        certificate.RevocationReason = reason.Trim()[..Math.Min(reason.Trim().Length, 500)];
        await events.PublishAsync(new CertificateRevoked(certificate.Id, certificate.BlueprintId, certificate.AgencyId, certificate.Code), actor, certificate.RevocationReason, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>An answer as people read it: option labels, dates in the language, yes or no.</summary>
    public static string Display(BlueprintText text, FieldSpec field, JsonNode? answer, string language)
    {
        var raw = Answers.RawOf(answer);
        var culture = CultureInfo.GetCultureInfo(language);
        return field.Type switch
        {
            FieldTypes.Choice or FieldTypes.MultiChoice => string.Join(", ", raw.Select(v => text.Option(field.Id, field, v))),
            FieldTypes.Date when raw is [var d] && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date.ToString("d MMMM yyyy", culture),
            FieldTypes.Money or FieldTypes.Number when raw is [var n] && decimal.TryParse(n, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => number.ToString("N0", culture),
            _ => string.Join(", ", raw),
        };
    }
}
