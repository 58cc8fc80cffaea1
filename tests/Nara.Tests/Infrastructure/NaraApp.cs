using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Nara.Platform.Storage;
using Npgsql;

namespace Nara.Tests.Infrastructure;

/// <summary>
/// Nara hosted in memory against a fresh database of its own, copied from the run's migrated template: an SQLite
/// file, or a new PostgreSQL database when NARA_TEST_DB=postgres (server from NARA_TEST_PG). Mail goes to a real
/// SMTP server on loopback.
/// </summary>
public class NaraApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly NaraApp? sharesDatabaseWith;
    private readonly Dictionary<string, string?> settings = [];
    private bool initialized;

    public NaraApp()
        : this(null)
    {
    }

    /// <summary>A second instance on the same database and data folder, like another server behind the proxy.</summary>
    public NaraApp(NaraApp? sharesDatabaseWith)
    {
        this.sharesDatabaseWith = sharesDatabaseWith;
        DataDirectory = sharesDatabaseWith?.DataDirectory ?? Directory.CreateTempSubdirectory("nara-test-").FullName;
        Smtp = new SmtpSink();
    }

    public static bool UsesPostgres => Environment.GetEnvironmentVariable("NARA_TEST_DB") == "postgres";

    public string DataDirectory { get; }

    public string ConnectionString { get; private set; } = "";

    public SmtpSink Smtp { get; }

    /// <summary>Every log line the app wrote, at every level.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>Set before first use to control time.</summary>
    public FakeTimeProvider? Clock { get; set; }

    /// <summary>Adds a configuration setting; call before first use.</summary>
    public NaraApp With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    public async Task InitializeAsync()
    {
        if (initialized)
        {
            return;
        }

        initialized = true;
        if (sharesDatabaseWith is not null)
        {
            await sharesDatabaseWith.InitializeAsync();
            ConnectionString = sharesDatabaseWith.ConnectionString;
        }
        else
        {
            ConnectionString = await TemplateDatabase.CopyToAsync(DataDirectory);
        }

        // Starting the host checks the migrations (none is pending in a copy of the template) before the first request.
        _ = Services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("data", DataDirectory);
        builder.UseSetting("NARA_DB", ConnectionString);
        builder.UseSetting("Delivery:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Delivery:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Delivery:Smtp:Security", "None");
        builder.UseSetting("Delivery:PollInterval", "00:00:00.200");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace).AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
    }

    public WebSession Session() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Smtp.DisposeAsync();
        if (UsesPostgres && ConnectionString.Length > 0)
        {
            // Npgsql keeps idle connections for minutes; with a database per test class they would pile up
            // past the server's max_connections over a long run.
            // The pool is keyed by the connection string Nara really uses (with its own defaults added).
            using var connection = new NpgsqlConnection(StorageSettings.Resolve(ConnectionString, DataDirectory).ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
