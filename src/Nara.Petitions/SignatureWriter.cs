using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nara.Platform.Outbox;
using Nara.Platform.Storage;

namespace Nara.Petitions;

/// <summary>
/// A new signature, ready to store: the row and its confirmation email are built (and encrypted) on the request's
/// thread; the writer only decides whether to keep them. <see cref="Stored"/> completes after the commit.
/// </summary>
internal sealed class PendingSignature(Signature row, OutboxMessage confirmation, Func<OutboxMessage> alreadySigned)
{
    public Signature Row { get; } = row;

    public OutboxMessage Confirmation { get; } = confirmation;

    /// <summary>The note to the address's owner when its signature already counts. Rare, so built only when needed.</summary>
    public Func<OutboxMessage> AlreadySigned { get; } = alreadySigned;

    /// <summary>True when this signature was stored (or an unconfirmed one given a fresh link); false when the address's signature already counts.</summary>
    public TaskCompletionSource<bool> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Group commit for signatures: concurrent requests queue here and one writer stores them in batches — every
/// signature in a batch with its confirmation email in the outbox, in one transaction — then answers them all.
/// Nobody is told "accepted" before the commit. A surge becomes a few large transactions instead of thousands of
/// small ones competing for the database's write lock.
/// </summary>
internal sealed partial class SignatureWriter(IServiceScopeFactory scopes, OutboxSignal signal, IOptions<PetitionOptions> options, TimeProvider clock, ILogger<SignatureWriter> logger) : BackgroundService
{
    public const int BatchLimit = 512;

    private readonly System.Threading.Channels.Channel<PendingSignature> queue = System.Threading.Channels.Channel.CreateBounded<PendingSignature>(new System.Threading.Channels.BoundedChannelOptions(100_000) { SingleReader = true });

    // Before the host has started the writer (the demo seeds then) and after it stops, signatures are stored one by one.
    private volatile bool running;

    public async Task<bool> StoreAsync(PendingSignature pending, CancellationToken cancellationToken)
    {
        if (running)
        {
            try
            {
                await queue.Writer.WriteAsync(pending, cancellationToken);
                return await pending.Stored.Task.WaitAsync(cancellationToken);
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                // The writer stopped between the check and the write: store it here.
            }
        }

        await WriteOrSplitAsync([pending], cancellationToken);
        return await pending.Stored.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        running = true;
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: answer whoever is still queued before the host goes.
        }
        finally
        {
            running = false;
            queue.Writer.TryComplete();
            await DrainAsync(CancellationToken.None);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var batch = new List<PendingSignature>(BatchLimit);
        while (queue.Reader.TryPeek(out _))
        {
            batch.Clear();
            while (batch.Count < BatchLimit && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await WriteOrSplitAsync(batch, cancellationToken);
        }
    }

    /// <summary>Stores a batch; after a conflict (another instance, or a signature confirmed meanwhile) one by one. Every request gets an answer.</summary>
    private async Task WriteOrSplitAsync(List<PendingSignature> batch, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(batch, cancellationToken);
        }
        catch (Exception conflict) when (IsConflict(conflict))
        {
            foreach (var single in batch)
            {
                try
                {
                    await WriteAsync([single], cancellationToken);
                }
                catch (Exception inner) when (IsConflict(inner))
                {
                    // Still conflicting: the other request's signature stands; this one is answered like a repeat.
                    single.Stored.TrySetResult(false);
                }
                catch (Exception inner) when (inner is not OperationCanceledException)
                {
                    Fail([single], inner);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(batch, e);
        }
        finally
        {
            foreach (var pending in batch.Where(p => !p.Stored.Task.IsCompleted))
            {
                pending.Stored.TrySetException(new OperationCanceledException("Nara is stopping; the signature was not stored."));
            }
        }
    }

    private async Task WriteAsync(List<PendingSignature> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        // One transaction for the whole batch, holding SQLite's write slot from the look-up to the commit.
        using var slot = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var hashes = batch.Select(p => p.Row.EmailHash).Distinct().ToList();
        var petitions = batch.Select(p => p.Row.PetitionId).Distinct().ToList();
        var known = (await db.Set<Signature>()
                .Where(s => petitions.Contains(s.PetitionId) && hashes.Contains(s.EmailHash))
                .ToListAsync(cancellationToken))
            .ToDictionary(s => (s.PetitionId, s.EmailHash));
        var fresh = new HashSet<(long, string)>();
        var outcomes = new List<(PendingSignature Pending, bool Stored)>(batch.Count);
        var rows = new List<Signature>(batch.Count);
        var emails = new List<OutboxMessage>(batch.Count);
        var now = clock.GetUtcNow();
        var resend = options.Value.ResendInterval > TimeSpan.Zero ? options.Value.ResendInterval : TimeSpan.Zero;
        foreach (var pending in batch)
        {
            var key = (pending.Row.PetitionId, pending.Row.EmailHash);
            if (known.TryGetValue(key, out var existing) && existing.State == Signature.Confirmed)
            {
                // Told at most once per interval, whichever instance the repeats reach (the time is on the row).
                if (existing.LastNoticeAt is not { } noticed || now - noticed >= resend || resend == TimeSpan.Zero)
                {
                    emails.Add(pending.AlreadySigned());
                    existing.LastNoticeAt = now;
                }

                outcomes.Add((pending, false));
            }
            else if (existing is { State: Signature.Invalidated })
            {
                // Taken off by a moderator: it stays off, and the answer is the same as ever.
                outcomes.Add((pending, false));
            }
            else if (existing is not null && (fresh.Contains(key) || now - existing.CreatedAt < resend))
            {
                // Signed again moments after the last link or code was sent (or twice in one batch): that message
                // stands and still works; no second one is sent. The answer is the same as ever.
                outcomes.Add((pending, false));
            }
            else if (existing is not null)
            {
                // Signed before but never confirmed (the link may have expired): a fresh link replaces the old one.
                existing.ConfirmKeyHash = pending.Row.ConfirmKeyHash;
                existing.ConfirmAttempts = 0;
                existing.CreatedAt = pending.Row.CreatedAt;
                emails.Add(pending.Confirmation);
                fresh.Add(key);
                outcomes.Add((pending, true));
            }
            else
            {
                rows.Add(pending.Row);
                emails.Add(pending.Confirmation);
                known[key] = pending.Row;
                fresh.Add(key);
                outcomes.Add((pending, true));
            }
        }

        // The rare changes to signatures already stored go through EF Core; the new rows, nearly all of a surge, in bulk.
        await db.SaveChangesAsync(cancellationToken);
        await db.InsertManyAsync(rows, cancellationToken);
        await db.InsertManyAsync(emails, cancellationToken);
        // Not cancellable: a commit that went through must be answered as stored.
        await transaction.CommitAsync(CancellationToken.None);
        slot?.Dispose();
        if (emails.Count > 0)
        {
            signal.Notify();
        }

        foreach (var (pending, stored) in outcomes)
        {
            pending.Stored.TrySetResult(stored);
        }
    }

    /// <summary>
    /// Another writer stored the same signature first (another instance), or changed one this batch changes: a unique
    /// or concurrency conflict. Any other error (a missing petition, a lost connection) is a failure, not a repeat.
    /// </summary>
    private static bool IsConflict(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: { } inner } => IsConflict(inner),
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private void Fail(List<PendingSignature> batch, Exception exception)
    {
        LogFailed(logger, batch.Count, exception);
        foreach (var pending in batch)
        {
            pending.Stored.TrySetException(new InvalidOperationException("The signature could not be stored.", exception));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} signatures could not be stored")]
    private static partial void LogFailed(ILogger logger, int count, Exception exception);
}
