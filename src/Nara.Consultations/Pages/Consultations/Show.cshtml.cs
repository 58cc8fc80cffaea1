using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Identity.Contracts;

namespace Nara.Consultations.Pages.Consultations;

/// <summary>The draft, paragraph by paragraph, with what people have said about each.</summary>
internal sealed class ShowModel(ConsultationWork work, IAgencyDirectory directory) : PageModel
{
    public Consultation Consultation { get; private set; } = null!;

    public IReadOnlyList<ConsultationParagraph> Paragraphs { get; private set; } = [];

    public IReadOnlyDictionary<int, (int Agree, int Disagree, int Comments)> Tallies { get; private set; } = new Dictionary<int, (int, int, int)>();

    public const int PerPage = 25;

    public bool Open { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public bool HasMore => Paragraphs.Count > PageNumber * PerPage;

    public string AgencyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, int? p, CancellationToken cancellationToken)
    {
        var consultation = await work.FindAsync(id, cancellationToken);
        if (consultation is null || consultation.State == Consultation.Draft)
        {
            return NotFound();
        }

        Consultation = consultation;
        Open = work.IsOpen(consultation);
        Paragraphs = await work.ParagraphsAsync(id, cancellationToken);
        Tallies = await work.TalliesAsync(id, cancellationToken);
        PageNumber = Math.Clamp(p ?? 1, 1, Math.Max(1, (Paragraphs.Count + PerPage - 1) / PerPage));
        AgencyName = (await directory.AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Id == consultation.AgencyId)?.Name ?? "";
        return Page();
    }
}
