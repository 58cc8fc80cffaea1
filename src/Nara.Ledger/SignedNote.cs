using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Nara.Ledger;

/// <summary>
/// C2SP signed-note with Ed25519 (algorithm byte 0x01). A note is UTF-8 text ending in a newline, then a blank
/// line, then signature lines "— name base64(keyID ‖ signature)". The key ID is the first 4 bytes of
/// SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const byte Ed25519Algorithm = 0x01;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key key;

    private NoteSigner(string name, Key key)
    {
        ValidateName(name);
        Name = name;
        this.key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = NoteVerifier.ComputeKeyId(name, PublicKey);
    }

    public string Name { get; }

    public byte[] PublicKey { get; }

    public byte[] KeyId { get; }

    /// <summary>The verifier key string: name+hex key id+base64(0x01 ‖ public key).</summary>
    public string VerifierKey => $"{Name}+{Convert.ToHexStringLower(KeyId)}+{Convert.ToBase64String([Ed25519Algorithm, .. PublicKey])}";

    /// <summary>The signer key string (secret): PRIVATE+KEY+name+hex key id+base64(0x01 ‖ 32-byte seed).</summary>
    public string SignerKey =>
        $"PRIVATE+KEY+{Name}+{Convert.ToHexStringLower(KeyId)}+{Convert.ToBase64String([Ed25519Algorithm, .. key.Export(KeyBlobFormat.RawPrivateKey)])}";

    public static NoteSigner Generate(string name) =>
        new(name, Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>Loads a signer key string as written by <see cref="SignerKey"/>.</summary>
    public static NoteSigner Parse(string signerKey)
    {
        var parts = signerKey.Trim().Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
        {
            throw new FormatException("not a signer key (PRIVATE+KEY+name+id+key)");
        }

        var raw = Convert.FromBase64String(parts[4]);
        if (raw.Length != 33 || raw[0] != Ed25519Algorithm)
        {
            throw new FormatException("only Ed25519 signer keys are supported");
        }

        var signer = new NoteSigner(parts[2], Key.Import(Algorithm, raw.AsSpan(1), KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
        if (Convert.ToHexStringLower(signer.KeyId) != parts[3])
        {
            throw new FormatException("the key id does not match the key");
        }

        return signer;
    }

    /// <summary>Signs a note text (which must end with a newline) and returns the whole signed note.</summary>
    public string Sign(string text)
    {
        NoteVerifier.ValidateText(text);
        var signature = Algorithm.Sign(key, Encoding.UTF8.GetBytes(text));
        return $"{text}\n\u2014 {Name} {Convert.ToBase64String([.. KeyId, .. signature])}\n";
    }

    public void Dispose() => key.Dispose();

    internal static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => char.IsWhiteSpace(c) || c == '+' || char.IsControl(c)))
        {
            throw new FormatException("a key name is non-empty, without spaces or '+'");
        }
    }
}

/// <summary>Verifies signed notes against one verifier key.</summary>
public sealed class NoteVerifier
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly PublicKey publicKey;

    public NoteVerifier(string verifierKey)
    {
        var parts = verifierKey.Trim().Split('+', 3);
        if (parts.Length != 3)
        {
            throw new FormatException("a verifier key is name+id+key");
        }

        NoteSigner.ValidateName(parts[0]);
        var raw = Convert.FromBase64String(parts[2]);
        if (raw.Length != 33 || raw[0] != 0x01)
        {
            throw new FormatException("only Ed25519 verifier keys are supported");
        }

        Name = parts[0];
        KeyId = Convert.FromHexString(parts[1]);
        if (!KeyId.AsSpan().SequenceEqual(ComputeKeyId(Name, raw.AsSpan(1))))
        {
            throw new FormatException("the key id does not match the key");
        }

        publicKey = PublicKey.Import(Algorithm, raw.AsSpan(1), KeyBlobFormat.RawPublicKey);
    }

    public string Name { get; }

    public byte[] KeyId { get; }

    /// <summary>Returns the note's text when one of its signatures is this key's and verifies; otherwise throws.</summary>
    public string Open(string note)
    {
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            throw new FormatException("a signed note is text, a blank line and signature lines");
        }

        var text = note[..(split + 1)];
        ValidateText(text);
        foreach (var line in note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("\u2014 ", StringComparison.Ordinal))
            {
                throw new FormatException("a signature line starts with an em dash and a space");
            }

            var fields = line[2..].Split(' ');
            if (fields.Length != 2 || fields[0] != Name)
            {
                continue;
            }

            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(fields[1]);
            }
            catch (FormatException)
            {
                continue;
            }

            if (blob.Length == 4 + 64 && blob.AsSpan(0, 4).SequenceEqual(KeyId)
                && Algorithm.Verify(publicKey, Encoding.UTF8.GetBytes(text), blob.AsSpan(4)))
            {
                return text;
            }
        }

        throw new CryptographicException($"no valid signature by {Name}");
    }

    public static byte[] ComputeKeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        byte[] material = [.. Encoding.UTF8.GetBytes(name), 0x0A, 0x01, .. publicKey];
        return SHA256.HashData(material)[..4];
    }

    internal static void ValidateText(string text)
    {
        if (!text.EndsWith('\n') || text.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw new FormatException("note text ends with a newline and has no other control characters");
        }
    }
}
