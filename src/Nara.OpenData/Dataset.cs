using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.OpenData;

/// <summary>A dataset in the catalogue: written by staff of its publishing agency, or derived by a module from its records (a feed).</summary>
internal sealed class Dataset
{
    public const string Draft = "draft";
    public const string Published = "published";

    public Guid Id { get; set; }

    /// <summary>The URL name, as CKAN has it: 2–100 lowercase letters, digits, "-" and "_"; unique.</summary>
    public required string Name { get; set; }

    public required string Title { get; set; }

    public required string Notes { get; set; }

    /// <summary>The publishing agency; null for the platform's own statistics.</summary>
    public Guid? AgencyId { get; set; }

    public required string LicenseId { get; set; }

    /// <summary>An EU data theme code (GOVE, HEAL, …); shown to CKAN clients as a group.</summary>
    public required string Theme { get; set; }

    /// <summary>An EU frequency code (DAILY, MONTHLY, …).</summary>
    public required string Frequency { get; set; }

    public DateOnly? TemporalStart { get; set; }

    public DateOnly? TemporalEnd { get; set; }

    public required string State { get; set; }

    /// <summary>The feed this dataset is derived from, or null when staff publish it.</summary>
    public string? Feed { get; set; }

    public Guid? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public List<DatasetTag> Tags { get; set; } = [];

    public List<Resource> Resources { get; set; } = [];
}

internal sealed class DatasetTag
{
    public Guid DatasetId { get; set; }

    public required string Name { get; set; }
}

/// <summary>One file of a dataset. An upload's bytes sit in <see cref="ResourceContent"/> (every instance sees them); a feed's file is served live.</summary>
internal sealed class Resource
{
    public Guid Id { get; set; }

    public Guid DatasetId { get; set; }

    public int Position { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    /// <summary>CSV or JSON.</summary>
    public required string Format { get; set; }

    /// <summary>Where a feed's file is served (a path on this site); null for an upload, which is served from the dataset's page.</summary>
    public string? FeedPath { get; set; }

    public string? FileName { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>Data rows (CSV), or null.</summary>
    public int? Rows { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }
}

internal sealed class ResourceContent
{
    public Guid ResourceId { get; set; }

    public required byte[] Content { get; set; }
}

internal sealed class DatasetConfiguration : IEntityTypeConfiguration<Dataset>, IEntityTypeConfiguration<DatasetTag>, IEntityTypeConfiguration<Resource>, IEntityTypeConfiguration<ResourceContent>
{
    public void Configure(EntityTypeBuilder<Dataset> builder)
    {
        builder.ToTable("datasets");
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.HasIndex(d => d.Name).IsUnique();
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.Notes).HasMaxLength(5000);
        builder.Property(d => d.LicenseId).HasMaxLength(40);
        builder.Property(d => d.Theme).HasMaxLength(10);
        builder.Property(d => d.Frequency).HasMaxLength(20);
        builder.Property(d => d.State).HasMaxLength(20);
        builder.Property(d => d.Feed).HasMaxLength(100);
        builder.HasIndex(d => new { d.State, d.ModifiedAt });
        builder.HasMany(d => d.Tags).WithOne().HasForeignKey(t => t.DatasetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Resources).WithOne().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<DatasetTag> builder)
    {
        builder.ToTable("dataset_tags");
        builder.HasKey(t => new { t.DatasetId, t.Name });
        builder.Property(t => t.Name).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<Resource> builder)
    {
        builder.ToTable("dataset_resources");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Description).HasMaxLength(2000);
        builder.Property(r => r.Format).HasMaxLength(10);
        builder.Property(r => r.FeedPath).HasMaxLength(200);
        builder.Property(r => r.FileName).HasMaxLength(200);
        builder.Property(r => r.Sha256).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<ResourceContent> builder)
    {
        builder.ToTable("dataset_resource_contents");
        builder.HasKey(c => c.ResourceId);
        builder.HasOne<Resource>().WithOne().HasForeignKey<ResourceContent>(c => c.ResourceId).OnDelete(DeleteBehavior.Cascade);
    }
}
