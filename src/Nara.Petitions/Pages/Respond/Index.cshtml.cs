using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Petitions.Pages.Respond;

/// <summary>Petitions past the response threshold that the person's agencies must answer, soonest deadline first.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class IndexModel(NaraDb db) : PageModel
{
    public IReadOnlyList<Petition> Owed { get; private set; } = [];

    public IReadOnlyList<Petition> Answered { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var mine = PetitionRoles.AgenciesOf(User);
        var rows = await db.Set<Petition>().AsNoTracking()
            .Where(p => p.AgencyId != null && mine.Contains(p.AgencyId.Value) && p.ResponseThresholdAt != null)
            .OrderBy(p => p.ResponseDueOn).Take(200).ToListAsync(cancellationToken);
        Owed = [.. rows.Where(p => p.Response is null)];
        Answered = [.. rows.Where(p => p.Response is not null)];
    }
}
