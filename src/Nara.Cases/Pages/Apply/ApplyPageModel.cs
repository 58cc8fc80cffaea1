using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Blueprints;

namespace Nara.Cases.Pages.Apply;

/// <summary>Shared by the pages of an application in progress: only its applicant (or the agent helping them) may open it.</summary>
internal abstract class ApplyPageModel(CaseWork work) : PageModel
{
    public OpenCase Open { get; private set; } = null!;

    public BlueprintText Text { get; private set; } = null!;

    protected CaseWork Work => work;

    /// <summary>Loads the case for its applicant; null (with the result to return) when it is not theirs or not a draft.</summary>
    protected async Task<IActionResult?> LoadAsync(string reference, bool draftOnly, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        var open = await work.FindAsync(reference, cancellationToken);
        if (open is null || !CaseRoles.For(User, open.Case).Contains(WorkflowRoles.Applicant))
        {
            return NotFound();
        }

        if (draftOnly && open.Case.State != Case.Draft)
        {
            return Redirect($"/cases/{open.Case.Reference}");
        }

        Open = open;
        Text = new BlueprintText(open.Blueprint, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        return null;
    }
}
