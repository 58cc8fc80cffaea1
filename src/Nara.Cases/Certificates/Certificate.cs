using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Cases.Certificates;

/// <summary>
/// A document a case issued. What is printed on it is kept encrypted (it holds personal data) and shown by
/// /verify/{code} only to someone holding the code — exactly what the paper shows, nothing more.
/// </summary>
internal sealed class Certificate
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public required string Code { get; set; }

    public required string BlueprintId { get; set; }

    public Guid AgencyId { get; set; }

    /// <summary>Title and printed lines as JSON, encrypted.</summary>
    public required string ProtectedContent { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateOnly? ValidUntil { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevocationReason { get; set; }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("certificates");
        builder.Property(c => c.Code).HasMaxLength(11);
        builder.Property(c => c.BlueprintId).HasMaxLength(60);
        builder.Property(c => c.RevocationReason).HasMaxLength(500);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => c.CaseId);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
