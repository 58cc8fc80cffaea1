using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nara.Platform.Storage;

/// <summary>
/// SQLite has one writer at a time. Left to itself, a second writer gets SQLITE_BUSY and sleeps in its busy
/// handler, holding a thread and adding tens of milliseconds. Queuing writers here instead — an async wait for
/// the file's one write slot around each save — keeps threads free and latency flat. One gate per database file
/// (per connection string) in the process; other processes still meet SQLite's own locking.
/// </summary>
public sealed class SqliteWriteGate : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim gate;

    public SqliteWriteGate(string connectionString) => gate = Gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// Takes the write slot for a unit of work that writes in its own explicit transaction (a group-commit writer);
    /// dispose the result after the commit. On PostgreSQL there is no slot to take.
    /// </summary>
    public static async Task<IDisposable?> EnterAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        return await EnterAsync(db.Database.GetConnectionString()!, cancellationToken);
    }

    /// <summary>Takes the write slot of the SQLite database <paramref name="connectionString"/> opens.</summary>
    public static async Task<IDisposable> EnterAsync(string connectionString, CancellationToken cancellationToken)
    {
        var held = Gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
        await held.WaitAsync(cancellationToken);
        return new Slot(held);
    }

    private sealed class Slot(SemaphoreSlim held) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                held.Release();
            }
        }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        // Inside an explicit transaction the caller already holds the write lock from its first write; waiting here could deadlock.
        if (eventData.Context is { Database.CurrentTransaction: null } context)
        {
            DetectChangesFirst(context);
            await gate.WaitAsync(cancellationToken);
            Holders.AddOrUpdate(context, gate);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context)
        {
            DetectChangesFirst(context);
            gate.Wait();
            Holders.AddOrUpdate(context, gate);
        }

        return result;
    }

    // Between this hook and EF Core's own try, where the release hooks below are called, EF Core detects changes, and so
    // do the interceptors after this one (the outbox signal reads the change tracker). A throw there (a modified key, two
    // tracked copies of one row) would keep the slot taken for ever. Detecting here, before taking it, throws first; the
    // later passes then find nothing new.
    private static void DetectChangesFirst(DbContext context)
    {
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    // EF Core reports an optimistic-concurrency conflict (a row's version changed since it was read: two officers on one
    // case, two instances moving one petition on) here and not as a failed save: without these the slot stayed taken
    // and every later write in the process waited for it. EF Core may still be rolling back its own transaction; the
    // next writer then waits for that in SQLite's busy handler, briefly.
    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release(eventData.Context);
        return result;
    }

    // Which save holds the gate: the interceptor is shared by every context, and an async method's AsyncLocal
    // changes do not flow back to its caller.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, SemaphoreSlim> Holders = [];

    /// <summary>
    /// Gives back a slot <paramref name="context"/> still holds, as a backstop when it is disposed or returned to its
    /// pool: a save that ended in a way no hook reports must not stop every later write in the process.
    /// </summary>
    public static void ReleaseHeldBy(DbContext context) => Release(context);

    private static void Release(DbContext? context)
    {
        if (context is not null && Holders.TryGetValue(context, out var held) && Holders.Remove(context))
        {
            held.Release();
        }
    }
}
