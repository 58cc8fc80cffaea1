using Nara.Cases.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Secrets;
using Nara.Transparency.Log;

namespace Nara.Transparency;

/// <summary>
/// Case work in the public log: submissions, state changes, certificates, blueprint installs and staff access to
/// personal data. Case references appear only as salted hashes (the applicant can recompute theirs from the receipt);
/// the leaf hash goes back on the event as the person's receipt.
/// </summary>
internal sealed class LogCaseEvents(PublicLog log, PersonalHasher hasher)
    : IReactTo<CaseSubmitted>, IReactTo<CaseStateChanged>, IReactTo<CertificateIssued>, IReactTo<CertificateRevoked>, IReactTo<PersonalDataViewed>, IReactTo<BlueprintInstalled>
{
    public Task ReactAsync(CaseSubmitted payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, CaseSubmitted.EventType, new { @case = Hash(payload.Reference), blueprint = payload.BlueprintId, version = payload.BlueprintVersion, agency = payload.AgencyId, assisted = payload.Assisted });

    public Task ReactAsync(CaseStateChanged payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, CaseStateChanged.EventType, new { @case = Hash(payload.Reference), blueprint = payload.BlueprintId, action = payload.Action, from = payload.From, to = payload.To, agency = payload.AgencyId, role = context.Actor.Role });

    public Task ReactAsync(CertificateIssued payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, CertificateIssued.EventType, new { certificate = Hash(payload.Code), blueprint = payload.BlueprintId, agency = payload.AgencyId });

    public Task ReactAsync(CertificateRevoked payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, CertificateRevoked.EventType, new { certificate = Hash(payload.Code), blueprint = payload.BlueprintId, agency = payload.AgencyId });

    public Task ReactAsync(PersonalDataViewed payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, PersonalDataViewed.EventType, new { subject = hasher.Hash("case-subject", payload.CaseId.ToString("N")), agency = payload.AgencyId, role = payload.Role });

    public Task ReactAsync(BlueprintInstalled payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, BlueprintInstalled.EventType, new { blueprint = payload.BlueprintId, version = payload.Version, sha256 = payload.Hash, origin = payload.Origin });

    private string Hash(string value) => hasher.Hash("case-reference", value);

    private Task Append(EventContext context, string type, object fields)
    {
        context.Stored.LogLeaf = log.Append(type, fields);
        return Task.CompletedTask;
    }
}
