using Nara.Platform.Events;

namespace Nara.Petitions.Contracts;

// Events carry public facts only: never a signer's name, email or network.
public sealed record PetitionSubmittedForModeration(long PetitionId) : IEvent
{
    public static string EventType => "petitions.submitted-for-moderation.v1";
}

public sealed record PetitionPublished(long PetitionId, string Title, Guid AgencyId, DateTimeOffset ClosesAt) : IEvent
{
    public static string EventType => "petitions.published.v1";
}

public sealed record PetitionRejected(long PetitionId, string Reason, bool Hidden) : IEvent
{
    public static string EventType => "petitions.rejected.v1";
}

public sealed record PetitionThresholdReached(long PetitionId, string Threshold, int Signatures, Guid? AgencyId, DateOnly? ResponseDueOn) : IEvent
{
    public static string EventType => "petitions.threshold-reached.v1";
}

public sealed record PetitionResponded(long PetitionId, Guid? AgencyId, bool OnTime, string ResponseSha256) : IEvent
{
    public static string EventType => "petitions.responded.v1";
}

public sealed record PetitionClosed(long PetitionId, int Signatures) : IEvent
{
    public static string EventType => "petitions.closed.v1";
}

/// <summary>A confirmed signature, as a salted commitment: the signer can prove it is counted, nobody else learns who signed.</summary>
public sealed record SignatureConfirmed(long PetitionId, long SignatureId, string Commitment, string Region) : IEvent
{
    public static string EventType => "petitions.signature-confirmed.v1";
}

public sealed record SignaturesInvalidated(long PetitionId, int Count, int Confirmed, string Reason, string Pattern) : IEvent
{
    public static string EventType => "petitions.signatures-invalidated.v1";
}
