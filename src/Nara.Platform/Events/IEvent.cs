namespace Nara.Platform.Events;

/// <summary>A typed event. <see cref="EventType"/> is its stable, versioned name, e.g. "identity.agency-created.v1".</summary>
public interface IEvent
{
    static abstract string EventType { get; }
}

/// <summary>
/// Reacts to an event inside the transaction that publishes it — to queue notifications, append to the
/// public log, or update read models. Reactors add to the same <c>NaraDb</c>; they never save.
/// </summary>
public interface IReactTo<in T>
    where T : IEvent
{
    Task ReactAsync(T payload, EventContext context, CancellationToken cancellationToken);
}

public sealed record EventContext(Actor Actor, string? Reason, DateTimeOffset OccurredAt, StoredEvent Stored);
