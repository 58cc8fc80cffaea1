using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Budgeting;

/// <summary>A process with published results: its money, rule, ballots, and where its anonymised ballots are (Pabulib).</summary>
internal sealed record BudgetProcessRow(long Id, string Title, decimal Budget, string Currency, string Rule, string BallotType, int Ballots, decimal? FundedCost,
    DateTimeOffset? ResultsAt, string BallotsPabulib, string? BallotsSha256, bool Imported);

/// <summary>A project on a ballot: its review, its votes, and whether and why it was funded; its implementation status.</summary>
internal sealed record BudgetProjectRow(long Process, long Project, string Title, string Category, string? District, decimal Cost, decimal ProposedCost, string State,
    string? ReviewReason, long? Votes, bool? Funded, string? Reason, int? Round, string? Payments, string? Implementation, int? Progress);

/// <summary>
/// Participatory budgets as open data: every process with results (and the address of its anonymised ballots as a
/// Pabulib file, with the SHA-256 the public log records), and every reviewed project with its result and progress.
/// Served at /data/participatory-budgets.csv|json and /data/budget-projects.csv|json.
/// </summary>
internal static class BudgetDatasets
{
    public static OpenDataFeed Feed { get; } = new(
        "participatory-budgets",
        "Participatory budgets: results, projects and ballots",
        "Every participatory-budgeting process with published results: budget, allocation rule, number of ballots, what was funded, and a link to its anonymised ballots in the Pabulib format (with the SHA-256 recorded in the public log), so anyone can recompute the result; and every reviewed project with its cost, review, votes, result, reason and implementation progress.",
        "GOVE",
        "DAILY",
        ["participatory budgeting", "e-participation", "pabulib", "budget"],
        [
            new("participatory-budgets", "Participatory-budgeting processes and their ballots", typeof(BudgetProcessRow), ProcessesAsync),
            new("budget-projects", "Projects, votes, results and implementation", typeof(BudgetProjectRow), ProjectsAsync),
        ]);

    private static async Task<IReadOnlyList<object>> ProcessesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var processes = await db.Set<BudgetProcess>().AsNoTracking().Where(p => p.ResultsAt != null).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var ballots = await db.Set<BudgetBallot>().GroupBy(b => b.ProcessId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. processes.Select(p => new BudgetProcessRow(p.Id, p.Title, p.Budget, p.Currency, p.Rule, p.BallotType, ballots.GetValueOrDefault(p.Id), p.FundedCost, p.ResultsAt,
            (p.BallotsSha256 ?? "").Contains('=', StringComparison.Ordinal)
                ? string.Join(' ', p.BallotsSha256!.Split(';').Select(f => $"/budgets/{p.Id}/ballots.pb?district={f.Split('=')[0]}"))
                : $"/budgets/{p.Id}/ballots.pb",
            p.BallotsSha256, p.Imported))];
    }

    private static async Task<IReadOnlyList<object>> ProjectsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var projects = await db.Set<BudgetProject>().AsNoTracking().Where(p => p.State != BudgetProject.Proposed && p.State != BudgetProject.Merged)
            .OrderBy(p => p.ProcessId).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var progress = await db.Set<BudgetMilestone>().AsNoTracking().GroupBy(m => m.ProjectId).Select(g => new { g.Key, Progress = g.Max(m => m.Progress) })
            .ToDictionaryAsync(g => g.Key, g => g.Progress, cancellationToken);
        return [.. projects.Select(p => new BudgetProjectRow(p.ProcessId, p.Id, p.Title, p.Category, p.District, p.Cost, p.ProposedCost, p.State, p.ReviewReason,
            p.Score, p.Funded, p.ResultReason, p.ResultRound, p.Payments, p.ImplementationStatus, progress.TryGetValue(p.Id, out var done) ? done : null))];
    }
}
