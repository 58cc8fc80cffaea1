using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Nara.Tests.Infrastructure;
using Npgsql;

namespace Nara.Tests.Petitions;

/// <summary>
/// Nara as a separate process, signatures from several clients, SIGKILL at a random moment, restart: every signature
/// that was answered 2xx is stored exactly once, and its confirmation email is sent after the restart. Several kill
/// points; SQLite or PostgreSQL as the suite runs (NARA_TEST_DB).
/// </summary>
public sealed class SignatureDurabilityTests : IAsyncLifetime
{
    private const int Clients = 4;
    private const int Rounds = 3;
    private readonly string data = Path.Combine(Path.GetTempPath(), "nara-durability-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int port = FreePort();
    private string? connection;
    private Process? server;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(data);
        if (NaraApp.UsesPostgres)
        {
            var admin = Environment.GetEnvironmentVariable("NARA_TEST_PG")!;
            var name = "nara_durability_" + Guid.NewGuid().ToString("N")[..12];
            await using var db = new NpgsqlConnection(admin);
            await db.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", db);
            await create.ExecuteNonQueryAsync();
            connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        }
    }

    public async Task DisposeAsync()
    {
        Kill();
        if (connection is not null)
        {
            NpgsqlConnection.ClearAllPools();
        }

        await Task.Yield();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Sigkill_AtRandomMoments_Every2xxSignatureStoredOnce_EmailSent()
    {
        var random = new Random();
        var accepted = new ConcurrentBag<string>();
        await StartAsync();
        for (var round = 0; round < Rounds; round++)
        {
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, Clients).Select(client => SignUntilFailureAsync(round, client, accepted, stop.Token)).ToList();
            await Task.Delay(random.Next(300, 1500));
            Kill();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
            await StartAsync();
        }

        var stored = await DomainsAsync();
        var mail = await MailAfterDrainAsync(accepted);

        Assert.True(accepted.Count > Rounds * Clients, $"Only {accepted.Count} signatures were answered before the kills");
        foreach (var email in accepted)
        {
            var domain = email[(email.IndexOf('@') + 1)..];
            Assert.True(stored.TryGetValue(domain, out var count) && count == 1, $"{email} was answered 202 but is stored {stored.GetValueOrDefault(domain)} times");
            Assert.True(mail.Contains(email), $"{email} was answered 202 but no confirmation email was sent");
        }
    }

    private async Task SignUntilFailureAsync(int round, int client, ConcurrentBag<string> accepted, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            // A domain of its own per signature: the stored domain (not encrypted) identifies it.
            var email = $"s@r{round}c{client}n{n}.durable.example";
            try
            {
                var response = await http.PostAsJsonAsync("/api/v1/petitions/1/signatures", new { name = "Durable", email, region = "north", declaration = true }, stop);
                if ((int)response.StatusCode is >= 200 and < 300)
                {
                    accepted.Add(email);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return;
            }
        }
    }

    private async Task StartAsync()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "nara.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { app, "--demo", "--data", data, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Petitions__RateLimit__AllowNetworks__0"] = "127.0.0.0/24";
        // Emails a killed instance had claimed are sent again once its lease runs out: short here, two minutes by default.
        start.Environment["Delivery__Lease"] = "00:00:03";
        if (connection is not null)
        {
            start.Environment["NARA_DB"] = connection;
        }

        server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/api/v1/petitions/1")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            Assert.False(server.HasExited, "Nara exited while starting");
            await Task.Delay(200);
        }

        throw new TimeoutException("Nara did not start");
    }

    private void Kill()
    {
        if (server is { HasExited: false })
        {
            server.Kill(); // SIGKILL: no shutdown, no flushing.
            server.WaitForExit();
        }
    }

    private async Task<Dictionary<string, int>> DomainsAsync()
    {
        const string sql = "SELECT \"EmailDomain\", COUNT(*) FROM petition_signatures WHERE \"EmailDomain\" LIKE '%.durable.example' GROUP BY \"EmailDomain\"";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (connection is not null)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand(sql, db);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = (int)reader.GetInt64(1);
            }
        }
        else
        {
            await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "nara.db")}");
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        return counts;
    }

    /// <summary>
    /// The addresses confirmation emails went to, once the restarted server has sent what it had queued: waits until
    /// every accepted address has its email (or a minute passes). Emails for signatures stored but never answered (the
    /// kill came first) also arrive, so a count alone would stop waiting too early.
    /// </summary>
    private async Task<HashSet<string>> MailAfterDrainAsync(IReadOnlyCollection<string> expected)
    {
        var folder = Path.Combine(data, "mail");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = -1;
        while (DateTime.UtcNow < deadline)
        {
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];
            foreach (var file in files)
            {
                var text = await File.ReadAllTextAsync(file);
                var to = System.Text.RegularExpressions.Regex.Match(text, @"^To: .*?(s@[a-z0-9.]+\.durable\.example)", System.Text.RegularExpressions.RegexOptions.Multiline);
                if (to.Success && text.Contains("Confirm your signature", StringComparison.Ordinal))
                {
                    seen.Add(to.Groups[1].Value);
                }
            }

            if (files.Length == last && expected.All(seen.Contains))
            {
                break;
            }

            last = files.Length;
            await Task.Delay(1000);
        }

        return seen;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
