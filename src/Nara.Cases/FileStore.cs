using System.Security.Cryptography;
using Nara.Platform.Hosting;

namespace Nara.Cases;

/// <summary>
/// Uploaded files, stored by their SHA-256 under DATA/files (outside the web root), and recognised by their
/// first bytes rather than their name: an executable renamed .pdf is refused.
/// </summary>
internal sealed class FileStore(NaraSettings settings)
{
    public static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>
    {
        ["pdf"] = "application/pdf",
        ["jpeg"] = "image/jpeg",
        ["png"] = "image/png",
    };

    private string Root => Path.Combine(settings.DataDirectory, "files");

    /// <summary>The kind of file the bytes are (pdf, jpeg, png), or null when they are none of these.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "pdf",
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "png",
        _ => null,
    };

    public async Task<string> SaveAsync(byte[] content, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        return hash;
    }

    public Stream? Open(string hash) => File.Exists(PathOf(hash)) ? File.OpenRead(PathOf(hash)) : null;

    private string PathOf(string hash) =>
        hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower)
            ? Path.Combine(Root, hash[..2], hash)
            : throw new ArgumentException("Not a SHA-256 in hexadecimal.", nameof(hash));
}
