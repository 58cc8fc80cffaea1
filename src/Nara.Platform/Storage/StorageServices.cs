using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Outbox;
using Nara.Platform.Secrets;

namespace Nara.Platform.Storage;

public static class StorageServices
{
    public const string SqliteMigrations = "Nara.Migrations.Sqlite";
    public const string PostgresMigrations = "Nara.Migrations.Postgres";

    /// <summary>Registers storage; <paramref name="settings"/> is resolved when first needed, so hosts and tests can configure late.</summary>
    public static IServiceCollection AddNaraStorage(this IServiceCollection services, Func<IServiceProvider, StorageSettings> settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(new NaraModelParts());
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSignalInterceptor>();
        // Contexts are pooled: a request borrows one instead of building one (options once, services resolved once).
        services.AddDbContextPool<NaraDb>((sp, options) =>
        {
            // Interceptors run in the order added: SQLite's write gate (added by Configure) goes last, so that nothing
            // runs between its taking the write slot and the save it guards.
            options.AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>());
            Configure(options, sp.GetRequiredService<StorageSettings>());
        });
        services.AddSingleton<PersonalHasher>();
        services.AddScoped<Events.EventPublisher>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHostedService<SqliteCheckpointer>();
        return services;
    }

    /// <summary>Adds a module's entity configurations to the model. Call after <see cref="AddNaraStorage"/>.</summary>
    public static IServiceCollection AddModelPart(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        var parts = services.Select(d => d.ImplementationInstance).OfType<NaraModelParts>().FirstOrDefault()
            ?? throw new InvalidOperationException("AddNaraStorage must be called before modules are added");
        parts.Add(assembly);
        return services;
    }

    /// <summary>Migrates the database and loads site secrets, for command-line verbs that run without the web host.</summary>
    public static Task PrepareDatabaseAsync(this IServiceProvider services, Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken) =>
        DatabaseMigrator.PrepareAsync(services, logger, cancellationToken);

    public static void Configure(DbContextOptionsBuilder options, StorageSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(settings.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrations));
        }
        else
        {
            Directory.CreateDirectory(settings.DataDirectory);
            options.UseSqlite(settings.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrations))
                .AddInterceptors(new SqlitePragmas(), new SqliteWriteGate(settings.ConnectionString));
        }
    }
}
