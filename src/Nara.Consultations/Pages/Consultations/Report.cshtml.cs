using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Nara.Platform.Storage;

namespace Nara.Consultations.Pages.Consultations;

/// <summary>The response report: the overall conclusion, each paragraph's response, and the revised text as a diff against the draft.</summary>
internal sealed class ReportModel(ConsultationWork work, NaraDb db, IStringLocalizer<Strings> text, IMemoryCache cache) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;

    public IReadOnlyList<ConsultationParagraph> Paragraphs { get; private set; } = [];

    public IReadOnlyDictionary<int, (int Agree, int Disagree, int Comments)> Tallies { get; private set; } = new Dictionary<int, (int, int, int)>();

    public int CommentCount { get; private set; }

    public string DiffHtml { get; private set; } = "";

    public DraftDiff.Counts Counts { get; private set; } = new(0, 0);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var consultation = await work.FindAsync(id, cancellationToken);
        if (consultation is not { State: Consultation.Reported, Revised: { } revised })
        {
            return NotFound();
        }

        Consultation = consultation;
        Paragraphs = await work.ParagraphsAsync(id, cancellationToken);
        Tallies = await work.TalliesAsync(id, cancellationToken);
        CommentCount = await db.Set<ConsultationComment>().CountAsync(c => c.ConsultationId == id && !c.Hidden, cancellationToken);
        // A report never changes once published: its comparison is worked out once per instance and language.
        (DiffHtml, Counts) = cache.GetOrCreate(("consultation-diff", id, System.Globalization.CultureInfo.CurrentUICulture.Name), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            return DraftDiff.Render(consultation.Text, revised, text["removed:"], text["added:"]);
        });
        return Page();
    }
}
