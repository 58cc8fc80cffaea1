using Microsoft.Extensions.Configuration;
using Nara.Ledger;
using Nara.Platform.Hosting;

namespace Nara.Transparency.Log;

/// <summary>
/// The log's signing key: <c>Log:SignerKey</c> (a C2SP signer key string, the same on every instance), or a key
/// generated at first start in DATA/keys/log-signer.key (mode 0600). Never logged. The key name is the origin.
/// </summary>
public sealed class LogKeys : IDisposable
{
    public LogKeys(IConfiguration configuration, NaraSettings settings)
    {
        var configured = configuration["Log:SignerKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Signer = NoteSigner.Parse(configured);
        }
        else
        {
            var origin = configuration["Log:Origin"] ?? "nara.localhost/log";
            var file = SecretFiles.CreateOnce(Path.Combine(settings.DataDirectory, "keys", "log-signer.key"), () =>
            {
                using var generated = NoteSigner.Generate(origin);
                return System.Text.Encoding.UTF8.GetBytes(generated.SignerKey);
            });
            Signer = NoteSigner.Parse(File.ReadAllText(file));
        }
    }

    public NoteSigner Signer { get; }

    /// <summary>The checkpoint origin line, which is also the key's name.</summary>
    public string Origin => Signer.Name;

    public void Dispose() => Signer.Dispose();
}
