using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Cases;

internal enum EntryKind
{
    Submitted = 0,
    Action = 1,
    Message = 2,
    Note = 3,
    Payment = 4,
    Certificate = 5,
    Escalated = 6,
    Assigned = 7,
    Document = 8,
}

/// <summary>One step of a case's timeline. Notes are internal; everything else is shown to the applicant.</summary>
internal sealed class CaseEntry
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public DateTimeOffset At { get; set; }

    public EntryKind Kind { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorRole { get; set; }

    public string? Action { get; set; }

    public string? FromState { get; set; }

    public string? ToState { get; set; }

    /// <summary>The comment or message, encrypted: people write personal things in messages.</summary>
    public string? ProtectedText { get; set; }

    public bool Internal { get; set; }

    /// <summary>The public-log leaf hash of this step, when it was logged: the receipt.</summary>
    public byte[]? LogLeaf { get; set; }
}

internal sealed class CaseEntryConfiguration : IEntityTypeConfiguration<CaseEntry>
{
    public void Configure(EntityTypeBuilder<CaseEntry> builder)
    {
        builder.ToTable("case_entries");
        builder.Property(e => e.ActorRole).HasMaxLength(40);
        builder.Property(e => e.Action).HasMaxLength(60);
        builder.Property(e => e.FromState).HasMaxLength(60);
        builder.Property(e => e.ToState).HasMaxLength(60);
        builder.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.CaseId, e.At });
    }
}
