using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Consultations.Pages.Consultations;

/// <summary>One paragraph: agree or disagree, comments and replies, reporting a comment to the moderators.</summary>
internal sealed class ParagraphModel(ConsultationWork work, NaraDb db, IAgencyDirectory directory, IStringLocalizer<Strings> localizer) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;

    public ConsultationParagraph Paragraph { get; private set; } = null!;

    public (int Agree, int Disagree, int Comments) Tally { get; private set; }

    public IReadOnlyList<ConsultationComment> Comments { get; private set; } = [];

    public bool Open { get; private set; }

    public bool SignedIn => User.UserId() is not null;

    public bool HasNext { get; private set; }

    public bool? Mine { get; private set; }

    public long? ReplyTo { get; private set; }

    public const int PerPage = 20;

    public int PageNumber { get; private set; } = 1;

    public bool HasMoreComments { get; private set; }

    public bool Reported { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, int number, long? reply, int? p, bool reported, CancellationToken cancellationToken)
    {
        Reported = reported;
        ReplyTo = reply;
        PageNumber = Math.Clamp(p ?? 1, 1, 10_000);
        return await LoadAsync(id, number, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReactAsync(long id, int number, bool? agrees, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, number, cancellationToken))
        {
            return NotFound();
        }

        if (User.UserId() is not { } person)
        {
            return Challenge();
        }

        return agrees is { } answer ? Answer(await work.ReactAsync(Consultation, number, person, answer, cancellationToken)) : BadRequest();
    }

    public async Task<IActionResult> OnPostCommentAsync(long id, int number, long? parentId, string? text, int? p, CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(p ?? 1, 1, 10_000);
        if (ModelState.GetValueOrDefault(nameof(parentId))?.Errors.Count > 0)
        {
            return BadRequest();
        }

        if (!await LoadAsync(id, number, cancellationToken))
        {
            return NotFound();
        }

        if (User.UserId() is not { } person)
        {
            return Challenge();
        }

        ReplyTo = parentId;
        var name = (await directory.PersonAsync(person, cancellationToken))?.Name ?? "";
        return Answer(await work.CommentAsync(Consultation, number, parentId, person, name, text, cancellationToken));
    }

    public async Task<IActionResult> OnPostReportAsync(long id, int number, long commentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, number, cancellationToken))
        {
            return NotFound();
        }

        if (User.UserId() is not { } person)
        {
            return Challenge();
        }

        var comment = await db.Set<ConsultationComment>().FirstOrDefaultAsync(c => c.Id == commentId && c.ConsultationId == id, cancellationToken);
        if (comment is null)
        {
            return NotFound();
        }

        await work.ReportCommentAsync(comment, person, cancellationToken);
        return Redirect($"/consultations/{id}/paragraphs/{number}?reported=true");
    }

    private IActionResult Answer(ConsultationResult result)
    {
        if (result.Succeeded)
        {
            return Redirect($"/consultations/{Consultation.Id}/paragraphs/{Paragraph.Number}" + (PageNumber > 1 ? $"?p={PageNumber}" : ""));
        }

        foreach (var (field, (message, values)) in result.Errors)
        {
            ModelState.AddModelError(field, localizer[message, values]);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(long id, int number, CancellationToken cancellationToken)
    {
        var consultation = await work.FindAsync(id, cancellationToken);
        var paragraph = consultation is null ? null : await db.Set<ConsultationParagraph>().AsNoTracking().FirstOrDefaultAsync(p => p.ConsultationId == id && p.Number == number, cancellationToken);
        if (consultation is null || consultation.State == Consultation.Draft || paragraph is null)
        {
            return false;
        }

        Consultation = consultation;
        Paragraph = paragraph;
        Open = work.IsOpen(consultation);
        Tally = (await work.TalliesAsync(id, cancellationToken)).GetValueOrDefault(number);
        // Twenty threads a page keep it light on a cheap phone; replies come with their thread.
        var threads = await db.Set<ConsultationComment>().AsNoTracking().Where(c => c.ConsultationId == id && c.Paragraph == number && c.ParentId == null)
            .OrderBy(c => c.Id).Skip((PageNumber - 1) * PerPage).Take(PerPage + 1).ToListAsync(cancellationToken);
        HasMoreComments = threads.Count > PerPage;
        var shown = threads.Take(PerPage).Select(c => c.Id).ToList();
        var replies = await db.Set<ConsultationComment>().AsNoTracking().Where(c => c.ParentId != null && shown.Contains(c.ParentId.Value)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        Comments = [.. threads.Take(PerPage), .. replies];
        if (ReplyTo is { } target && !shown.Contains(target))
        {
            ReplyTo = null;
        }
        HasNext = await db.Set<ConsultationParagraph>().AnyAsync(p => p.ConsultationId == id && p.Number == number + 1, cancellationToken);
        if (User.UserId() is { } person)
        {
            Mine = await db.Set<ConsultationReaction>().Where(r => r.ConsultationId == id && r.Paragraph == number && r.PersonId == person).Select(r => (bool?)r.Agrees).FirstOrDefaultAsync(cancellationToken);
        }

        return true;
    }
}
