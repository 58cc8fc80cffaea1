using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Cases;

/// <summary>A member of staff opened the personal answers of a case, for a stated purpose. Shown to the applicant.</summary>
internal sealed class CaseAccess
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public Guid ViewerId { get; set; }

    public Guid? AgencyId { get; set; }

    public required string Role { get; set; }

    public required string Purpose { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class CaseAccessConfiguration : IEntityTypeConfiguration<CaseAccess>
{
    public void Configure(EntityTypeBuilder<CaseAccess> builder)
    {
        builder.ToTable("case_access");
        builder.Property(a => a.Role).HasMaxLength(40);
        builder.Property(a => a.Purpose).HasMaxLength(500);
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.CaseId, a.At });
    }
}
