using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Consultations.Pages.ConsultationOffice;

/// <summary>The consultations a member of staff manages (their agency's; all for administrators and moderators), with reported comments waiting.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class IndexModel(NaraDb db) : PageModel
{
    public IReadOnlyList<(Consultation Item, int Reported)> Items { get; private set; } = [];

    public bool MayCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var agencies = ConsultationWork.AgenciesOf(User);
        var everything = User.IsStaffWithSecondFactor() && (User.HasRole(StaffRoles.Administrator, null) || User.HasRole(StaffRoles.Moderator, null));
        MayCreate = agencies.Count > 0 || (User.IsStaffWithSecondFactor() && User.HasRole(StaffRoles.Administrator, null));
        var administrator = User.IsStaffWithSecondFactor() && User.HasRole(StaffRoles.Administrator, null);
        var items = await db.Set<Consultation>().AsNoTracking().Where(c => agencies.Contains(c.AgencyId) || administrator || (everything && c.State != Consultation.Draft)).OrderByDescending(c => c.Id).Take(100).ToListAsync(cancellationToken);
        var ids = items.Select(c => c.Id).ToList();
        var reported = await db.Set<ConsultationComment>().Where(c => ids.Contains(c.ConsultationId) && c.Reports > 0 && !c.Hidden).GroupBy(c => c.ConsultationId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Items = [.. items.Select(c => (c, reported.GetValueOrDefault(c.Id)))];
    }
}
