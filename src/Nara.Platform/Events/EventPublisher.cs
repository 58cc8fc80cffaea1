using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Storage;

namespace Nara.Platform.Events;

/// <summary>
/// Adds an event to the unit of work and lets its reactors add what it causes (outbox rows, log entries).
/// Nothing is written until the handler calls <c>SaveChangesAsync</c>, so the change, its event and its
/// consequences commit together or not at all.
/// </summary>
public sealed class EventPublisher(NaraDb db, IServiceProvider services, TimeProvider clock)
{
    public async Task<StoredEvent> PublishAsync<T>(T payload, Actor actor, string? reason = null, CancellationToken cancellationToken = default)
        where T : IEvent
    {
        var at = clock.GetUtcNow();
        var stored = StoredEvent.Create(payload, actor, reason, at);
        db.Events.Add(stored);
        var context = new EventContext(actor, reason, at, stored);
        foreach (var reactor in services.GetServices<IReactTo<T>>())
        {
            await reactor.ReactAsync(payload, context, cancellationToken);
        }

        return stored;
    }
}
