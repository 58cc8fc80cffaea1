using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Storage;

namespace Nara.Platform.Secrets;

/// <summary>A random secret shared by every instance through the database, encrypted there with Data Protection.</summary>
internal sealed class SiteSecret
{
    public required string Name { get; set; }

    public required string ProtectedValue { get; set; }
}

internal sealed class SiteSecretConfiguration : IEntityTypeConfiguration<SiteSecret>
{
    public void Configure(EntityTypeBuilder<SiteSecret> builder)
    {
        builder.ToTable("site_secrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(100);
    }
}

/// <summary>
/// Keyed hashes of personal identifiers (addresses, national ids) so they can be looked up and counted
/// without being stored in clear. The key is a site secret: a stolen database alone cannot be reversed by
/// hashing every phone number.
/// </summary>
public sealed class PersonalHasher(IServiceProvider services, IDataProtectionProvider protection)
{
    private const string SecretName = "personal-hash-key.v1";
    private readonly IDataProtector protector = protection.CreateProtector("Nara.SiteSecrets.v1");
    private byte[]? key;

    public string Hash(string purpose, string value)
    {
        var hmac = HMACSHA256.HashData(key ?? throw new InvalidOperationException("PersonalHasher used before LoadAsync"), Encoding.UTF8.GetBytes($"{purpose}\n{value}"));
        return Convert.ToHexStringLower(hmac);
    }

    /// <summary>Loads the key, creating it on first use. Called once at start.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        var secret = await db.Set<SiteSecret>().AsNoTracking().FirstOrDefaultAsync(s => s.Name == SecretName, cancellationToken);
        if (secret is null)
        {
            db.Set<SiteSecret>().Add(new SiteSecret { Name = SecretName, ProtectedValue = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance created it first; use theirs.
            }

            db.ChangeTracker.Clear();
            secret = await db.Set<SiteSecret>().AsNoTracking().FirstAsync(s => s.Name == SecretName, cancellationToken);
        }

        key = Convert.FromBase64String(protector.Unprotect(secret.ProtectedValue));
    }
}
