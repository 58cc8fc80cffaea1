using Nara.Platform.Events;

namespace Nara.Identity.Contracts;

// Events carry identifiers, never names, addresses or codes: the public log and statistics are fed from them.
public sealed record AccountRegistered(Guid UserId, string Kind, string Channel) : IEvent
{
    public static string EventType => "identity.account-registered.v1";
}

public sealed record SignInCodeRequested(Guid CodeId, string Channel) : IEvent
{
    public static string EventType => "identity.sign-in-code-requested.v1";
}

public sealed record AgencyCreated(Guid AgencyId, string Code, string Name) : IEvent
{
    public static string EventType => "identity.agency-created.v1";
}

public sealed record AgencyUpdated(Guid AgencyId, string Code, string Name) : IEvent
{
    public static string EventType => "identity.agency-updated.v1";
}

public sealed record StaffAccountCreated(Guid UserId) : IEvent
{
    public static string EventType => "identity.staff-account-created.v1";
}

public sealed record MembershipGranted(Guid UserId, string Role, Guid? AgencyId) : IEvent
{
    public static string EventType => "identity.membership-granted.v1";
}

public sealed record MembershipRevoked(Guid UserId, string Role, Guid? AgencyId) : IEvent
{
    public static string EventType => "identity.membership-revoked.v1";
}

public sealed record SecondFactorEnabled(Guid UserId, string Method) : IEvent
{
    public static string EventType => "identity.second-factor-enabled.v1";
}

public sealed record ApiTokenCreated(Guid TokenId, Guid UserId, string Scopes, DateTimeOffset ExpiresAt) : IEvent
{
    public static string EventType => "identity.api-token-created.v1";
}

public sealed record ApiTokenRevoked(Guid TokenId, Guid UserId) : IEvent
{
    public static string EventType => "identity.api-token-revoked.v1";
}
