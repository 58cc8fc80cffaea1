using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Consultations;

/// <summary>
/// A consultation on a draft text (policy, regulation, plan): written by an agency, open for comments until
/// <see cref="ClosesAt"/>, then answered with a response report and a revised version.
/// </summary>
internal sealed class Consultation
{
    public const string Draft = "draft";
    public const string Open = "open";
    public const string Reported = "reported";

    public long Id { get; set; }

    public required string Title { get; set; }

    public required string Summary { get; set; }

    public Guid AgencyId { get; set; }

    /// <summary>The draft as Markdown. Fixed once the consultation opens: its paragraphs are what people comment on.</summary>
    public required string Text { get; set; }

    /// <summary>The revised version (Markdown), published with the report.</summary>
    public string? Revised { get; set; }

    /// <summary>What the agency says about the consultation as a whole, in the report.</summary>
    public string? ReportSummary { get; set; }

    public required string State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset ClosesAt { get; set; }

    public DateTimeOffset? ReportedAt { get; set; }

    public Guid Version { get; set; }
}

/// <summary>A paragraph (top-level block) of the draft, numbered from 1, with the agency's response once reported.</summary>
internal sealed class ConsultationParagraph
{
    public long ConsultationId { get; set; }

    public int Number { get; set; }

    public required string Text { get; set; }

    public string? Response { get; set; }
}

/// <summary>A comment on a paragraph, or a reply to one. Hidden comments stay listed with the reason, their text withheld.</summary>
internal sealed class ConsultationComment
{
    public long Id { get; set; }

    public long ConsultationId { get; set; }

    public int Paragraph { get; set; }

    public long? ParentId { get; set; }

    public Guid AuthorId { get; set; }

    public required string AuthorName { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Reports { get; set; }

    public bool Hidden { get; set; }

    public string? HiddenReason { get; set; }
}

/// <summary>A person agrees or disagrees with a paragraph; changing their mind replaces it.</summary>
internal sealed class ConsultationReaction
{
    public long ConsultationId { get; set; }

    public int Paragraph { get; set; }

    public Guid PersonId { get; set; }

    public bool Agrees { get; set; }
}

/// <summary>A person reported a comment to the moderators (once per person).</summary>
internal sealed class ConsultationFlag
{
    public long CommentId { get; set; }

    public Guid PersonId { get; set; }
}

internal sealed class ConsultationConfiguration :
    IEntityTypeConfiguration<Consultation>, IEntityTypeConfiguration<ConsultationParagraph>, IEntityTypeConfiguration<ConsultationComment>,
    IEntityTypeConfiguration<ConsultationReaction>, IEntityTypeConfiguration<ConsultationFlag>
{
    public void Configure(EntityTypeBuilder<Consultation> builder)
    {
        builder.ToTable("consultations");
        builder.Property(c => c.Title).HasMaxLength(160);
        builder.Property(c => c.Summary).HasMaxLength(1000);
        builder.Property(c => c.Text).HasMaxLength(100_000);
        builder.Property(c => c.Revised).HasMaxLength(100_000);
        builder.Property(c => c.ReportSummary).HasMaxLength(10_000);
        builder.Property(c => c.State).HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.State, c.ClosesAt });
    }

    public void Configure(EntityTypeBuilder<ConsultationParagraph> builder)
    {
        builder.ToTable("consultation_paragraphs");
        builder.HasKey(p => new { p.ConsultationId, p.Number });
        builder.Property(p => p.Text).HasMaxLength(20_000);
        builder.Property(p => p.Response).HasMaxLength(5000);
        builder.HasOne<Consultation>().WithMany().HasForeignKey(p => p.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ConsultationComment> builder)
    {
        builder.ToTable("consultation_comments");
        builder.Property(c => c.AuthorName).HasMaxLength(200);
        builder.Property(c => c.Text).HasMaxLength(2000);
        builder.Property(c => c.HiddenReason).HasMaxLength(60);
        builder.HasIndex(c => new { c.ConsultationId, c.Paragraph });
        builder.HasOne<Consultation>().WithMany().HasForeignKey(c => c.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ConsultationReaction> builder)
    {
        builder.ToTable("consultation_reactions");
        builder.HasKey(r => new { r.ConsultationId, r.Paragraph, r.PersonId });
        builder.HasOne<Consultation>().WithMany().HasForeignKey(r => r.ConsultationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ConsultationFlag> builder)
    {
        builder.ToTable("consultation_flags");
        builder.HasKey(f => new { f.CommentId, f.PersonId });
        builder.HasOne<ConsultationComment>().WithMany().HasForeignKey(f => f.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}
