using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Petitions;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Petitions;

/// <summary>
/// The tally looks for signatures still to count on every pass. Its condition must match the partial index's filter
/// term for term, or the database reads every signature instead; these ask the database's planner itself.
/// </summary>
public sealed class TallyIndexTests() : AppTest(new NaraApp())
{
    [Fact]
    public async Task UntalliedLookup_PlannedWithThePartialIndex()
    {
        var plan = await PlanAsync(db => db.Set<Signature>().Where(Signature.Untallied).OrderBy(s => s.Id).Select(s => s.Id).ToQueryString());

        Assert.Contains("IX_petition_signatures_untallied", plan, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UntalliedLookupOfSomePetitions_PlannedWithoutReadingEverySignature()
    {
        var plan = await PlanAsync(db => db.Set<Signature>().Where(Signature.Untallied).Where(s => s.PetitionId == 1).Select(s => s.PetitionId).ToQueryString());

        Assert.DoesNotContain("SCAN p\n", plan + "\n", StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    /// <summary>The plan of a parameterless query: EXPLAIN QUERY PLAN on SQLite; on PostgreSQL EXPLAIN with sequential scans priced out, so that an index that can serve the query shows.</summary>
    private Task<string> PlanAsync(Func<NaraDb, string> sql) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<NaraDb>();
        var text = sql(db);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        if (NaraApp.UsesPostgres)
        {
            command.CommandText = "SET enable_seqscan = off";
            await command.ExecuteNonQueryAsync();
            command.CommandText = "EXPLAIN " + text;
        }
        else
        {
            command.CommandText = "EXPLAIN QUERY PLAN " + text;
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(Convert.ToString(reader.GetValue(reader.FieldCount - 1), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return string.Join("\n", lines);
    });
}
