using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Budgeting.Pages.Budgets;

/// <summary>One project: what it is, its review, its supporters, its result and what has been built.</summary>
internal sealed class ProjectModel(BudgetWork work, NaraDb db, Jurisdiction jurisdiction, IStringLocalizer<Strings> text) : PageModel
{
    public BudgetProcess Process { get; private set; } = null!;

    public BudgetProject Project { get; private set; } = null!;

    public int Supporters { get; private set; }

    public bool MaySupport { get; private set; }

    public IReadOnlyList<BudgetMilestone> Milestones { get; private set; } = [];

    public string RegionName(string code) => jurisdiction.Regions.GetValueOrDefault(code, code);

    public async Task<IActionResult> OnGetAsync(long id, long projectId, CancellationToken cancellationToken) =>
        await LoadAsync(id, projectId, cancellationToken) ? Page() : NotFound();

    /// <summary>Handlers ignore [Authorize]: a visitor who is not signed in is sent to sign in here.</summary>
    public async Task<IActionResult> OnPostSupportAsync(long id, long projectId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, projectId, cancellationToken))
        {
            return NotFound();
        }

        if (User.UserId() is not { } person)
        {
            return Challenge();
        }

        var result = await work.SupportAsync(Process, Project, person, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/budgets/{id}/projects/{projectId}");
        }

        foreach (var (field, (message, values)) in result.Errors)
        {
            ModelState.AddModelError(field, text[message, values]);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(long id, long projectId, CancellationToken cancellationToken)
    {
        var process = await work.FindAsync(id, cancellationToken);
        var project = process is null ? null : await work.FindProjectAsync(id, projectId, cancellationToken);
        if (process is null || project is null)
        {
            return false;
        }

        Process = process;
        Project = project;
        Supporters = await db.Set<BudgetSupport>().CountAsync(s => s.ProjectId == projectId, cancellationToken);
        MaySupport = Phases.At(process, work.Now) == Phases.Proposals && project.State == BudgetProject.Proposed;
        Milestones = await db.Set<BudgetMilestone>().AsNoTracking().Where(m => m.ProjectId == projectId).OrderBy(m => m.On).ThenBy(m => m.RecordedAt).ToListAsync(cancellationToken);
        return true;
    }
}
