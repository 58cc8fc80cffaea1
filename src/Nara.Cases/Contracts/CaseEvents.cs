using Nara.Platform.Events;

namespace Nara.Cases.Contracts;

// Events carry identifiers and public facts, never answers: the public log takes a salted hash of the reference.
public sealed record CaseSubmitted(Guid CaseId, string Reference, string BlueprintId, string BlueprintVersion, Guid? AgencyId, bool Assisted) : IEvent
{
    public static string EventType => "cases.case-submitted.v1";
}

public sealed record CaseStateChanged(Guid CaseId, string Reference, string BlueprintId, string Action, string From, string To, Guid? AgencyId) : IEvent
{
    public static string EventType => "cases.case-state-changed.v1";
}

/// <summary>An applicant rated a decided case (1 to 5). The comment stays with the agency; the event carries the score only.</summary>
public sealed record CaseRated(Guid CaseId, string BlueprintId, Guid? AgencyId, int Rating) : IEvent
{
    public static string EventType => "cases.case-rated.v1";
}

public sealed record CaseEscalated(Guid CaseId, string Reference, string State, Guid? AgencyId, string EscalatedTo) : IEvent
{
    public static string EventType => "cases.case-escalated.v1";
}

public sealed record CasePaid(Guid CaseId, Guid PaymentId, decimal Amount, string Currency, string Provider) : IEvent
{
    public static string EventType => "cases.case-paid.v1";
}

public sealed record CertificateIssued(Guid CertificateId, Guid CaseId, string BlueprintId, Guid AgencyId, string Code) : IEvent
{
    public static string EventType => "cases.certificate-issued.v1";
}

public sealed record CertificateRevoked(Guid CertificateId, string BlueprintId, Guid AgencyId, string Code) : IEvent
{
    public static string EventType => "cases.certificate-revoked.v1";
}

public sealed record PersonalDataViewed(Guid CaseId, Guid ViewerId, Guid? AgencyId, string Role) : IEvent
{
    public static string EventType => "cases.personal-data-viewed.v1";
}

public sealed record BlueprintInstalled(string BlueprintId, string Version, string Hash, string Origin) : IEvent
{
    public static string EventType => "cases.blueprint-installed.v1";
}
