using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Cases.Catalogue;

/// <summary>One version of a blueprint as installed: its files, kept so that cases started under it can always be read.</summary>
internal sealed class InstalledBlueprint
{
    public Guid Id { get; set; }

    public required string BlueprintId { get; set; }

    public required string Version { get; set; }

    /// <summary>File name → YAML text, as JSON.</summary>
    public required string Files { get; set; }

    /// <summary>SHA-256 of the files: the same version must always mean the same content.</summary>
    public required string Hash { get; set; }

    /// <summary>Where it came from: "local", or the publishing government's key name when imported.</summary>
    public required string Origin { get; set; }

    public DateTimeOffset InstalledAt { get; set; }
}

internal sealed class InstalledBlueprintConfiguration : IEntityTypeConfiguration<InstalledBlueprint>
{
    public void Configure(EntityTypeBuilder<InstalledBlueprint> builder)
    {
        builder.ToTable("blueprints");
        builder.Property(b => b.BlueprintId).HasMaxLength(60);
        builder.Property(b => b.Version).HasMaxLength(40);
        builder.Property(b => b.Hash).HasMaxLength(64);
        builder.Property(b => b.Origin).HasMaxLength(200);
        builder.HasIndex(b => new { b.BlueprintId, b.Version }).IsUnique();
    }
}
