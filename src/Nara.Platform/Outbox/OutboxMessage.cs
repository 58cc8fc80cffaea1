using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Platform.Outbox;

public enum Channel
{
    Email = 0,
    Sms = 1,
}

/// <summary>
/// A message to a person, written in the same transaction as the change that causes it and delivered
/// afterwards by <see cref="OutboxDispatcher"/>. Recipient, subject and body are personal data and are stored
/// protected with Data Protection.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public Channel Channel { get; set; }

    /// <summary>Recipient, subject and body, protected together as one payload (one encryption per message, not three).</summary>
    public string? ProtectedContent { get; set; }

    /// <summary>Messages queued before <see cref="ProtectedContent"/> existed keep their three fields; new ones leave these empty.</summary>
    public string? ProtectedRecipient { get; set; }

    public string? ProtectedSubject { get; set; }

    public string? ProtectedBody { get; set; }

    public required string Culture { get; set; }

    /// <summary>What kind of message this is ("identity.sign-in-code"), for operators and statistics.</summary>
    public required string Template { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public Guid? LockToken { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox");
        builder.Property(m => m.Culture).HasMaxLength(10);
        builder.Property(m => m.Template).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        // Only the messages still to send, in the order they fall due: the dispatcher's look-up reads the front of it.
        // Partial, so that it stays as small as the queue, and so that SQLite cannot use it for the claims and sent-marks
        // by ids, which test "SentAt IS NULL" but not "FailedAt IS NULL" (the earlier full index on (SentAt, FailedAt,
        // NextAttemptAt) was chosen over the key for 30 ids: a scan of the whole backlog for every batch). Keep
        // "FailedAt IS NULL" out of those look-ups.
        builder.HasIndex(m => m.NextAttemptAt).HasDatabaseName("IX_outbox_due").HasFilter("\"SentAt\" IS NULL AND \"FailedAt\" IS NULL");
    }
}
