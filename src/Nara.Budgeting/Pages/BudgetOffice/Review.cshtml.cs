using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;

namespace Nara.Budgeting.Pages.BudgetOffice;

/// <summary>One project for the responsible agency: technical review, merging a duplicate, implementation milestones.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class ReviewModel(BudgetWork work, IStringLocalizer<Strings> text) : PageModel
{
    public BudgetProcess Process { get; private set; } = null!;

    public BudgetProject Project { get; private set; } = null!;

    public bool MayReview { get; private set; }

    public IReadOnlyList<BudgetProject> Others { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(work.Now.UtcDateTime);

    public async Task<IActionResult> OnGetAsync(long id, long projectId, CancellationToken cancellationToken) =>
        await LoadAsync(id, projectId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReviewAsync(long id, long projectId, bool feasible, string? reason, string? cost, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, projectId, cancellationToken))
        {
            return NotFound();
        }

        var amount = string.IsNullOrWhiteSpace(cost) ? (decimal?)null : Money.Parse(cost) ?? -1;
        return Answer(await work.ReviewAsync(Process, Project, feasible, reason, amount, BudgetRoles.ActorIn(User, Process.AgencyId), cancellationToken));
    }

    public async Task<IActionResult> OnPostMergeAsync(long id, long projectId, long into, CancellationToken cancellationToken) =>
        await LoadAsync(id, projectId, cancellationToken)
            ? Answer(await work.MergeAsync(Process, Project, into, BudgetRoles.ActorIn(User, Process.AgencyId), cancellationToken))
            : NotFound();

    public async Task<IActionResult> OnPostMilestoneAsync(long id, long projectId, DateOnly? on, string? title, int? progress, string? status, IFormFile? photo, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, projectId, cancellationToken))
        {
            return NotFound();
        }

        (string, byte[])? image = null;
        if (photo is { Length: > 0 and <= BudgetWork.MaxImageBytes })
        {
            using var buffer = new MemoryStream();
            await photo.CopyToAsync(buffer, cancellationToken);
            image = (photo.ContentType, buffer.ToArray());
        }
        else if (photo is { Length: > BudgetWork.MaxImageBytes })
        {
            ModelState.AddModelError("Photo", text["The photo must be a JPEG, PNG or WebP image of at most 2 MB."]);
            return Page();
        }

        return Answer(await work.RecordMilestoneAsync(Process, Project, on, title, progress, status, image, BudgetRoles.ActorIn(User, Process.AgencyId), cancellationToken));
    }

    private IActionResult Answer(BudgetResult result)
    {
        if (result.Succeeded)
        {
            return Redirect($"/office/budgets/{Process.Id}/projects/{result.Id}");
        }

        foreach (var (field, (message, values)) in result.Errors)
        {
            ModelState.AddModelError(field.Length == 0 ? "" : char.ToUpperInvariant(field[0]) + field[1..], text[message, values]);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(long id, long projectId, CancellationToken cancellationToken)
    {
        var process = await work.FindAsync(id, cancellationToken);
        var project = process is null ? null : await work.FindProjectAsync(id, projectId, cancellationToken);
        if (process is null || project is null || process.Imported || !BudgetRoles.MayReview(User, process.AgencyId))
        {
            return false;
        }

        Process = process;
        Project = project;
        MayReview = Phases.At(process, work.Now) is Phases.Proposals or Phases.Review && project.State != BudgetProject.Merged;
        Others = MayReview ? [.. (await work.ProjectsAsync(id, cancellationToken)).Where(o => o.Id != projectId && o.State != BudgetProject.Merged)] : [];
        return true;
    }
}
