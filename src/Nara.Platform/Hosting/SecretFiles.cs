namespace Nara.Platform.Hosting;

/// <summary>Secrets generated at first start and kept in the data folder, readable only by Nara's own user.</summary>
public static class SecretFiles
{
    /// <summary>
    /// Returns the file's path, creating it once with <paramref name="create"/>'s bytes (mode 0600). Written to a
    /// temporary name and moved into place, so a crash never leaves half a key, and when two processes race the
    /// first one's key wins.
    /// </summary>
    public static string CreateOnce(string path, Func<byte[]> create)
    {
        if (File.Exists(path))
        {
            return path;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, create());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temporary);
        }

        return path;
    }
}
