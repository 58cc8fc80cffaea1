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
            return new(DatabaseProvider.Postgres, WithAutoPrepare(configured), dataDirectory);
        }

        var connection = string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(dataDirectory, "nara.db")}"
            : configured;
        return new(DatabaseProvider.Sqlite, connection, dataDirectory);
    }

    /// <summary>
    /// Npgsql's automatic preparation: a statement run twice on a physical connection is prepared on the server, so
    /// PostgreSQL parses and plans Nara's hot statements once per connection rather than on every call (up to 64 per
    /// connection). A connection string that sets either keyword keeps its own choice ("Max Auto Prepare=0" turns it
    /// off, for a pooler in transaction mode that cannot keep prepared statements).
    /// </summary>
    private static string WithAutoPrepare(string connectionString)
    {
        if (connectionString.Contains("://", StringComparison.Ordinal))
        {
            return connectionString;
        }

        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
        return keys.Any(k => k is "maxautoprepare" or "autoprepareminusages")
            ? connectionString
            : connectionString.TrimEnd(';', ' ') + ";Max Auto Prepare=64;Auto Prepare Min Usages=2";
    }

    private static bool LooksLikePostgres(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Server=", StringComparison.OrdinalIgnoreCase);
}
