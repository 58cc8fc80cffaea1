using Nara.Petitions.Contracts;
using Nara.Platform.Events;
using Nara.Transparency.Log;

namespace Nara.Transparency;

/// <summary>
/// Petitions in the public log: publication, rejection, thresholds, responses, closing, every confirmed signature as a
/// salted commitment, and every bulk invalidation — so a published count can be checked against the log. Never a
/// signer's name, email or network. The signature's leaf goes back on the event as the signer's receipt.
/// </summary>
internal sealed class LogPetitionEvents(PublicLog log)
    : IReactTo<PetitionPublished>, IReactTo<PetitionRejected>, IReactTo<PetitionThresholdReached>, IReactTo<PetitionResponded>, IReactTo<PetitionClosed>,
      IReactTo<SignatureConfirmed>, IReactTo<SignaturesInvalidated>
{
    public Task ReactAsync(PetitionPublished payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, PetitionPublished.EventType, new { petition = payload.PetitionId, title = payload.Title, agency = payload.AgencyId, closes = payload.ClosesAt });

    public Task ReactAsync(PetitionRejected payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, PetitionRejected.EventType, new { petition = payload.PetitionId, reason = payload.Reason, hidden = payload.Hidden });

    public Task ReactAsync(PetitionThresholdReached payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, PetitionThresholdReached.EventType, new { petition = payload.PetitionId, threshold = payload.Threshold, signatures = payload.Signatures, agency = payload.AgencyId, due = payload.ResponseDueOn });

    public Task ReactAsync(PetitionResponded payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, PetitionResponded.EventType, new { petition = payload.PetitionId, agency = payload.AgencyId, onTime = payload.OnTime, sha256 = payload.ResponseSha256 });

    public Task ReactAsync(PetitionClosed payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, PetitionClosed.EventType, new { petition = payload.PetitionId, signatures = payload.Signatures });

    public Task ReactAsync(SignatureConfirmed payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, SignatureConfirmed.EventType, new { petition = payload.PetitionId, commitment = payload.Commitment, region = payload.Region });

    public Task ReactAsync(SignaturesInvalidated payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, SignaturesInvalidated.EventType, new { petition = payload.PetitionId, count = payload.Count, confirmed = payload.Confirmed, reason = payload.Reason, pattern = payload.Pattern });

    private Task Append(EventContext context, string type, object fields)
    {
        context.Stored.LogLeaf = log.Append(type, fields);
        return Task.CompletedTask;
    }
}
