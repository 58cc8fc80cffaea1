using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Nara.Blueprints;
using Nara.Cases.Applying;
using Nara.Identity.Contracts;
using Nara.Platform.Hosting;

namespace Nara.Cases.Pages.Apply;

/// <summary>One page of a blueprint's questions. Answers are saved as a draft on every submit, so people can leave and come back.</summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class QuestionModel(CaseWork work, Uploads uploads, Jurisdiction jurisdiction, IStringLocalizer<Strings> text) : ApplyPageModel(work)
{
    public PageSpec Spec { get; private set; } = null!;

    public JsonObject Answers { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Regions => jurisdiction.Regions;

    public IReadOnlySet<string> Uploaded { get; private set; } = new HashSet<string>();

    /// <summary>Extra empty rows asked for with "Add another", per group.</summary>
    public string? Adding { get; private set; }

    public string? BackLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, string step, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, draftOnly: true, cancellationToken) is { } result)
        {
            return result;
        }

        return await ShowAsync(step, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string reference, string step, string? add, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, draftOnly: true, cancellationToken) is { } result)
        {
            return result;
        }

        if (!await ShowAsync(step, cancellationToken))
        {
            return NotFound();
        }

        var form = Request.HasFormContentType ? await Request.ReadFormAsync(cancellationToken) : null;
        IReadOnlyList<string> Input(string key) => form is null ? [] : [.. form[key].Select(v => v ?? "")];
        var errors = new List<AnswerError>(await Work.SaveAnswersAsync(Open, Spec, Input, cancellationToken));
        foreach (var field in Spec.Fields.Where(f => f.Type == FieldTypes.File))
        {
            var file = form?.Files.GetFile(field.Id);
            if (file is { Length: > 0 } && await uploads.AttachAsync(Open, field, file, CaseRoles.UserId(User)!.Value, cancellationToken) is { } problem)
            {
                errors.Add(problem);
            }
        }

        Answers = Work.Answers(Open.Case);
        Uploaded = await Work.UploadedAsync(Open.Case.Id, cancellationToken);
        if (add is not null && Spec.Fields.Any(f => f.Id == add && f.Type == FieldTypes.Group))
        {
            Adding = add;
            return Page();
        }

        if (errors.Count > 0)
        {
            foreach (var key in form?.Keys ?? [])
            {
                ModelState.SetModelValue(key, form![key], form[key].ToString());
            }

            foreach (var error in errors)
            {
                var (label, pattern) = Describe(error.Path);
                ModelState.AddModelError(error.Path, AnswerMessages.For(text, error, label, pattern));
            }

            return Page();
        }

        var next = Open.Blueprint.Form.Pages.SkipWhile(p => p.Id != Spec.Id).Skip(1).FirstOrDefault(p => Blueprints.Answers.IsVisible(p, Answers));
        return Redirect(next is null || Request.Query.ContainsKey("check") ? $"/cases/{Open.Case.Reference}/check" : $"/cases/{Open.Case.Reference}/answers/{next.Id}");
    }

    private (string Label, string? Pattern) Describe(string path)
    {
        var bare = System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "");
        var field = Open.Blueprint.AllFields().FirstOrDefault(f => f.Path == bare);
        return field.Field is null ? (path, null) : (Text.Label(field.Path, field.Field), Text.PatternMessage(field.Path, field.Field));
    }

    private async Task<bool> ShowAsync(string page, CancellationToken cancellationToken)
    {
        var pages = Open.Blueprint.Form.Pages;
        var spec = pages.FirstOrDefault(p => p.Id == page);
        if (spec is null)
        {
            return false;
        }

        Spec = spec;
        Answers = Work.Answers(Open.Case);
        Uploaded = await Work.UploadedAsync(Open.Case.Id, cancellationToken);
        var previous = pages.TakeWhile(p => p.Id != page).LastOrDefault(p => Blueprints.Answers.IsVisible(p, Answers));
        BackLink = previous is null ? $"/services/{Open.Blueprint.Id}" : $"/cases/{Open.Case.Reference}/answers/{previous.Id}";
        return true;
    }

    public string Value(string path) => ModelState.TryGetValue(path, out var entry) && entry.AttemptedValue is not null
        ? entry.AttemptedValue
        : Blueprints.Answers.RawOf(Lookup(path)) is [var one] ? one : "";

    public bool IsChosen(string path, string value) => ModelState.TryGetValue(path, out var entry) && entry.RawValue is not null
        ? (entry.RawValue as Microsoft.Extensions.Primitives.StringValues?)?.Contains(value) ?? entry.AttemptedValue == value
        : Blueprints.Answers.RawOf(Lookup(path)).Contains(value);

    /// <summary>
    /// A question shown only for some answers on this same page: without JavaScript the page cannot reveal it when the
    /// answer changes, so it is shown (marked as conditional) and its answer kept only when the condition holds.
    /// </summary>
    public bool DependsOnThisPage(FieldSpec field) =>
        field.ShowIf is { } condition && condition.ReferencedFields().Any(id => Spec.Fields.Any(f => f.Id == id));

    public string? Error(string path) => ModelState.TryGetValue(path, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public int Rows(FieldSpec group)
    {
        var count = (Answers[group.Id] as JsonArray)?.Count ?? 0;
        return Math.Min(group.MaxItems ?? 50, Math.Max(count + (Adding == group.Id ? 1 : 0), Math.Max(group.MinItems ?? 0, count == 0 ? 1 : count)));
    }

    private JsonNode? Lookup(string path)
    {
        var match = System.Text.RegularExpressions.Regex.Match(path, @"^([a-z0-9_]+)\[(\d+)\]\.([a-z0-9_]+)$");
        if (!match.Success)
        {
            return Answers[path];
        }

        var items = Answers[match.Groups[1].Value] as JsonArray;
        var index = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return items is not null && index < items.Count && items[index] is JsonObject item ? item[match.Groups[3].Value] : null;
    }
}
