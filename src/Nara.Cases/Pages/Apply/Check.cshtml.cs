using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Nara.Blueprints;
using Nara.Cases.Applying;
using Nara.Identity.Contracts;

namespace Nara.Cases.Pages.Apply;

internal sealed record AnswerRow(string Page, string Label, string Value, string ChangeLink);

/// <summary>Check your answers, then send. Sending twice (a double click) sends once.</summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class CheckModel(CaseWork work, IStringLocalizer<Strings> text) : ApplyPageModel(work)
{
    public IReadOnlyList<AnswerRow> Rows { get; private set; } = [];

    public FeeQuote? Fee { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, draftOnly: true, cancellationToken) is { } result)
        {
            return result;
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, draftOnly: false, cancellationToken) is { } result)
        {
            return result;
        }

        var change = await Work.SubmitAsync(Open, CaseRoles.ActorFor(User, Open.Case, CaseRoles.For(User, Open.Case)), cancellationToken);
        if (change.Refusal is "already-submitted" or null && change.Errors.Count == 0)
        {
            return Redirect(Open.Case.State == Case.AwaitingPayment ? $"/cases/{Open.Case.Reference}/pay" : $"/cases/{Open.Case.Reference}/submitted");
        }

        foreach (var error in change.Errors)
        {
            var field = Open.Blueprint.AllFields().FirstOrDefault(f => f.Path == error.Path);
            var label = field.Field is null ? error.Path : Text.Label(field.Path, field.Field);
            ModelState.AddModelError("", AnswerMessages.For(text, error, label, field.Field is null ? null : Text.PatternMessage(field.Path, field.Field)));
        }

        if (change.Refusal is { } refusal)
        {
            ModelState.AddModelError("", AnswerMessages.Refusal(text, refusal));
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        var answers = Work.Answers(Open.Case);
        var uploaded = await Work.UploadedAsync(Open.Case.Id, cancellationToken);
        var rows = new List<AnswerRow>();
        foreach (var page in Open.Blueprint.Form.Pages.Where(p => Answers.IsVisible(p, answers)))
        {
            foreach (var field in page.Fields.Where(f => Answers.IsVisible(f, answers)))
            {
                rows.Add(new AnswerRow(Text.Page(page), Text.Label(field.Id, field), Show(field, answers, uploaded), $"/cases/{Open.Case.Reference}/answers/{page.Id}?check=1"));
            }
        }

        Rows = rows;
        Fee = Fees.Quote(Open.Blueprint, answers);
    }

    private string Show(FieldSpec field, JsonObject answers, IReadOnlySet<string> uploaded) => field.Type switch
    {
        FieldTypes.File => uploaded.Contains(field.Document ?? "") ? text["Uploaded"] : text["Not given"],
        FieldTypes.YesNo => answers[field.Id] is JsonValue v && v.TryGetValue<bool>(out var yes) ? (yes ? text["Yes"] : text["No"]) : text["Not given"],
        FieldTypes.Group => answers[field.Id] is JsonArray { Count: > 0 } items
            ? string.Join(" · ", items.OfType<JsonObject>().Select(item => string.Join(", ", field.Fields.Select(c => Display(c, $"{field.Id}.{c.Id}", item[c.Id])).Where(s => s.Length > 0))))
            : text["None"],
        _ => Answers.IsAnswered(answers[field.Id]) ? Display(field, field.Id, answers[field.Id]) : text["Not given"],
    };

    private string Display(FieldSpec field, string path, JsonNode? answer) => field.Type switch
    {
        FieldTypes.YesNo => Answers.RawOf(answer) switch { ["true"] => text["Yes"], ["false"] => text["No"], _ => "" },
        FieldTypes.Choice or FieldTypes.MultiChoice => string.Join(", ", Answers.RawOf(answer).Select(v => Text.Option(path, field, v))),
        _ => Certificates.CertificateIssuer.Display(Text, field, answer, Text.Language),
    };
}
