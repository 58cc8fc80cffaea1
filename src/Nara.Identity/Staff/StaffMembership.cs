using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nara.Identity.Agencies;
using Nara.Platform.People;

namespace Nara.Identity.Staff;

/// <summary>A member of staff holding a role, in one agency or (administrators, auditors) across all.</summary>
internal sealed class StaffMembership
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid? AgencyId { get; set; }

    public required string Role { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    public Agency? Agency { get; set; }
}

internal sealed class StaffMembershipConfiguration : IEntityTypeConfiguration<StaffMembership>
{
    public void Configure(EntityTypeBuilder<StaffMembership> builder)
    {
        builder.ToTable("staff_memberships");
        builder.Property(m => m.Role).HasMaxLength(40);
        builder.HasOne<NaraUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Agency).WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.UserId, m.AgencyId, m.Role }).IsUnique();
    }
}
