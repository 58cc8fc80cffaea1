using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Petitions;

/// <summary>
/// One person's signature of one petition. The normalised email is kept only as a keyed hash (the store's
/// uniqueness rule); the name and address are encrypted, for the emails the signer asked for.
/// </summary>
internal sealed class Signature
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
    public const string Invalidated = "invalidated";

    /// <summary>
    /// Signatures the tally still has to add (confirmed) or take off (invalidated). Every query for them uses this one
    /// expression: the partial index <c>IX_petition_signatures_untallied</c> has the SQL EF Core writes for it as its
    /// filter, and SQLite uses the index only when a query's condition has that term exactly (written any other way,
    /// the tally reads every signature).
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Signature, bool>> Untallied =
        s => (s.State == Confirmed && !s.Counted) || (s.State == Invalidated && s.Counted);

    public long Id { get; set; }

    public long PetitionId { get; set; }

    /// <summary>Keyed hash of the normalised email: one signature per person per petition.</summary>
    public required string EmailHash { get; set; }

    /// <summary>Name and email, encrypted (Data Protection).</summary>
    public required string ProtectedContact { get; set; }

    /// <summary>The email's domain, lower case (or, for a mobile number, its first seven characters: country code and operator prefix, e.g. "+233205"), for fraud review and bulk invalidation.</summary>
    public required string EmailDomain { get; set; }

    public required string Region { get; set; }

    public bool Notify { get; set; }

    /// <summary>The network the signature came from: an IPv4 /24 or IPv6 /48 prefix, never the full address.</summary>
    public string? Network { get; set; }

    /// <summary>web, api, sms or ussd.</summary>
    public required string Channel { get; set; }

    public required string State { get; set; }

    /// <summary>SHA-256 of the confirmation link's key (email), or of the petition, address hash and code (SMS).</summary>
    public required byte[] ConfirmKeyHash { get; set; }

    /// <summary>Wrong SMS codes tried against this signature since its code was sent.</summary>
    public int ConfirmAttempts { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>When the address was last told that its signature already counts (at most once per resend interval).</summary>
    public DateTimeOffset? LastNoticeAt { get; set; }

    /// <summary>Whether the tally has added this signature to the counts (it subtracts it again after an invalidation).</summary>
    public bool Counted { get; set; }

    /// <summary>The public-log leaf of the signature's commitment: the signer's receipt.</summary>
    public byte[]? LogLeaf { get; set; }

    public string? InvalidationReason { get; set; }
}

internal sealed class SignatureConfiguration : IEntityTypeConfiguration<Signature>
{
    public void Configure(EntityTypeBuilder<Signature> builder)
    {
        builder.ToTable("petition_signatures");
        builder.Property(s => s.EmailHash).HasMaxLength(64);
        builder.Property(s => s.EmailDomain).HasMaxLength(255);
        builder.Property(s => s.Region).HasMaxLength(40);
        builder.Property(s => s.Network).HasMaxLength(64);
        builder.Property(s => s.Channel).HasMaxLength(10);
        // A confirmation and an invalidation racing for one signature: the second to save fails, nothing is counted twice.
        builder.Property(s => s.State).HasMaxLength(12).IsConcurrencyToken();
        builder.Property(s => s.ConfirmKeyHash).HasMaxLength(32);
        builder.Property(s => s.InvalidationReason).HasMaxLength(500);
        builder.HasIndex(s => new { s.PetitionId, s.EmailHash }).IsUnique();
        builder.HasIndex(s => s.ConfirmKeyHash).IsUnique();
        // Only the signatures the tally still has to add or take off (<see cref="Untallied"/>), in id order: its
        // look-up on every pass reads this small index instead of every signature. The filter is that condition as
        // EF Core writes it, so that SQLite and PostgreSQL both recognise that the index covers the query.
        builder.HasIndex(s => s.Id).HasDatabaseName("IX_petition_signatures_untallied")
            .HasFilter("(\"State\" = 'confirmed' AND NOT (\"Counted\")) OR (\"State\" = 'invalidated' AND \"Counted\")");
        builder.HasIndex(s => new { s.PetitionId, s.CreatedAt });
        builder.HasOne<Petition>().WithMany().HasForeignKey(s => s.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
