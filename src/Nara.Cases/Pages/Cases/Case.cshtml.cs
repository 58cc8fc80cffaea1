using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;
using Nara.Blueprints;
using Nara.Cases.Applying;
using Nara.Cases.Pages.Apply;
using Nara.Identity.Contracts;

namespace Nara.Cases.Pages.Cases;

/// <summary>The applicant's view of a case: where it is, every step, messages, what they can do now, the certificate.</summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
[OutputCache(PolicyName = CasePageCache.PolicyName)]
internal sealed class CaseModel(CaseWork work, CaseView view, Uploads uploads, IStringLocalizer<Strings> text) : ApplyPageModel(work)
{
    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];

    public IReadOnlyList<ActionSpec> Actions { get; private set; } = [];

    public IReadOnlyList<IssuedRow> Certificates { get; private set; } = [];

    public IReadOnlyList<AccessRow> Access { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, draftOnly: false, cancellationToken) is { } result)
        {
            return result;
        }

        if (Open.Case.State == Case.Draft)
        {
            return Redirect($"/cases/{Open.Case.Reference}/check");
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostActAsync(string reference, string action, string? comment, Guid version, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, draftOnly: false, cancellationToken) is { } result)
        {
            return result;
        }

        var roles = new HashSet<string> { WorkflowRoles.Applicant };
        var (attachment, problem) = await uploads.PrepareAttachmentAsync(Open, Request.HasFormContentType ? Request.Form.Files.GetFile("attachment") : null, CaseRoles.UserId(User)!.Value, cancellationToken);
        if (problem is not null)
        {
            ModelState.AddModelError("attachment", AnswerMessages.For(text, problem, text["Attachment"], null));
            return await AfterAsync(CaseChange.Refused("attachment"), reference, cancellationToken);
        }

        var change = await Work.ActAsync(Open, action, roles, CaseRoles.ActorFor(User, Open.Case, roles), comment, attachment, version, cancellationToken);
        return await AfterAsync(change, reference, cancellationToken);
    }

    public async Task<IActionResult> OnPostMessageAsync(string reference, string? message, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, draftOnly: false, cancellationToken) is { } result)
        {
            return result;
        }

        var roles = new HashSet<string> { WorkflowRoles.Applicant };
        var change = await Work.WriteAsync(Open, CaseRoles.ActorFor(User, Open.Case, roles), message, isInternal: false, cancellationToken);
        return await AfterAsync(change, reference, cancellationToken);
    }

    public async Task<IActionResult> OnPostRateAsync(string reference, int? rating, string? ratingComment, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, draftOnly: false, cancellationToken) is { } result)
        {
            return result;
        }

        var roles = new HashSet<string> { WorkflowRoles.Applicant };
        var change = await Work.RateAsync(Open, CaseRoles.ActorFor(User, Open.Case, roles), rating, ratingComment, cancellationToken);
        return await AfterAsync(change, reference, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(CaseChange change, string reference, CancellationToken cancellationToken)
    {
        if (change.Succeeded)
        {
            return Redirect($"/cases/{Open.Case.Reference}");
        }

        if (change.Refusal == "changed-meanwhile" && await LoadAsync(reference, draftOnly: false, cancellationToken) is { } gone)
        {
            return gone;
        }

        if (change.Refusal != "attachment")
        {
            ModelState.AddModelError("", AnswerMessages.Refusal(text, change.Refusal ?? ""));
        }
        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        Timeline = await view.TimelineAsync(Open.Case, includeInternal: false, namesOfStaff: false, cancellationToken);
        Actions = Open.Case.IsOpen ? WorkflowEngine.Available(Open.Blueprint, Open.Case.State, new HashSet<string> { WorkflowRoles.Applicant }) : [];
        Certificates = await view.CertificatesAsync(Open.Case.Id, cancellationToken);
        Access = await view.AccessAsync(Open.Case.Id, cancellationToken);
    }
}
