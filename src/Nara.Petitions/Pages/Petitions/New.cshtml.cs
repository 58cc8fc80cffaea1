using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;

namespace Nara.Petitions.Pages.Petitions;

/// <summary>Write a petition. Before it is created, similar published petitions are shown, to sign instead of duplicating.</summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class NewModel(PetitionWork work, IAgencyDirectory directory, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Action { get; set; }

    [BindProperty]
    public string? Background { get; set; }

    [BindProperty]
    public bool Anyway { get; set; }

    public IReadOnlyList<Petition> Similar { get; private set; } = [];

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = PetitionWork.Check(Title, Action, Background);
        if (errors.Count == 0 && !Anyway)
        {
            Similar = await work.SimilarAsync(Title, cancellationToken);
            if (Similar.Count > 0)
            {
                return Page();
            }
        }

        var me = User.UserId() ?? Guid.Empty;
        var person = await directory.PersonAsync(me, cancellationToken);
        var result = errors.Count > 0 ? new PetitionResult(null, errors) : await work.CreateAsync(me, person?.Name ?? "", Title, Action, Background, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/petitions/mine?created={result.Id}");
        }

        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError(field, text[message]);
        }

        return Page();
    }
}
