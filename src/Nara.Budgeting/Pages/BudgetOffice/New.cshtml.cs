using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Hosting;

namespace Nara.Budgeting.Pages.BudgetOffice;

/// <summary>An administrator creates a process: money, ballot, rule, eligibility, reviewing agency and the dates of its phases.</summary>
[Authorize(Policy = NaraPolicies.Administrator)]
internal sealed class NewModel(BudgetWork work, IAgencyDirectory directory, Jurisdiction jurisdiction, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty] public string? Title { get; set; }

    [BindProperty] public string? Description { get; set; }

    [BindProperty] public string? Currency { get; set; }

    [BindProperty] public string? Budget { get; set; }

    [BindProperty] public string? Rule { get; set; } = "mes-add1";

    [BindProperty] public string? BallotType { get; set; } = BallotRules.Approval;

    [BindProperty] public int? MinProjects { get; set; }

    [BindProperty] public int? MaxProjects { get; set; }

    [BindProperty] public string? MinSpend { get; set; }

    [BindProperty] public int? Points { get; set; }

    [BindProperty] public string? District { get; set; }

    [BindProperty] public int MinimumAge { get; set; } = 16;

    [BindProperty] public Guid? AgencyId { get; set; }

    [BindProperty] public DateOnly? ProposalsFrom { get; set; }

    [BindProperty] public DateOnly? ReviewFrom { get; set; }

    [BindProperty] public DateOnly? VotingFrom { get; set; }

    [BindProperty] public DateOnly? VotingUntil { get; set; }

    [BindProperty] public DateOnly? ImplementationFrom { get; set; }

    public IReadOnlyDictionary<string, string> Regions => jurisdiction.Regions;

    /// <summary>District budgets as typed, shown again with the form.</summary>
    public Dictionary<string, string> Typed { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SelectListItem> AgencyOptions { get; private set; } = [];

    public IReadOnlyList<SelectListItem> EligibilityOptions =>
        [new(text["Residents of {0}", jurisdiction.Name], "", District is null or ""), .. jurisdiction.Regions.Select(r => new SelectListItem(text["Residents of {0}", r.Value], r.Key, r.Key == District))];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        // Numbers that did not bind ("abc" for an age) are said so, rather than silently left at their default.
        var unreadable = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToList();
        ModelState.Clear();
        foreach (var key in unreadable)
        {
            ModelState.AddModelError(key, text["Enter a whole number."]);
        }

        var districts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var code in jurisdiction.Codes)
        {
            var typed = Request.Form["District-" + code].ToString();
            if (typed.Length > 0)
            {
                Typed[code] = typed;
                if (Money.Parse(typed) is { } amount)
                {
                    districts[code] = amount;
                }
                else
                {
                    ModelState.AddModelError("District-" + code, text["Enter an amount, such as 25000."]);
                }
            }
        }

        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }

        static DateTimeOffset? At(DateOnly? day) => day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        var form = new ProcessForm(Title, Description, Currency?.Trim().ToUpperInvariant(), Money.Parse(Budget), districts, Rule, BallotType, MinProjects, MaxProjects,
            Money.Parse(MinSpend), Points, District, MinimumAge, AgencyId, At(ProposalsFrom), At(ReviewFrom), At(VotingFrom), At(VotingUntil), At(ImplementationFrom));
        var result = await work.CreateAsync(form, new Platform.Events.Actor(User.UserId(), StaffRoles.Administrator), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/office/budgets/{result.Id}");
        }

        foreach (var (field, (message, values)) in result.Errors)
        {
            ModelState.AddModelError(field.Length == 0 ? "" : char.ToUpperInvariant(field[0]) + field[1..], text[message, values]);
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var agencies = await directory.AgenciesAsync(cancellationToken);
        AgencyOptions = [new(text["Choose an agency"], ""), .. agencies.Select(a => new SelectListItem(a.Name, a.Id.ToString("D"), a.Id == AgencyId))];
    }
}
