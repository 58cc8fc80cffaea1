using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;

namespace Nara.Budgeting.Pages.Budgets;

/// <summary>A resident proves eligibility: national id and date of birth against the census list, or a one-time code.</summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(BudgetingModule.VerificationRateLimit)]
internal sealed class VerifyModel(BudgetWork work, IStringLocalizer<Strings> text) : PageModel
{
    public BudgetProcess Process { get; private set; } = null!;

    public bool Verified { get; private set; }

    public bool Open { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCensusAsync(long id, string? nationalId, DateOnly? birthDate, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Answer(await work.VerifyAsync(Process, User.UserId()!.Value, nationalId, birthDate, cancellationToken), "NationalId") : NotFound();

    public async Task<IActionResult> OnPostCodeAsync(long id, string? code, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Answer(await work.VerifyCodeAsync(Process, User.UserId()!.Value, code, cancellationToken), "Code") : NotFound();

    private IActionResult Answer(BudgetResult result, string field)
    {
        if (result.Succeeded)
        {
            return Redirect($"/budgets/{Process.Id}");
        }

        foreach (var (_, (message, values)) in result.Errors)
        {
            ModelState.AddModelError(field, text[message, values]);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var process = await work.FindAsync(id, cancellationToken);
        if (process is null || process.Imported)
        {
            return false;
        }

        Process = process;
        Open = Phases.MayVerify(Phases.At(process, work.Now));
        Verified = await work.VerificationAsync(id, User.UserId()!.Value, cancellationToken) is not null;
        return true;
    }
}
