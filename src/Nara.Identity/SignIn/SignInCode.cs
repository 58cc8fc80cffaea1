using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Identity.SignIn;

/// <summary>
/// A one-time sign-in code sent to an email address or phone. Only keyed hashes are stored: of the address
/// (to rate-limit and find the account) and of the code.
/// </summary>
internal sealed class SignInCode
{
    public const int MaxAttempts = 5;

    public Guid Id { get; set; }

    public required string AddressHash { get; set; }

    public required string CodeHash { get; set; }

    public bool IsPhone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class SignInCodeConfiguration : IEntityTypeConfiguration<SignInCode>
{
    public void Configure(EntityTypeBuilder<SignInCode> builder)
    {
        builder.ToTable("sign_in_codes");
        builder.Property(c => c.AddressHash).HasMaxLength(64);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasIndex(c => new { c.AddressHash, c.CreatedAt });
    }
}
