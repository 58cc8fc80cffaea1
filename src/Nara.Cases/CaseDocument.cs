using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Cases;

/// <summary>An uploaded file. The bytes live in the data folder under their SHA-256 (content-addressed), outside the web root.</summary>
internal sealed class CaseDocument
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The blueprint's document id, or "attachment" for a file given with an action or message.</summary>
    public required string DocumentId { get; set; }

    public required string Sha256 { get; set; }

    public long Size { get; set; }

    public required string MediaType { get; set; }

    public required string ProtectedFileName { get; set; }

    public Guid UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

internal sealed class CaseDocumentConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> builder)
    {
        builder.ToTable("case_documents");
        builder.Property(d => d.DocumentId).HasMaxLength(60);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.MediaType).HasMaxLength(60);
        builder.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.CaseId, d.DocumentId });
    }
}
