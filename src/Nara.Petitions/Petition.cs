using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Petitions;

/// <summary>A petition from its first draft to its archive. Counts live in <see cref="RegionCount"/>, never on this row.</summary>
internal sealed class Petition
{
    public const string GatheringSupport = "gathering-support";
    public const string AwaitingModeration = "awaiting-moderation";
    public const string Open = "open";
    public const string Rejected = "rejected";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> States = [GatheringSupport, AwaitingModeration, Open, Rejected, Closed];

    public long Id { get; set; }

    public required string Title { get; set; }

    /// <summary>"What we want": plain text or limited Markdown.</summary>
    public required string Action { get; set; }

    /// <summary>"Why": plain text or limited Markdown.</summary>
    public required string Background { get; set; }

    public Guid CreatorId { get; set; }

    /// <summary>The name shown as the petition's author.</summary>
    public required string CreatorName { get; set; }

    public required string State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SubmittedForModerationAt { get; set; }

    public DateOnly? ModerationDueOn { get; set; }

    public DateTimeOffset? ModeratedAt { get; set; }

    public string? RejectionReason { get; set; }

    public string? RejectionDetails { get; set; }

    /// <summary>Whether a rejected petition stays readable (not for offensive or confidential ones).</summary>
    public bool Hidden { get; set; }

    /// <summary>The agency that must respond.</summary>
    public Guid? AgencyId { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ClosesAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Confirmed signatures as last tallied (supporters included).</summary>
    public int Signatures { get; set; }

    public DateTimeOffset? ResponseThresholdAt { get; set; }

    public DateOnly? ResponseDueOn { get; set; }

    public DateTimeOffset? DebateThresholdAt { get; set; }

    public string? Response { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }

    public Guid Version { get; set; }
}

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> builder)
    {
        builder.ToTable("petitions");
        builder.Property(p => p.Title).HasMaxLength(80);
        builder.Property(p => p.Action).HasMaxLength(1000);
        builder.Property(p => p.Background).HasMaxLength(3000);
        builder.Property(p => p.CreatorName).HasMaxLength(200);
        builder.Property(p => p.State).HasMaxLength(30);
        builder.Property(p => p.RejectionReason).HasMaxLength(60);
        builder.Property(p => p.RejectionDetails).HasMaxLength(2000);
        builder.Property(p => p.Response).HasMaxLength(10000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.State, p.Signatures });
        builder.HasIndex(p => p.CreatorId);
    }
}

/// <summary>Confirmed signatures of a petition from one region, as the tally last counted them.</summary>
internal sealed class RegionCount
{
    public long PetitionId { get; set; }

    public required string Region { get; set; }

    public int Count { get; set; }
}

internal sealed class RegionCountConfiguration : IEntityTypeConfiguration<RegionCount>
{
    public void Configure(EntityTypeBuilder<RegionCount> builder)
    {
        builder.ToTable("petition_region_counts");
        builder.HasKey(c => new { c.PetitionId, c.Region });
        builder.Property(c => c.Region).HasMaxLength(40);
        builder.HasOne<Petition>().WithMany().HasForeignKey(c => c.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
