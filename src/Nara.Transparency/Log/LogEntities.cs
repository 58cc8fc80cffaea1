using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Transparency.Log;

/// <summary>
/// One entry of the public log. Written pending (no index) in the transaction of the change it records;
/// the sequencer gives it its index. <see cref="Data"/> is the canonical entry (docs/log.md), the leaf's input.
/// </summary>
internal sealed class LogEntry
{
    public long Id { get; set; }

    public long? Index { get; set; }

    public required byte[] Data { get; set; }

    public required byte[] LeafHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The hash of a complete subtree: level 0 holds leaf hashes; (level, index) covers leaves [index·2^level, (index+1)·2^level).</summary>
internal sealed class LogNode
{
    public int Level { get; set; }

    public long Index { get; set; }

    public required byte[] Hash { get; set; }
}

/// <summary>A signed checkpoint, one per integration batch.</summary>
internal sealed class LogCheckpoint
{
    public long Size { get; set; }

    public required byte[] Root { get; set; }

    public required string Note { get; set; }

    public DateTimeOffset SignedAt { get; set; }
}

/// <summary>The one row that says which instance is the sequencer until when (a database-held lease).</summary>
internal sealed class SequencerLease
{
    public int Id { get; set; }

    public Guid? Holder { get; set; }

    public DateTimeOffset? Until { get; set; }
}

internal sealed class LogEntityConfiguration :
    IEntityTypeConfiguration<LogEntry>, IEntityTypeConfiguration<LogNode>, IEntityTypeConfiguration<LogCheckpoint>, IEntityTypeConfiguration<SequencerLease>
{
    public void Configure(EntityTypeBuilder<LogEntry> builder)
    {
        builder.ToTable("log_entries");
        builder.HasIndex(e => e.Index).IsUnique();
        builder.HasIndex(e => e.LeafHash);
    }

    public void Configure(EntityTypeBuilder<LogNode> builder)
    {
        builder.ToTable("log_nodes");
        builder.HasKey(n => new { n.Level, n.Index });
    }

    public void Configure(EntityTypeBuilder<LogCheckpoint> builder)
    {
        builder.ToTable("log_checkpoints");
        builder.HasKey(c => c.Size);
        builder.Property(c => c.Size).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<SequencerLease> builder)
    {
        builder.ToTable("log_sequencer_lease");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasData(new SequencerLease { Id = 1 });
    }
}
