using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;
using Nara.Transparency;
using Nara.Transparency.Log;

namespace Nara.Bench;

/// <summary>
/// Public-log throughput on a real database: entries appended in transactions of 1,000, then integrated by
/// the sequencer (indexes, node hashes, one signed checkpoint per batch). `quick-log [postgres connection]`.
/// </summary>
public static class LogThroughput
{
    /// <param name="existing">A data folder left by an earlier SQLite run: only the proofs are measured again.</param>
    public static async Task RunAsync(string? postgres, int entries = 100_000, string? existing = null)
    {
        var data = existing ?? Directory.CreateTempSubdirectory("nara-bench-").FullName;
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(new NaraSettings(data, Demo: false, Development: false));
        services.AddSingleton(TimeProvider.System);
        services.AddNaraStorage(_ => postgres is null
            ? new StorageSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(data, "nara.db")}", data)
            : new StorageSettings(DatabaseProvider.Postgres, postgres, data));
        services.AddDataProtection().SetApplicationName("bench").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "keys")));
        // The model is the whole program's: every module that owns tables.
        Nara.Identity.IdentityModule.AddIdentityModule(services);
        services.AddTransparencyModule();
        services.AddModelPart(typeof(Nara.Cases.CasesModule).Assembly);
        services.AddModelPart(typeof(Nara.Petitions.PetitionsModule).Assembly);
        services.AddModelPart(typeof(Nara.OpenData.OpenDataModule).Assembly);
        services.AddModelPart(typeof(Nara.Budgeting.BudgetingModule).Assembly);
        services.AddModelPart(typeof(Nara.Consultations.ConsultationsModule).Assembly);
        await using var provider = services.BuildServiceProvider();
        await provider.PrepareDatabaseAsync(provider.GetRequiredService<ILoggerFactory>().CreateLogger("bench"), default);

        var where = postgres is null ? "SQLite" : "PostgreSQL";
        var reader = provider.GetRequiredService<LogReader>();
        if (existing is not null)
        {
            var latest = await reader.LatestCheckpointAsync(default);
            await MeasureProofsAsync(reader, latest?.Size ?? 0, where);
            return;
        }

        Console.WriteLine($"Data folder (kept, for proofs-only runs): {data}");
        var append = Stopwatch.StartNew();
        for (var done = 0; done < entries; done += 1000)
        {
            await using var scope = provider.CreateAsyncScope();
            var log = scope.ServiceProvider.GetRequiredService<PublicLog>();
            for (var i = 0; i < 1000; i++)
            {
                log.Append("bench.entry.v1", new { n = done + i, reference = Guid.NewGuid() });
            }

            await scope.ServiceProvider.GetRequiredService<NaraDb>().SaveChangesAsync();
        }

        append.Stop();
        var sequencer = provider.GetRequiredService<Sequencer>();
        var integrate = Stopwatch.StartNew();
        long size = 0;
        while (size < entries)
        {
            size = await sequencer.IntegrateAsync(default) ?? size;
        }

        integrate.Stop();
        Console.WriteLine($"{where}: appended {entries:N0} entries in {append.Elapsed.TotalSeconds:F1} s ({entries / append.Elapsed.TotalSeconds:N0}/s, transactions of 1,000)");
        Console.WriteLine($"{where}: sequencer integrated {entries:N0} entries in {integrate.Elapsed.TotalSeconds:F1} s ({entries / integrate.Elapsed.TotalSeconds:N0}/s, batches of 10,000, one signed checkpoint each)");
        await MeasureProofsAsync(reader, size, where);
    }

    /// <summary>Inclusion proofs as the API makes them, for random leaves of the whole tree, in a process that has not made any before.</summary>
    private static async Task MeasureProofsAsync(LogReader reader, long size, string where)
    {
        var random = new Random(7);
        var times = new List<double>();
        for (var i = 0; i < 1_100; i++)
        {
            var leaf = random.NextInt64(size);
            var timer = Stopwatch.StartNew();
            var proof = await reader.InclusionProofAsync(leaf, size, default);
            timer.Stop();
            if (i >= 100 && proof.Count > 0)
            {
                times.Add(timer.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine($"{where}: inclusion proof from the database at size {size:N0}: mean {times.Average():F3} ms, p50 {times[times.Count / 2]:F3} ms, p99 {times[(int)(times.Count * 0.99)]:F3} ms (1,000 random leaves after 100 unmeasured)");
    }
}
