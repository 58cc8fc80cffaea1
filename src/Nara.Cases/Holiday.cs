using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Cases;

/// <summary>A public holiday of the jurisdiction: not a working day for any deadline.</summary>
internal sealed class Holiday
{
    public DateOnly Date { get; set; }

    public required string Name { get; set; }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.ToTable("holidays");
        builder.HasKey(h => h.Date);
        builder.Property(h => h.Name).HasMaxLength(200);
    }
}
