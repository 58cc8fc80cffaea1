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
            return new(DatabaseProvider.Postgres, WithPostgresDefaults(configured), dataDirectory);
        }

        var connection = string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(dataDirectory, "nara.db")}"
            : configured;
        return new(DatabaseProvider.Sqlite, connection, dataDirectory);
    }

    /// <summary>
    /// Npgsql settings Nara's own use of PostgreSQL can take, each added unless the connection string sets it:
    /// <list type="bullet">
    /// <item>automatic preparation: a statement run twice on a physical connection is prepared on the server, so
    /// PostgreSQL parses and plans Nara's hot statements once per connection rather than on every call (up to 64 per
    /// connection; "Max Auto Prepare=0" turns it off, for a pooler in transaction mode that cannot keep them);</item>
    /// <item>no reset on close: a pooled connection is not reset (RESET ALL, CLOSE ALL, UNLISTEN, DISCARD TEMP …)
    /// each time it goes back to the pool. Nara changes no session state — no SET, temporary tables, LISTEN or
    /// session advisory locks; transactions are rolled back on close regardless.</item>
    /// </list>
    /// </summary>
    private static readonly (string Keyword, string Value)[] PostgresDefaults =
    [
        ("Max Auto Prepare", "64"),
        ("Auto Prepare Min Usages", "2"),
        ("No Reset On Close", "true"),
    ];

    private static string WithPostgresDefaults(string connectionString)
    {
        if (connectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || connectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(Squeezed).ToHashSet(StringComparer.Ordinal);
        var added = PostgresDefaults.Where(d => !given.Contains(Squeezed(d.Keyword))).Select(d => $"{d.Keyword}={d.Value}").ToList();
        return added.Count == 0 ? connectionString : $"{connectionString.TrimEnd(';', ' ')};{string.Join(';', added)}";

        static string Squeezed(string keyword) => keyword.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
    }

    private static bool LooksLikePostgres(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Server=", StringComparison.OrdinalIgnoreCase);
}
