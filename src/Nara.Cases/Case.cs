using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Cases;

/// <summary>
/// Anything a person asks of government under a blueprint: a draft until submitted, then a workflow state.
/// Answers to questions marked personal are kept apart, encrypted (<see cref="ProtectedPersonal"/>).
/// </summary>
internal sealed class Case
{
    public const string Draft = "draft";
    public const string AwaitingPayment = "awaiting-payment";

    public Guid Id { get; set; }

    /// <summary>The short, checksummed reference people quote (ShortCode).</summary>
    public required string Reference { get; set; }

    public required string BlueprintId { get; set; }

    /// <summary>The blueprint version the case was started under; it keeps it to the end.</summary>
    public required string BlueprintVersion { get; set; }

    public Guid ApplicantId { get; set; }

    /// <summary>The service-centre agent who applied on the applicant's behalf, with the applicant's recorded consent.</summary>
    public Guid? AssistedBy { get; set; }

    public DateTimeOffset? ConsentRecordedAt { get; set; }

    /// <summary>draft, awaiting-payment, then the blueprint's workflow states.</summary>
    public required string State { get; set; }

    /// <summary>The agency whose queue holds the case now (the state's agency, else the blueprint's).</summary>
    public Guid? AgencyId { get; set; }

    public Guid? AssignedTo { get; set; }

    /// <summary>Answers to questions not marked personal, as JSON.</summary>
    public string Answers { get; set; } = "{}";

    /// <summary>Answers to personal questions, as JSON encrypted with Data Protection.</summary>
    public string? ProtectedPersonal { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset StateEnteredAt { get; set; }

    /// <summary>When the current state must be left by (working days from entering it); null when it has no deadline.</summary>
    public DateOnly? StateDueOn { get; set; }

    /// <summary>The overall deadline from submission.</summary>
    public DateOnly? DueOn { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>How satisfied the applicant was, 1 to 5, once the case was decided; with an optional comment for the agency.</summary>
    public int? Rating { get; set; }

    public string? RatingComment { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    /// <summary>Optimistic concurrency: of two people acting at once, one wins and the other is told.</summary>
    public Guid Version { get; set; }

    public bool IsOpen => ClosedAt is null && State is not Draft;
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("cases");
        builder.Property(c => c.Reference).HasMaxLength(11);
        builder.Property(c => c.BlueprintId).HasMaxLength(60);
        builder.Property(c => c.BlueprintVersion).HasMaxLength(40);
        builder.Property(c => c.State).HasMaxLength(60);
        builder.Property(c => c.RatingComment).HasMaxLength(1000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.HasIndex(c => new { c.ApplicantId, c.CreatedAt });
        builder.HasIndex(c => new { c.AgencyId, c.ClosedAt, c.StateDueOn });
    }
}
