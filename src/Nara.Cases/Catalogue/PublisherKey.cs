using Microsoft.Extensions.Configuration;
using Nara.Ledger;
using Nara.Platform.Hosting;

namespace Nara.Cases.Catalogue;

/// <summary>
/// This government's key for signing the blueprints it shares: Blueprints:PublisherKey (a signed-note signer key), or
/// generated once under DATA/keys named after Blueprints:Publisher (default "nara.localhost/blueprints").
/// </summary>
internal static class PublisherKey
{
    public static NoteSigner Load(IConfiguration configuration, NaraSettings settings)
    {
        if (configuration["Blueprints:PublisherKey"] is { Length: > 0 } configured)
        {
            return NoteSigner.Parse(configured);
        }

        var name = configuration["Blueprints:Publisher"] ?? "nara.localhost/blueprints";
        var file = SecretFiles.CreateOnce(Path.Combine(settings.DataDirectory, "keys", "blueprint-publisher.key"), () =>
        {
            using var generated = NoteSigner.Generate(name);
            return System.Text.Encoding.UTF8.GetBytes(generated.SignerKey);
        });
        return NoteSigner.Parse(File.ReadAllText(file));
    }
}
