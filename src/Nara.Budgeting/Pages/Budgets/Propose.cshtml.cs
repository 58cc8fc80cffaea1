using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Hosting;

namespace Nara.Budgeting.Pages.Budgets;

/// <summary>A verified resident proposes a project during the proposals phase.</summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class ProposeModel(BudgetWork work, Jurisdiction jurisdiction, IStringLocalizer<Strings> text) : PageModel
{
    public BudgetProcess Process { get; private set; } = null!;

    public bool Open { get; private set; }

    public bool Verified { get; private set; }

    public IReadOnlyList<SelectListItem> DistrictOptions { get; private set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Cost { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? District { get; set; }

    [BindProperty]
    public string? Location { get; set; }

    [BindProperty]
    public IFormFile? Image { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        (string, byte[])? image = null;
        if (Image is { Length: > 0 })
        {
            if (Image.Length > BudgetWork.MaxImageBytes)
            {
                ModelState.AddModelError("Image", text["The photo must be a JPEG, PNG or WebP image of at most 2 MB."]);
                return Page();
            }

            using var buffer = new MemoryStream();
            await Image.CopyToAsync(buffer, cancellationToken);
            image = (Image.ContentType, buffer.ToArray());
        }

        var cost = Money.Parse(Cost);
        var result = await work.ProposeAsync(Process, User.UserId()!.Value, new ProjectForm(Title, Description, cost, Category, District, Location), image, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/budgets/{id}/projects/{result.Id}");
        }

        foreach (var (field, (message, values)) in result.Errors)
        {
            ModelState.AddModelError(field.Length == 0 ? "" : char.ToUpperInvariant(field[0]) + field[1..], text[message, values]);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var process = await work.FindAsync(id, cancellationToken);
        if (process is null)
        {
            return false;
        }

        Process = process;
        Open = Phases.At(process, work.Now) == Phases.Proposals;
        Verified = await work.VerificationAsync(id, User.UserId()!.Value, cancellationToken) is not null;
        var districts = await work.DistrictsAsync(id, cancellationToken);
        var codes = districts.Count > 0 ? districts.Select(d => d.District) : process.District is null ? jurisdiction.Codes.AsEnumerable() : [];
        DistrictOptions = [.. codes.Select(c => new SelectListItem(jurisdiction.Regions.GetValueOrDefault(c, c), c, c == District))];
        return true;
    }
}
