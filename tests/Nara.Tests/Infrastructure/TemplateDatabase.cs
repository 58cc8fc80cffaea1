using System.Diagnostics;
using Npgsql;

namespace Nara.Tests.Infrastructure;

/// <summary>
/// One migrated database per test run, copied for every test app instead of migrating each one afresh.
/// The template is made by the real <c>nara migrate</c> command, so every run still checks that the migrations
/// build the current schema from nothing; each app's own start then finds nothing pending. Its data folder's
/// <c>keys</c> folder goes with it: the database holds Data Protection keys encrypted with the certificate kept there.
/// </summary>
internal static class TemplateDatabase
{
    private static readonly Lazy<Task<Template>> Shared = new(CreateAsync);

    /// <summary>Gives <paramref name="dataDirectory"/> a copy of the template; returns the connection string to use.</summary>
    public static async Task<string> CopyToAsync(string dataDirectory)
    {
        var template = await Shared.Value;
        CopyKeys(template.DataDirectory, dataDirectory);
        if (template.PostgresServer is null)
        {
            File.Copy(Path.Combine(template.DataDirectory, "nara.db"), Path.Combine(dataDirectory, "nara.db"));
            return $"Data Source={Path.Combine(dataDirectory, "nara.db")}";
        }

        var name = $"nara_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(template.PostgresServer);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template.PostgresName}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(template.PostgresServer) { Database = name }.ConnectionString;
    }

    private static async Task<Template> CreateAsync()
    {
        var data = Directory.CreateTempSubdirectory("nara-template-").FullName;
        string? server = null, name = null, connection = null;
        if (NaraApp.UsesPostgres)
        {
            server = Environment.GetEnvironmentVariable("NARA_TEST_PG")
                ?? throw new InvalidOperationException("NARA_TEST_DB=postgres needs NARA_TEST_PG, the server's connection string");
            name = $"nara_template_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            // No pooling: PostgreSQL copies a template only while nobody is connected to it.
            connection = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "nara.dll"), "migrate", "--data", data })
        {
            start.ArgumentList.Add(argument);
        }

        if (connection is not null)
        {
            start.Environment["NARA_DB"] = connection;
        }

        using var migrate = Process.Start(start)!;
        var output = migrate.StandardOutput.ReadToEndAsync();
        var errors = migrate.StandardError.ReadToEndAsync();
        await migrate.WaitForExitAsync();
        if (migrate.ExitCode != 0)
        {
            throw new InvalidOperationException($"nara migrate failed ({migrate.ExitCode}):\n{await output}\n{await errors}");
        }

        return new Template(data, server, name);
    }

    private static void CopyKeys(string from, string to)
    {
        var keys = Path.Combine(to, "keys");
        Directory.CreateDirectory(keys);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(from, "keys")))
        {
            File.Copy(file, Path.Combine(keys, Path.GetFileName(file)));
        }
    }

    private sealed record Template(string DataDirectory, string? PostgresServer, string? PostgresName);
}
