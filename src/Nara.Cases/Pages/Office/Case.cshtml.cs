using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Blueprints;
using Nara.Cases.Applying;
using Nara.Cases.Certificates;
using Nara.Identity.Contracts;

namespace Nara.Cases.Pages.Office;

internal sealed record OfficeAnswer(string Label, string? Value, bool Personal);

/// <summary>
/// An officer's view of a case: answers (personal ones only after stating a purpose, which the applicant sees),
/// documents, the whole timeline with internal notes, and only the actions this person may take now.
/// </summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class CaseModel(CaseWork work, CaseView view, Uploads uploads, FileStore files, CertificateIssuer issuer, IAgencyDirectory directory, IStringLocalizer<Strings> text) : PageModel
{
    public OpenCase Open { get; private set; } = null!;

    public BlueprintText Text { get; private set; } = null!;

    public HashSet<string> Roles { get; private set; } = [];

    public IReadOnlyList<ActionSpec> Actions { get; private set; } = [];

    public IReadOnlyList<OfficeAnswer> Answers { get; private set; } = [];

    public bool PersonalOpen { get; private set; }

    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];

    public IReadOnlyList<CaseDocument> Documents { get; private set; } = [];

    public IReadOnlyList<IssuedRow> Certificates { get; private set; } = [];

    public IReadOnlyList<StaffInfo> Colleagues { get; private set; } = [];

    public string? AgencyCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, cancellationToken) ?? await ShowAsync(cancellationToken);

    /// <summary>An uploaded document, for staff who have stated why they open this case's personal data.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(string reference, Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } result)
        {
            return result;
        }

        var document = (await view.DocumentsAsync(Open.Case.Id, cancellationToken)).FirstOrDefault(d => d.Id == id);
        if (document is null || !await work.MayViewPersonalAsync(Open.Case.Id, CaseRoles.UserId(User)!.Value, cancellationToken) || files.Open(document.Sha256) is not { } stream)
        {
            return NotFound();
        }

        return File(stream, document.MediaType, uploads.FileName(document));
    }

    public async Task<IActionResult> OnPostActAsync(string reference, string action, string? comment, Guid version, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } result)
        {
            return result;
        }

        var (attachment, problem) = await uploads.PrepareAttachmentAsync(Open, Request.HasFormContentType ? Request.Form.Files.GetFile("attachment") : null, CaseRoles.UserId(User)!.Value, cancellationToken);
        if (problem is not null)
        {
            ModelState.AddModelError("attachment", AnswerMessages.For(text, problem, text["Attachment"], null));
            return await AfterAsync(CaseChange.Refused("attachment"), reference, cancellationToken);
        }

        var change = await work.ActAsync(Open, action, Roles, CaseRoles.ActorFor(User, Open.Case, Roles), comment, attachment, version, cancellationToken);
        return await AfterAsync(change, reference, cancellationToken);
    }

    public async Task<IActionResult> OnPostWriteAsync(string reference, string? message, bool note, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } result)
        {
            return result;
        }

        var change = await work.WriteAsync(Open, CaseRoles.ActorFor(User, Open.Case, Roles), message, note, cancellationToken);
        return await AfterAsync(change, reference, cancellationToken);
    }

    public async Task<IActionResult> OnPostPurposeAsync(string reference, string? purpose, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } result)
        {
            return result;
        }

        var change = await work.ViewPersonalAsync(Open, CaseRoles.ActorFor(User, Open.Case, Roles), purpose, cancellationToken);
        return await AfterAsync(change, reference, cancellationToken);
    }

    public async Task<IActionResult> OnPostAssignAsync(string reference, Guid? assignee, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } result)
        {
            return result;
        }

        var me = CaseRoles.UserId(User);
        var supervisor = Roles.Contains(StaffRoles.Supervisor) || Roles.Contains(StaffRoles.Director);
        var colleagues = await directory.StaffAsync(Open.Case.AgencyId!.Value, cancellationToken);
        if ((assignee != me && !supervisor) || (assignee is { } who && colleagues.All(c => c.UserId != who)))
        {
            return await AfterAsync(CaseChange.Refused("not-your-action"), reference, cancellationToken);
        }

        var change = await work.AssignAsync(Open, assignee, CaseRoles.ActorFor(User, Open.Case, Roles), cancellationToken);
        return await AfterAsync(change, reference, cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string reference, string code, string? reason, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, cancellationToken) is { } result)
        {
            return result;
        }

        var found = await issuer.FindAsync(code, cancellationToken);
        if (found is not { } certificate || certificate.Certificate.CaseId != Open.Case.Id || !(Roles.Contains(StaffRoles.Officer) || Roles.Contains(StaffRoles.Supervisor)))
        {
            return NotFound();
        }

        var problem = await issuer.RevokeAsync(certificate.Certificate, reason, CaseRoles.ActorFor(User, Open.Case, Roles), cancellationToken);
        return await AfterAsync(problem is null ? CaseChange.Done : CaseChange.Refused(problem == "reason-required" ? "comment-required" : problem), reference, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(CaseChange change, string reference, CancellationToken cancellationToken)
    {
        if (change.Succeeded)
        {
            return Redirect($"/office/cases/{Open.Case.Reference}");
        }

        if (change.Refusal == "changed-meanwhile" && await LoadAsync(reference, cancellationToken) is { } gone)
        {
            return gone;
        }

        if (change.Refusal != "attachment")
        {
            ModelState.AddModelError("", AnswerMessages.Refusal(text, change.Refusal ?? ""));
        }
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult?> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var open = await work.FindAsync(reference, cancellationToken);
        if (open is null || open.Case.State == Case.Draft)
        {
            return NotFound();
        }

        if (open.Case.AgencyId is not { } agency || !User.CanSeeAgency(agency))
        {
            return Forbid();
        }

        Open = open;
        Roles = CaseRoles.For(User, open.Case);
        Roles.Remove(WorkflowRoles.Applicant);
        Text = new BlueprintText(open.Blueprint, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        AgencyCode = (await directory.AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Id == agency)?.Code;
        return null;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var me = CaseRoles.UserId(User)!.Value;
        PersonalOpen = await work.MayViewPersonalAsync(Open.Case.Id, me, cancellationToken);
        var answers = PersonalOpen ? work.Answers(Open.Case) : CaseAnswers.Public(Open.Case);
        var rows = new List<OfficeAnswer>();
        foreach (var field in Open.Blueprint.Form.Pages.SelectMany(p => p.Fields).Where(f => f.Type != FieldTypes.File))
        {
            var personal = CaseAnswers.IsPersonal(Open.Blueprint, field.Id);
            var value = answers[field.Id];
            if (!personal && !Blueprints.Answers.IsAnswered(value))
            {
                continue;
            }

            rows.Add(new OfficeAnswer(Text.Label(field.Id, field), personal && !PersonalOpen ? null : Show(field, value), personal));
        }

        Answers = rows;
        Actions = Open.Case.IsOpen ? WorkflowEngine.Available(Open.Blueprint, Open.Case.State, Roles) : [];
        Timeline = await view.TimelineAsync(Open.Case, includeInternal: true, namesOfStaff: true, cancellationToken);
        Documents = await view.DocumentsAsync(Open.Case.Id, cancellationToken);
        Certificates = await view.CertificatesAsync(Open.Case.Id, cancellationToken);
        Colleagues = [.. (await directory.StaffAsync(Open.Case.AgencyId!.Value, cancellationToken)).Where(s => s.Role == StaffRoles.Officer)];
        return Page();
    }

    private string Show(FieldSpec field, JsonNode? value) => field.Type switch
    {
        FieldTypes.YesNo => Blueprints.Answers.RawOf(value) switch { ["true"] => text["Yes"], ["false"] => text["No"], _ => "" },
        FieldTypes.Group => string.Join(" · ", (value as JsonArray ?? []).OfType<JsonObject>().Select(item =>
            string.Join(", ", field.Fields.Select(c => CertificateIssuer.Display(Text, c, item[c.Id], Text.Language)).Where(s => s.Length > 0)))),
        _ => CertificateIssuer.Display(Text, field, value, Text.Language),
    };
}
