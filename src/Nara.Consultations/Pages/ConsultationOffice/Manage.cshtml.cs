using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;
using Nara.Platform.Text;

namespace Nara.Consultations.Pages.ConsultationOffice;

/// <summary>Managing a consultation: opening it, hiding reported comments with a reason, publishing the response report.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class ManageModel(ConsultationWork work, NaraDb db, IStringLocalizer<Strings> text) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;

    public bool MayManage { get; private set; }

    public bool MayReport { get; private set; }

    public int DraftParagraphs { get; private set; }

    public IReadOnlyList<ConsultationComment> Reported { get; private set; } = [];

    public IReadOnlyList<ConsultationParagraph> Paragraphs { get; private set; } = [];

    public IReadOnlyDictionary<int, (int Agree, int Disagree, int Comments)> Tallies { get; private set; } = new Dictionary<int, (int, int, int)>();

    public string? Summary { get; private set; }

    public string? Revised { get; private set; }

    public Dictionary<int, string?> Responses { get; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !MayManage)
        {
            return NotFound();
        }

        return Answer(await work.OpenAsync(Consultation, ConsultationWork.ActorIn(User, Consultation.AgencyId), cancellationToken));
    }

    public async Task<IActionResult> OnPostHideAsync(long id, long commentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var comment = await db.Set<ConsultationComment>().FirstOrDefaultAsync(c => c.Id == commentId && c.ConsultationId == id, cancellationToken);
        if (comment is null)
        {
            return NotFound();
        }

        return Answer(await work.HideAsync(comment, Request.Form["reason-" + commentId.ToString(CultureInfo.InvariantCulture)].ToString(), ConsultationWork.ActorIn(User, Consultation.AgencyId, moderating: true), cancellationToken));
    }

    public async Task<IActionResult> OnPostReportAsync(long id, string? summary, string? revised, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !MayManage)
        {
            return NotFound();
        }

        foreach (var (key, value) in Request.Form)
        {
            if (key.StartsWith("Response-", StringComparison.Ordinal) && int.TryParse(key["Response-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                Responses[number] = value.ToString();
            }
        }

        Summary = summary;
        Revised = revised;
        var result = await work.PublishReportAsync(Consultation, summary, Responses, revised, ConsultationWork.ActorIn(User, Consultation.AgencyId), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/consultations/{id}/report");
        }

        await LoadAsync(id, cancellationToken);
        return Answer(result);
    }

    private IActionResult Answer(ConsultationResult result)
    {
        if (result.Succeeded)
        {
            return Redirect($"/office/consultations/{Consultation.Id}");
        }

        foreach (var (field, (message, values)) in result.Errors)
        {
            ModelState.AddModelError(field, text[message, values]);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var consultation = await work.FindAsync(id, cancellationToken);
        if (consultation is null || !ConsultationWork.MayModerate(User, consultation.AgencyId)
            || (consultation.State == Consultation.Draft && !ConsultationWork.MayManage(User, consultation.AgencyId)))
        {
            return false;
        }

        Consultation = consultation;
        MayManage = ConsultationWork.MayManage(User, consultation.AgencyId);
        MayReport = MayManage && consultation.State == Consultation.Open && work.Now >= consultation.ClosesAt;
        DraftParagraphs = consultation.State == Consultation.Draft ? SafeMarkdown.Blocks(consultation.Text).Count : 0;
        Reported = await db.Set<ConsultationComment>().AsNoTracking().Where(c => c.ConsultationId == id && c.Reports > 0 && !c.Hidden).OrderByDescending(c => c.Reports).Take(50).ToListAsync(cancellationToken);
        if (MayReport)
        {
            Paragraphs = await work.ParagraphsAsync(id, cancellationToken);
            Tallies = await work.TalliesAsync(id, cancellationToken);
        }

        return true;
    }
}
