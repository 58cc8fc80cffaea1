using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;

namespace Nara.Budgeting.Pages.Budgets;

/// <summary>
/// The ballot as a form (no JavaScript): the cart with a total recomputed by "Update the total", k-approval
/// checkboxes, points or ranks in number boxes. Casting again replaces the ballot.
/// </summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class BallotModel(BudgetWork work, IStringLocalizer<Strings> text) : PageModel
{
    public BudgetProcess Process { get; private set; } = null!;

    public bool Open { get; private set; }

    public bool Verified { get; private set; }

    public bool Cast { get; private set; }

    public decimal Budget { get; private set; }

    public IReadOnlyList<BudgetProject> Projects { get; private set; } = [];

    public Dictionary<long, int> Choices { get; private set; } = [];

    public BudgetBallot? Stored { get; private set; }

    public decimal Total => Projects.Where(p => Choices.GetValueOrDefault(p.Id) != 0).Sum(p => p.Cost);

    public async Task<IActionResult> OnGetAsync(long id, bool cast, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Cast = cast && Stored is not null;
        Choices = Stored is null ? [] : BallotRules.Parse(Stored.Choices);
        return Page();
    }

    /// <summary>"Update the total": shows the cart's cost and any problem, stores nothing.</summary>
    public async Task<IActionResult> OnPostCheckAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Read() && BallotRules.Check(Process, Budget, Projects.ToDictionary(p => p.Id, p => p.Cost), Choices) is { } refusal)
        {
            ModelState.AddModelError("", text[refusal.Message, refusal.Values]);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!Read())
        {
            return Page();
        }

        var (result, _) = await work.CastAsync(Process, User.UserId()!.Value, Choices, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/budgets/{id}/ballot?cast=true");
        }

        foreach (var (_, (message, values)) in result.Errors)
        {
            ModelState.AddModelError("", text[message, values]);
        }

        return Page();
    }

    /// <summary>The choices as posted; false (with an error) when a number box holds something that is not a whole number.</summary>
    private bool Read()
    {
        Choices = [];
        if (Process.BallotType is BallotRules.Approval or BallotRules.KApproval)
        {
            foreach (var value in Request.Form["choice"])
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var project))
                {
                    ModelState.AddModelError("", text["Choose projects from the list."]);
                    return false;
                }

                Choices[project] = 1;
            }

            return true;
        }

        foreach (var (key, value) in Request.Form)
        {
            if (!key.StartsWith("n-", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!long.TryParse(key[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var project) || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 1_000_000)
            {
                ModelState.AddModelError("", text["Enter whole numbers only."]);
                return false;
            }

            Choices[project] = number;
        }

        return true;
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var process = await work.FindAsync(id, cancellationToken);
        if (process is null || process.Imported)
        {
            return false;
        }

        Process = process;
        Open = Phases.At(process, work.Now) == Phases.Voting;
        var person = User.UserId()!.Value;
        var voter = await work.VerificationAsync(id, person, cancellationToken);
        Verified = voter is not null;
        Stored = await work.BallotOfAsync(process, person, cancellationToken);
        (Budget, var projects) = await work.BallotForAsync(process, voter?.District, cancellationToken);
        Projects = projects;
        return true;
    }
}
