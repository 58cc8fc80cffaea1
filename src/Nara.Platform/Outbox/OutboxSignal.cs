using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Nara.Platform.Storage;

namespace Nara.Platform.Outbox;

/// <summary>Wakes the dispatcher as soon as a transaction with outbox rows commits, instead of waiting for its next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Notify()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread signalled first; one wake-up is enough.
            }
        }
    }

    public void Dispose() => semaphore.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);
}

/// <summary>Notices outbox rows in a save and signals after the commit, never before.</summary>
internal sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        MarkPending(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        MarkPending(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SignalIfPending(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SignalIfPending(eventData.Context);
        return result;
    }

    private void SignalIfPending(DbContext? context)
    {
        // Inside an explicit transaction the commit comes later; the dispatcher's poll picks those up.
        if (context is NaraDb { OutboxPending: true } db)
        {
            db.OutboxPending = false;
            if (db.Database.CurrentTransaction is null)
            {
                signal.Notify();
            }
        }
    }

    private static void MarkPending(DbContext? context)
    {
        if (context is NaraDb db)
        {
            db.OutboxPending = db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        }
    }
}
