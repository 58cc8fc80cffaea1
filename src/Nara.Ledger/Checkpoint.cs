using System.Globalization;

namespace Nara.Ledger;

/// <summary>
/// A C2SP tlog-checkpoint: the log's origin line, the tree size in decimal, the root hash in base64, and
/// optional extension lines; signed as a note (see <see cref="NoteSigner"/>).
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] Root)
{
    public string ToText() => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(Root)}\n";

    /// <summary>Parses checkpoint text (the note's body, already verified).</summary>
    public static Checkpoint Parse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 4 || lines[0].Length == 0
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || lines[1] != size.ToString(CultureInfo.InvariantCulture))
        {
            throw new FormatException("a checkpoint is an origin line, a decimal size and a base64 root");
        }

        var root = Convert.FromBase64String(lines[2]);
        if (root.Length != MerkleHash.Size)
        {
            throw new FormatException("the root hash is not 32 bytes");
        }

        return new Checkpoint(lines[0], size, root);
    }
}

/// <summary>C2SP tlog-tiles paths: tiles of height 8 (256 hashes), with indexes written in groups of three digits.</summary>
public static class TilePath
{
    public const int Height = 8;
    public const int Width = 1 << Height;

    /// <summary>1234067 → "x001/x234/067"; 5 → "005".</summary>
    public static string Encode(long index)
    {
        var digits = index.ToString(CultureInfo.InvariantCulture);
        var padded = digits.PadLeft((digits.Length + 2) / 3 * 3, '0');
        var groups = Enumerable.Range(0, padded.Length / 3).Select(i => padded.Substring(i * 3, 3)).ToList();
        return string.Join('/', groups.Select((g, i) => i < groups.Count - 1 ? "x" + g : g));
    }

    /// <summary>Parses an encoded index; null when the path is not in the canonical form.</summary>
    public static long? Decode(string path)
    {
        var groups = path.Split('/');
        if (groups.Length is 0 or > 7)
        {
            return null;
        }

        long value = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            var last = i == groups.Length - 1;
            if (!last && (group.Length != 4 || group[0] != 'x'))
            {
                return null;
            }

            var digits = last ? group : group[1..];
            if (digits.Length != 3 || !digits.All(char.IsAsciiDigit))
            {
                return null;
            }

            value = (value * 1000) + int.Parse(digits, CultureInfo.InvariantCulture);
        }

        return Encode(value) == path ? value : null;
    }
}
