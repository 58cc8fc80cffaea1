namespace Nara.Tests.Infrastructure;

public static class Repository
{
    /// <summary>The checkout's root folder (where Nara.slnx is).</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nara.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Nara.slnx not found above " + AppContext.BaseDirectory);
    }
}
