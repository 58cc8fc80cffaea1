using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Cases.Certificates;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Cases;

internal sealed record TimelineRow(DateTimeOffset At, EntryKind Kind, string? ActorName, string ActorRole, string? Action, string? To, string? Text, bool Internal, string? Receipt);

internal sealed record AccessRow(DateTimeOffset At, string Agency, string Role, string Purpose);

internal sealed record IssuedRow(string Code, string Status, DateOnly? ValidUntil);

/// <summary>What the case pages show: the timeline, documents, certificates and the record of who opened personal data.</summary>
internal sealed class CaseView(NaraDb db, CaseAnswers answers, CertificateIssuer certificates, IAgencyDirectory directory)
{
    public async Task<IReadOnlyList<TimelineRow>> TimelineAsync(Case @case, bool includeInternal, bool namesOfStaff, CancellationToken cancellationToken)
    {
        var entries = await db.Set<CaseEntry>().AsNoTracking()
            .Where(e => e.CaseId == @case.Id && (includeInternal || !e.Internal))
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var names = new Dictionary<Guid, string?>();
        // The applicant's page says "you" and "the office"; only staff see who acted.
        foreach (var id in namesOfStaff ? entries.Select(e => e.ActorId).OfType<Guid>().Distinct() : [])
        {
            names[id] = (await directory.PersonAsync(id, cancellationToken))?.Name;
        }

        return [.. entries.Select(e => new TimelineRow(
            e.At, e.Kind, e.ActorId is { } who ? names.GetValueOrDefault(who) : null, e.ActorRole, e.Action, e.ToState,
            e.ProtectedText is null ? null : answers.Unprotect(e.ProtectedText), e.Internal,
            e.LogLeaf is null ? null : Convert.ToHexStringLower(e.LogLeaf)))];
    }

    public async Task<IReadOnlyList<CaseDocument>> DocumentsAsync(Guid caseId, CancellationToken cancellationToken) =>
        await db.Set<CaseDocument>().AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.UploadedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<IssuedRow>> CertificatesAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Certificate>().AsNoTracking().Where(c => c.CaseId == caseId).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        return [.. rows.Select(c => new IssuedRow(c.Code, certificates.StatusOf(c).ToString(), c.ValidUntil))];
    }

    public async Task<IReadOnlyList<AccessRow>> AccessAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var agencies = (await directory.AgenciesAsync(cancellationToken)).ToDictionary(a => a.Id, a => a.Name);
        var rows = await db.Set<CaseAccess>().AsNoTracking().Where(a => a.CaseId == caseId).OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(a => new AccessRow(a.At, a.AgencyId is { } id ? agencies.GetValueOrDefault(id, "") : "", a.Role, a.Purpose))];
    }
}
