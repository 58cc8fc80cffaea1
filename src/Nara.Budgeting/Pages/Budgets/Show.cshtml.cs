using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Hosting;

namespace Nara.Budgeting.Pages.Budgets;

/// <summary>A process: its money, phases, projects, what a resident can do now, and the results with their reasons.</summary>
internal sealed class ShowModel(BudgetWork work, Jurisdiction jurisdiction, IStringLocalizer<Strings> text) : PageModel
{
    public BudgetProcess Process { get; private set; } = null!;

    public IReadOnlyList<BudgetDistrict> Districts { get; private set; } = [];

    public IReadOnlyList<BudgetProject> Projects { get; private set; } = [];

    public IReadOnlyDictionary<long, int> Supports { get; private set; } = new Dictionary<long, int>();

    public const int PerPage = 40;

    public string Phase { get; private set; } = "";

    /// <summary>The projects on this page: the results in order (funded first, then by votes), or the list for the phase.</summary>
    public IReadOnlyList<BudgetProject> Shown { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public bool HasMore { get; private set; }

    public bool Verified { get; private set; }

    public bool HasBallot { get; private set; }

    public string Jurisdiction => jurisdiction.Name;

    public string BallotText => BallotDescription(Process, text);

    public string RegionName(string code) => jurisdiction.Regions.GetValueOrDefault(code, code);

    public async Task<IActionResult> OnGetAsync(long id, int? p, CancellationToken cancellationToken)
    {
        var process = await work.FindAsync(id, cancellationToken);
        if (process is null)
        {
            return NotFound();
        }

        Process = process;
        Phase = Phases.At(process, work.Now);
        Districts = await work.DistrictsAsync(id, cancellationToken);
        Projects = await work.ProjectsAsync(id, cancellationToken);
        Supports = await work.SupportCountsAsync(id, cancellationToken);
        var listed = process.ResultsAt is not null
            ? Projects.Where(x => x.Funded is not null).OrderByDescending(x => x.Funded).ThenByDescending(x => x.Score).ThenBy(x => x.Id).ToList()
            : Projects.Where(x => Phase is Phases.Proposals or Phases.Review or Phases.Upcoming ? x.State != BudgetProject.Merged : x.State == BudgetProject.Feasible).ToList();
        PageNumber = Math.Clamp(p ?? 1, 1, Math.Max(1, (listed.Count + PerPage - 1) / PerPage));
        Shown = [.. listed.Skip((PageNumber - 1) * PerPage).Take(PerPage)];
        HasMore = listed.Count > PageNumber * PerPage;
        if (User.UserId() is { } person)
        {
            Verified = await work.VerificationAsync(id, person, cancellationToken) is not null;
            HasBallot = Verified && await work.BallotOfAsync(process, person, cancellationToken) is not null;
        }

        return Page();
    }

    /// <summary>The last day of a phase that ends at <paramref name="end"/>: the day before, when it ends at midnight.</summary>
    public static DateTimeOffset LastDay(DateTimeOffset end) => end.UtcDateTime.TimeOfDay == TimeSpan.Zero ? end.AddDays(-1) : end;

    public static string BallotDescription(BudgetProcess process, IStringLocalizer text) => process.BallotType switch
    {
        BallotRules.Approval => text["Choose any projects whose costs together fit in the budget."],
        BallotRules.KApproval => text["Choose up to {0} projects.", process.MaxProjects ?? 0],
        BallotRules.Cumulative => text["Spread {0} points over the projects you like.", process.Points ?? 0],
        _ => text["Rank up to {0} projects in order of preference.", process.MaxProjects ?? 0],
    };
}
