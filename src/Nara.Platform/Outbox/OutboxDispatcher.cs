using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nara.Platform.Storage;

namespace Nara.Platform.Outbox;

/// <summary>
/// Delivers outbox messages. Safe on several instances at once: a batch is claimed with a lease by a
/// conditional update, so two instances never hold the same message. A message is marked sent only after
/// its transport accepted it; if the process dies in between, the lease runs out and it is sent again with
/// the same Message-ID (at-least-once, de-duplicable downstream; see docs/adr/0003).
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IEnumerable<IMessageTransport> transports,
    IDataProtectionProvider protection,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    IMeterFactory meters,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly Counter<long> sent = meters.Create("Nara").CreateCounter<long>("nara.outbox.sent", description: "Messages accepted by the SMTP server or SMS gateway");
    private readonly Counter<long> failed = meters.Create("Nara").CreateCounter<long>("nara.outbox.failed_attempts", description: "Delivery attempts that failed and will be retried or given up");

    private readonly IDataProtector protector = protection.CreateProtector(Outbox.Purpose);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogCycleFailed(logger, e.GetType().Name);
            }

            if (handled == 0)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Claims and delivers one batch of due messages; returns how many were handled.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid();
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // The condition is evaluated again per row under the row lock, so a concurrent claimer loses cleanly.
        var leaseEnd = now + options.Value.Lease;
        using (await SqliteWriteGate.EnterAsync(db, cancellationToken))
        {
            await db.Outbox
            .Where(m => due.Contains(m.Id) && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockToken, token).SetProperty(m => m.LockedUntil, leaseEnd), cancellationToken);
        }

        var claimed = await db.Outbox.AsNoTracking().Where(m => due.Contains(m.Id) && m.LockToken == token).ToListAsync(cancellationToken);

        foreach (var group in claimed.GroupBy(m => m.Channel))
        {
            var transport = transports.First(t => t.Channel == group.Key);
            var outgoing = new List<OutgoingMessage>(group.Count());
            foreach (var row in group)
            {
                // A row that cannot be read (damaged, or written by a newer version) is set aside on its own; it must
                // not hold back the messages queued after it.
                try
                {
                    outgoing.Add(Unprotect(row));
                }
                catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or ArgumentException)
                {
                    await GiveUpAsync(db, token, row.Id, e, cancellationToken);
                }
            }

            var delivered = new List<OutgoingMessage>(outgoing.Count);
            var recorded = 0;
            var recordedAt = clock.GetTimestamp();
            try
            {
                await transport.SendAsync(
                    outgoing,
                    async (message, error) =>
                    {
                        if (error is not null)
                        {
                            await FailAsync(db, token, message, error, cancellationToken);
                            return;
                        }

                        delivered.Add(message);
                        if (delivered.Count - recorded >= MarkEvery && clock.GetElapsedTime(recordedAt) >= MarkInterval)
                        {
                            await MarkSentAsync(db, token, delivered.GetRange(recorded, delivered.Count - recorded), group.Key);
                            recorded = delivered.Count;
                            recordedAt = clock.GetTimestamp();
                        }
                    },
                    cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTransportFailed(logger, group.Key, e.GetType().Name);
                foreach (var message in outgoing.Except(delivered))
                {
                    await FailAsync(db, token, message, e, cancellationToken);
                }
            }
            finally
            {
                // What the transport accepted is recorded every few messages (not more often than MarkInterval) and at
                // the end. A crash in between means those go again, with the same Message-ID, as after any crash
                // between sending and recording.
                await MarkSentAsync(db, token, delivered.GetRange(recorded, delivered.Count - recorded), group.Key);
            }
        }

        return claimed.Count;
    }

    /// <summary>
    /// Delivered messages recorded per statement while a batch is being sent. A slow transport (an SMTP server taking
    /// tens of milliseconds a message) is recorded every 25 messages, so a crash mid-batch sends at most those again.
    /// </summary>
    internal const int MarkEvery = 25;

    /// <summary>
    /// Not more often than this: a fast transport (files, a local relay) sends a whole batch in less, and the batch is
    /// recorded in one statement instead of four (each a write transaction beside the signatures and cases being
    /// committed). A crash then sends again at most 24 messages or what was sent since the last record (about this
    /// long, and one message more), whichever is more, and never more than the batch.
    /// </summary>
    internal static readonly TimeSpan MarkInterval = TimeSpan.FromMilliseconds(250);

    private async Task MarkSentAsync(NaraDb db, Guid token, List<OutgoingMessage> delivered, Channel channel)
    {
        if (delivered.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var ids = delivered.Select(m => m.Id).ToList();
        int marked;
        try
        {
            using var slot = await SqliteWriteGate.EnterAsync(db, CancellationToken.None);
            marked = await db.Outbox.Where(m => ids.Contains(m.Id) && m.LockToken == token && m.SentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.LockToken, (Guid?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
        {
            // Not recorded: the lease runs out and these go again with the same Message-ID (at-least-once).
            LogNotRecorded(logger, delivered.Count, e.GetType().Name);
            return;
        }

        if (marked < delivered.Count)
        {
            // The lease ran out while sending and another instance claimed some of these: they may go twice.
            LogLeaseLost(logger, delivered.Count - marked);
        }

        sent.Add(marked, new KeyValuePair<string, object?>("channel", channel.ToString()));
        foreach (var message in delivered)
        {
            LogSent(logger, message.Id, message.Channel);
        }
    }

    /// <summary>A message that cannot be read is never tried again: it is marked failed for operators to see.</summary>
    private async Task GiveUpAsync(NaraDb db, Guid token, Guid id, Exception error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        using var slot = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        await db.Outbox.Where(m => m.Id == id && m.LockToken == token && m.SentAt == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.FailedAt, now)
                    .SetProperty(m => m.LastError, error.GetType().Name)
                    .SetProperty(m => m.LockToken, (Guid?)null)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
                cancellationToken);
        failed.Add(1, new KeyValuePair<string, object?>("channel", "unreadable"));
        LogUnreadable(logger, id, error.GetType().Name);
    }

    private OutgoingMessage Unprotect(OutboxMessage m)
    {
        if (m.ProtectedContent is null)
        {
            return new(m.Id, m.Channel, protector.Unprotect(m.ProtectedRecipient!), protector.Unprotect(m.ProtectedSubject!), protector.Unprotect(m.ProtectedBody!), m.Culture);
        }

        var content = JsonSerializer.Deserialize(protector.Unprotect(m.ProtectedContent), OutboxJson.Default.OutboxContent)!;
        return new(m.Id, m.Channel, content.To, content.Subject, content.Body, m.Culture);
    }

    private async Task FailAsync(NaraDb db, Guid token, OutgoingMessage message, Exception error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mine = db.Outbox.Where(m => m.Id == message.Id && m.LockToken == token && m.SentAt == null);

        // Only the error's type is kept: transport messages can quote the recipient's address.
        var reason = error.GetType().Name;
        var attempts = await db.Outbox.Where(m => m.Id == message.Id).Select(m => m.Attempts).FirstAsync(cancellationToken) + 1;
        var retryAt = now + Backoff(attempts);
        DateTimeOffset? failedAt = attempts >= options.Value.MaxAttempts ? now : null;
        using var slot = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        await mine.ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, retryAt)
                .SetProperty(m => m.FailedAt, failedAt)
                .SetProperty(m => m.LastError, reason)
                .SetProperty(m => m.LockToken, (Guid?)null)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null),
            cancellationToken);
        failed.Add(1, new KeyValuePair<string, object?>("channel", message.Channel.ToString()));
        LogRetry(logger, message.Id, attempts, reason);
    }

    internal static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} sent by {Channel}")]
    private static partial void LogSent(ILogger logger, Guid id, Channel channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} failed (attempt {Attempts}): {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid id, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transport for {Channel} failed: {Reason}")]
    private static partial void LogTransportFailed(ILogger logger, Channel channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Count} delivered messages could not be recorded as sent ({Reason}); they will be sent again after the lease")]
    private static partial void LogNotRecorded(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: the lease ran out for {Count} messages while they were being sent; another instance may send them again")]
    private static partial void LogLeaseLost(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} cannot be read ({Reason}) and was set aside as failed")]
    private static partial void LogUnreadable(ILogger logger, Guid id, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox cycle failed: {Reason}")]
    private static partial void LogCycleFailed(ILogger logger, string reason);
}
