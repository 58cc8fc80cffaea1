using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Identity.Agencies;

internal enum AgencyKind
{
    Ministry = 0,
    Municipality = 1,
    Department = 2,
    Other = 3,
}

/// <summary>A ministry, municipality or other public body whose staff act in Nara.</summary>
internal sealed class Agency
{
    public Guid Id { get; set; }

    /// <summary>A short, stable, URL-safe code such as "health" or "capital-city".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public AgencyKind Kind { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Optimistic concurrency: an edit based on an old version is refused, never silently applied.</summary>
    public Guid Version { get; set; }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("agencies");
        builder.Property(a => a.Code).HasMaxLength(40);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(2000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => a.Code).IsUnique();
    }
}
