using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Cases.Payments;

internal enum PaymentStatus
{
    Pending = 0,
    Paid = 1,
    Failed = 2,
}

/// <summary>A fee owed for a case, paid at a counter (recorded by an agent) or online through a gateway.</summary>
internal sealed class Payment
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public required string Provider { get; set; }

    public PaymentStatus Status { get; set; }

    /// <summary>The counter receipt number or the gateway's transaction id.</summary>
    public string? ProviderReference { get; set; }

    public Guid? RecordedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.Property(p => p.Amount).HasPrecision(18, 2);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Provider).HasMaxLength(20);
        builder.Property(p => p.ProviderReference).HasMaxLength(100);
        builder.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.CaseId);
    }
}
