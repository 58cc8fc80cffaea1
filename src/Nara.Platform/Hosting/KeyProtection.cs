using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Storage;

namespace Nara.Platform.Hosting;

/// <summary>
/// Data Protection keys live in the database so every instance shares them, and are encrypted there with
/// a certificate. Production configures <c>DataProtection:Certificate</c> (a PFX path, the same file on every
/// instance); a single server without it gets one generated in its data folder at first start.
/// </summary>
public static class KeyProtection
{
    /// <param name="dataDirectory">Where a generated certificate is kept when none is configured.</param>
    public static IServiceCollection AddNaraDataProtection(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var certificate = LoadOrCreate(configuration["DataProtection:Certificate"], configuration["DataProtection:CertificatePassword"], dataDirectory);
        services.AddDataProtection()
            .SetApplicationName("Nara")
            .PersistKeysToDbContext<NaraDb>()
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate(certificate);
        return services;
    }

    private static X509Certificate2 LoadOrCreate(string? path, string? password, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }

        var file = SecretFiles.CreateOnce(Path.Combine(dataDirectory, "keys", "data-protection.pfx"), () =>
        {
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=Nara Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(50));
            return created.Export(X509ContentType.Pfx);
        });
        return X509CertificateLoader.LoadPkcs12FromFile(file, null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
