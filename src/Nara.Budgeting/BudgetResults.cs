using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nara.Budgeting.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;
using Nara.Voting;
using Nara.Voting.Pabulib;
using Nara.Voting.Rules;

namespace Nara.Budgeting;

/// <summary>
/// Results: when voting closes, the process's rule runs over its ballots (per district when districts have budgets);
/// every project gets funded or not and why; the anonymised ballots become a Pabulib file whose hash goes in the public
/// log with the result, so anyone can recompute it. Also reads a Pabulib file in as a closed process to study.
/// </summary>
internal sealed partial class BudgetResults(NaraDb db, EventPublisher events, Jurisdiction jurisdiction, TimeProvider clock, ILogger<BudgetResults> logger)
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The results of participatory-budgeting process {Process} could not be published")]
    private static partial void Failed(ILogger logger, long process, Exception exception);

    private static readonly string[] DescriptionKeys = ["country", "unit", "subunit", "instance"];

    /// <summary>Ballots still being saved when voting closes get this long to commit before the count starts.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>Computes and publishes the results of every process whose voting closed more than a minute ago. Returns how many.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var closed = clock.GetUtcNow() - Grace;
        var due = await db.Set<BudgetProcess>().Where(p => p.ResultsAt == null && !p.Imported && p.VotingUntil <= closed).Select(p => p.Id).ToListAsync(cancellationToken);
        var published = 0;
        foreach (var id in due)
        {
            try
            {
                published += await PublishAsync(id, cancellationToken) ? 1 : 0;
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or OverflowException)
            {
                // One process that cannot be counted must not hold back the others; it is tried again next time.
                db.ChangeTracker.Clear();
                Failed(logger, id, e);
            }
        }

        return published;
    }

    public async Task<bool> PublishAsync(long processId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var process = await db.Set<BudgetProcess>().FirstAsync(p => p.Id == processId, cancellationToken);
        if (process.ResultsAt is not null || Phases.At(process, clock.GetUtcNow()) is not (Phases.Results or Phases.Implementation))
        {
            return false;
        }

        var projects = await db.Set<BudgetProject>().Where(p => p.ProcessId == processId && p.State == BudgetProject.Feasible).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var funded = new List<long>();
        var cost = 0m;
        var ballots = 0;
        foreach (var election in await ElectionsAsync(process, projects, cancellationToken))
        {
            ballots += election.Ballots.Count;
            var outcome = AllocationRules.ByName[process.Rule](election);
            var scores = election.Scores();
            foreach (var result in outcome.Projects)
            {
                var project = projects.First(p => p.Id.ToString(CultureInfo.InvariantCulture) == result.ProjectId);
                project.Funded = result.Funded;
                project.ResultReason = result.Reason.ToString();
                project.ResultRound = result.Round;
                project.Score = scores[election.Projects.Select(p => p.Id).ToList().IndexOf(result.ProjectId)];
                project.Payments = result.Payments.Count == 0 ? null
                    : Payments(result.Payments);
                project.ImplementationStatus = result.Funded ? "planned" : null;
            }

            funded.AddRange(outcome.Selected.Select(id => long.Parse(id, CultureInfo.InvariantCulture)));
            cost += outcome.Cost;
        }

        process.ResultsAt = clock.GetUtcNow();
        process.FundedCost = cost;
        process.BallotsSha256 = await FileHashesAsync(process, cancellationToken);
        process.Version = Guid.NewGuid();
        await events.PublishAsync(new BudgetResultsPublished(process.Id, process.Rule, funded, cost, ballots, process.BallotsSha256), Actor.System, cancellationToken: cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance published them first.
            db.ChangeTracker.Clear();
            return false;
        }

        // The secret of the ballot, once counted: accounts are unlinked from the list entries their ballots hang on,
        // and the nonces that open the commitments are forgotten. Receipts taken while voting still verify.
        await db.Set<EligibleVoter>().Where(v => v.ProcessId == processId && v.PersonId != null).ExecuteUpdateAsync(u => u.SetProperty(v => v.PersonId, (Guid?)null), cancellationToken);
        await db.Set<BudgetBallot>().Where(b => b.ProcessId == processId && b.Nonce != null).ExecuteUpdateAsync(u => u.SetProperty(b => b.Nonce, (string?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The SHA-256 of each published ballot file: one hash for a process, or "district=hash;…" with one file per district
    /// (a Pabulib file holds one election).
    /// </summary>
    public async Task<string> FileHashesAsync(BudgetProcess process, CancellationToken cancellationToken)
    {
        static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var districts = await db.Set<BudgetDistrict>().AsNoTracking().Where(d => d.ProcessId == process.Id).OrderBy(d => d.District).Select(d => d.District).ToListAsync(cancellationToken);
        if (districts.Count == 0)
        {
            return Hash(await ExportAsync(process, null, cancellationToken));
        }

        var hashes = new List<string>();
        foreach (var district in districts)
        {
            hashes.Add($"{district}={Hash(await ExportAsync(process, district, cancellationToken))}");
        }

        return string.Join(';', hashes);
    }

    /// <summary>
    /// The anonymised ballots as a Pabulib file: voters numbered in a random order (by commitment), no names, no
    /// timestamps. With district budgets, <paramref name="district"/> picks one district's file; null gives them all.
    /// </summary>
    public async Task<string> ExportAsync(BudgetProcess process, string? district, CancellationToken cancellationToken)
    {
        var projects = await db.Set<BudgetProject>().AsNoTracking().Where(p => p.ProcessId == process.Id && p.State == BudgetProject.Feasible).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var text = new StringBuilder();
        foreach (var election in await ElectionsAsync(process, projects, cancellationToken))
        {
            if (district is null || election.Meta.GetValueOrDefault("subunit") == district)
            {
                using var writer = new StringWriter(text, CultureInfo.InvariantCulture);
                PabulibWriter.Write(election, writer);
            }
        }

        return text.ToString();
    }

    /// <summary>Reads a Pabulib file in as a closed process with its results computed by <paramref name="rule"/>.</summary>
    public async Task<BudgetResult> ImportAsync(TextReader file, string rule, Guid agencyId, Actor administrator, CancellationToken cancellationToken)
    {
        Election election;
        try
        {
            election = PabulibReader.Read(file);
        }
        catch (PabulibFormatException e)
        {
            return BudgetResult.Refused("file", "Line {0}: {1}", e.Line, e.Problem);
        }

        if (!BudgetWork.Rules.Contains(rule))
        {
            return BudgetResult.Refused("rule", "Choose how the winning projects are chosen.");
        }

        if (election.Projects.Append(new Project("budget", election.Budget)).Any(p => p.Cost > 9_999_999_999_999_999m || decimal.Round(p.Cost, 2) != p.Cost))
        {
            return BudgetResult.Refused("file", "A project's cost has more than two decimals or is too large.");
        }

        if (election.Projects.FirstOrDefault(p => p.Id.Length > 60) is { } longId)
        {
            return BudgetResult.Refused("file", "Project id {0} is longer than 60 characters.", longId.Id[..60] + "…");
        }

        var meta = election.Meta;
        var title = meta.GetValueOrDefault("description") is { Length: > 0 } description ? description : meta.GetValueOrDefault("instance") ?? "Pabulib";
        var at = clock.GetUtcNow();
        var process = new BudgetProcess
        {
            Title = title.Length > 120 ? title[..120] : title,
            Description = Shorten(string.Join(" · ", DescriptionKeys.Select(k => meta.GetValueOrDefault(k)).Where(v => !string.IsNullOrEmpty(v))), 4000),
            Budget = election.Budget,
            Currency = meta.GetValueOrDefault("currency") is { Length: 3 } currency ? currency.ToUpperInvariant() : "",
            Rule = rule,
            BallotType = election.Kind switch
            {
                BallotKind.Cumulative or BallotKind.Scoring => BallotRules.Cumulative,
                BallotKind.Ordinal => BallotRules.Ranked,
                _ => BallotRules.Approval,
            },
            AgencyId = agencyId,
            ProposalsFrom = at,
            ReviewFrom = at,
            VotingFrom = at,
            VotingUntil = at,
            ImplementationFrom = at,
            CreatedAt = at,
            Imported = true,
            ImportedMeta = JsonSerializer.Serialize(meta),
            Version = Guid.NewGuid(),
        };
        if (process.Description.Length == 0)
        {
            process.Description = title;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(process);
        await db.SaveChangesAsync(cancellationToken);
        var outcome = AllocationRules.ByName[rule](election);
        var results = outcome.Projects.ToDictionary(p => p.ProjectId, StringComparer.Ordinal);
        var scores = election.Scores();
        var rows = election.Projects.Select((p, i) => new BudgetProject
        {
            ProcessId = process.Id,
            Title = string.IsNullOrWhiteSpace(p.Name) ? p.Id : p.Name.Length > 120 ? p.Name[..120] : p.Name,
            Description = p.Name is { Length: > 4000 } name ? name[..4000] : p.Name ?? p.Id,
            Cost = p.Cost,
            ProposedCost = p.Cost,
            Category = "imported",
            State = BudgetProject.Feasible,
            CreatedAt = at,
            ExternalId = p.Id,
            Funded = results[p.Id].Funded,
            ResultReason = results[p.Id].Reason.ToString(),
            ResultRound = results[p.Id].Round,
            Score = scores[i],
            Payments = results[p.Id].Payments.Count == 0 ? null : Payments(results[p.Id].Payments),
        }).ToList();
        db.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);

        // The ballots are kept (anonymous, as the file has them) so the process exports again as it came in.
        var index = rows.Select((r, i) => (r, i)).ToDictionary(x => x.i, x => x.r.Id);
        var ranked = election.Kind == BallotKind.Ordinal;
        for (var voter = 0; voter < election.Ballots.Count; voter++)
        {
            var ballot = election.Ballots[voter];
            var choices = ballot.Projects.Select((p, k) => (Id: index[p], Value: ranked ? k + 1 : ballot.Points[k])).ToDictionary(c => c.Id, c => c.Value);
            var stored = BallotRules.Format(choices);
            var key = election.VoterIds?[voter] ?? voter.ToString(CultureInfo.InvariantCulture);
            db.Add(new BudgetBallot
            {
                ProcessId = process.Id,
                VoterHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("imported\n" + key))),
                Choices = stored,
                Commitment = BudgetWork.Commitment(key, process.Id, stored),
                CastAt = at,
                Casts = 1,
            });
        }

        process.ResultsAt = at;
        process.FundedCost = outcome.Cost;
        if (ranked)
        {
            process.MaxProjects = election.Ballots.Count == 0 ? 1 : election.Ballots.Max(b => b.Projects.Length);
        }

        await db.SaveChangesAsync(cancellationToken);
        process.BallotsSha256 = await FileHashesAsync(process, cancellationToken);
        await events.PublishAsync(new BudgetProcessCreated(process.Id, process.Title, process.Budget, process.Currency, process.Rule, process.BallotType), administrator, "imported from a Pabulib file", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BudgetResult.Done(process.Id);
    }

    /// <summary>One election per district budget, or one for the whole process.</summary>
    private async Task<List<Election>> ElectionsAsync(BudgetProcess process, List<BudgetProject> projects, CancellationToken cancellationToken)
    {
        var districts = await db.Set<BudgetDistrict>().AsNoTracking().Where(d => d.ProcessId == process.Id).OrderBy(d => d.District).ToListAsync(cancellationToken);
        var stored = await db.Set<BudgetBallot>().AsNoTracking().Where(b => b.ProcessId == process.Id).Select(b => new { b.District, b.Choices }).ToListAsync(cancellationToken);
        // Voters are numbered in the order of their ballots' content: deterministic (the file's hash can be checked), and
        // unrelated to the commitments and times in the public log, so no row can be matched to a log entry.
        var ballots = stored.OrderBy(b => b.Choices, StringComparer.Ordinal)
            .Select(b => (b.District, Choices: BallotRules.Parse(b.Choices))).ToList();
        var imported = process.ImportedMeta is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json)! : null;
        if (districts.Count == 0)
        {
            return [Build(process, process.Budget, projects, [.. ballots.Select(b => b.Choices)], null, imported)];
        }

        return [.. districts.Select(d => Build(process, d.Budget, [.. projects.Where(p => p.District == d.District)],
            [.. ballots.Where(b => b.District == d.District).Select(b => b.Choices)], d.District, null))];
    }

    private Election Build(BudgetProcess process, decimal budget, List<BudgetProject> projects, List<Dictionary<long, int>> ballots, string? district, Dictionary<string, string>? imported)
    {
        var index = projects.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var kind = process.BallotType switch
        {
            BallotRules.Cumulative => BallotKind.Cumulative,
            BallotRules.Ranked => BallotKind.Ordinal,
            _ => BallotKind.Approval,
        };
        var meta = imported ?? new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["description"] = process.Title,
            ["country"] = jurisdiction.Name,
            ["unit"] = jurisdiction.Name,
            ["instance"] = process.VotingUntil.Year.ToString(CultureInfo.InvariantCulture),
            ["rule"] = PabulibRule(process.Rule),
            ["date_begin"] = process.VotingFrom.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            ["date_end"] = process.VotingUntil.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            ["currency"] = process.Currency,
            ["language"] = "en",
        };
        if (imported is null)
        {
            if (district is not null)
            {
                meta["subunit"] = district;
            }

            if (process.MaxProjects is { } most)
            {
                meta["max_length"] = most.ToString(CultureInfo.InvariantCulture);
            }

            if (process.MinProjects is { } least)
            {
                meta["min_length"] = least.ToString(CultureInfo.InvariantCulture);
            }

            if (process.Points is { } points)
            {
                meta["max_sum_points"] = points.ToString(CultureInfo.InvariantCulture);
                meta["min_sum_points"] = points.ToString(CultureInfo.InvariantCulture);
            }
        }

        return new Election
        {
            Projects = [.. projects.Select(p => new Project(p.ExternalId ?? p.Id.ToString(CultureInfo.InvariantCulture), Plain(p.Cost), p.Title))],
            Budget = Plain(budget),
            Kind = kind,
            Meta = meta,
            Ballots = [.. ballots.Select(b =>
            {
                var chosen = b.Where(c => c.Value != 0 && index.ContainsKey(c.Key)).ToList();
                if (kind == BallotKind.Ordinal)
                {
                    chosen = [.. chosen.OrderBy(c => c.Value)];
                    // Borda as Pabulib tools count an ordinal ballot: its length minus the position, so the published file recomputes the same.
                    return new Ballot([.. chosen.Select(c => index[c.Key])], [.. chosen.Select((_, position) => chosen.Count - position)]);
                }

                return new Ballot([.. chosen.Select(c => index[c.Key])], [.. chosen.Select(c => c.Value)]);
            })],
            VoterIds = [.. ballots.Select((_, i) => (i + 1).ToString(CultureInfo.InvariantCulture))],
        };
    }

    /// <summary>
    /// "voters×each;…" with each payment to the cent, the largest groups first: at most 20 groups, then "+n" for the
    /// supporters in the other groups, so the explanation stays readable.
    /// </summary>
    private static string Payments(IReadOnlyList<SupporterPayment> payments)
    {
        var groups = payments.OrderByDescending(p => p.Voters).ToList();
        var shown = groups.Take(20).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Voters}x{decimal.Round(p.Each, 2)}")).ToList();
        if (groups.Count > 20)
        {
            shown.Add(string.Create(CultureInfo.InvariantCulture, $"+{groups.Skip(20).Sum(p => p.Voters)}"));
        }

        return string.Join(';', shown);
    }

    private static string Shorten(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>The amount without trailing zeros (a database may give back 3000.00 for 3000), as Pabulib files write it.</summary>
    private static decimal Plain(decimal amount) => amount / 1.0000000000000000000000000000m;

    private static string PabulibRule(string rule) => rule switch
    {
        Greedy.Name => "greedy",
        Phragmen.Name => "phragmen",
        _ => "equalshares",
    };
}

/// <summary>Publishes results when voting closes, checking every <c>Budgeting:ResultsInterval</c> (default 30 seconds; 0 = off).</summary>
internal sealed partial class BudgetResultsService(IServiceScopeFactory scopes, Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<BudgetResultsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Budgeting:ResultsInterval", TimeSpan.FromSeconds(30));
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var published = await scope.ServiceProvider.GetRequiredService<BudgetResults>().PublishDueAsync(stoppingToken);
                if (published > 0)
                {
                    Published(logger, published);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published the results of {Count} participatory-budgeting processes")]
    private static partial void Published(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing participatory-budgeting results failed; trying again later")]
    private static partial void Failed(ILogger logger, Exception exception);
}
