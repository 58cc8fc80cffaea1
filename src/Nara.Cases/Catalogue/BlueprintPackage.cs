using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nara.Blueprints;
using Nara.Ledger;

namespace Nara.Cases.Catalogue;

/// <summary>
/// A blueprint shared between governments: its files, and a manifest (id, version, SHA-256 of each file) signed as a
/// C2SP signed note with the publishing government's Ed25519 key. Importing checks the signature, that the files are
/// exactly those the manifest names, and the blueprint itself. See docs/blueprints.md.
/// </summary>
internal sealed record BlueprintPackage(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("publisher_key")] string PublisherKey,
    [property: JsonPropertyName("manifest")] string Manifest,
    [property: JsonPropertyName("files")] IReadOnlyDictionary<string, string> Files)
{
    public const string FormatName = "nara-blueprint-package/1";

    // Readable in a text editor: "+" and non-Latin text stay as they are (the file is data, never HTML).
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static BlueprintPackage Create(string id, string version, IReadOnlyDictionary<string, string> files, NoteSigner publisher) =>
        new(FormatName, publisher.VerifierKey, publisher.Sign(ManifestText(id, version, files)), new SortedDictionary<string, string>(files.ToDictionary(), StringComparer.Ordinal));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BlueprintPackage? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BlueprintPackage>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Checks the package; returns the verified blueprint and the publisher's name, or what is wrong.</summary>
    public (BlueprintLoad? Load, string? Publisher, string? Problem) Verify(string? trustedKey)
    {
        if (Format != FormatName || Files is null || PublisherKey is null || Manifest is null)
        {
            return (null, null, $"not a {FormatName} file");
        }

        if (trustedKey is not null && trustedKey.Trim() != PublisherKey.Trim())
        {
            return (null, null, "the package is signed with a different key from the one you trust");
        }

        string text;
        NoteVerifier verifier;
        try
        {
            verifier = new NoteVerifier(PublisherKey);
            text = verifier.Open(Manifest);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return (null, null, "the signature does not verify: " + e.Message);
        }

        var load = BlueprintReader.Read(Files);
        if (!load.Succeeded)
        {
            return (load, verifier.Name, "the blueprint has problems:\n" + string.Join('\n', load.Problems));
        }

        return text == ManifestText(load.Blueprint!.Id, load.Blueprint.Version, Files)
            ? (load, verifier.Name, null)
            : (load, verifier.Name, "the files are not the ones the publisher signed");
    }

    private static string ManifestText(string id, string version, IReadOnlyDictionary<string, string> files)
    {
        var text = new StringBuilder().Append(FormatName).Append('\n').Append("id ").Append(id).Append('\n').Append("version ").Append(version).Append('\n');
        foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append("file ").Append(name).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))).Append('\n');
        }

        return text.ToString();
    }
}
