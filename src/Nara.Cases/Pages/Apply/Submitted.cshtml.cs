using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Nara.Identity.Contracts;

namespace Nara.Cases.Pages.Apply;

[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class SubmittedModel(CaseWork work) : ApplyPageModel(work)
{
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, draftOnly: false, cancellationToken) ?? (Open.Case.State == Case.Draft ? Redirect($"/cases/{Open.Case.Reference}/check") : Page());
}
