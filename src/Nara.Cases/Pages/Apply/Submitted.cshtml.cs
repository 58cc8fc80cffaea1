using Microsoft.AspNetCore.Mvc;

namespace Nara.Cases.Pages.Apply;

internal sealed class SubmittedModel(CaseWork work) : ApplyPageModel(work)
{
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, draftOnly: false, cancellationToken) ?? (Open.Case.State == Case.Draft ? Redirect($"/cases/{Open.Case.Reference}/check") : Page());
}
