namespace Nara.Platform.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where Nara keeps its data: an SQLite file in the data folder, or PostgreSQL.</summary>
public sealed record StorageSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    /// <summary>
    /// Reads <c>NARA_DB</c> or <c>ConnectionStrings:Nara</c>: a PostgreSQL connection string selects PostgreSQL
    /// ("Host=…"), anything else (or nothing) an SQLite file in the data folder.
    /// </summary>
    public static StorageSettings Resolve(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured) && LooksLikePostgres(configured))
        {
            return new(DatabaseProvider.Postgres, configured, dataDirectory);
        }

        var connection = string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(dataDirectory, "nara.db")}"
            : configured;
        return new(DatabaseProvider.Sqlite, connection, dataDirectory);
    }

    private static bool LooksLikePostgres(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Server=", StringComparison.OrdinalIgnoreCase);
}
