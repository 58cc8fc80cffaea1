using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.OpenData.Pages.Publish;

/// <summary>The datasets of the agencies a member of staff publishes for: drafts first, then published ones.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class IndexModel(NaraDb db, IAgencyDirectory directory) : PageModel
{
    public IReadOnlyList<Nara.OpenData.Dataset> Datasets { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Agencies { get; private set; } = new Dictionary<Guid, string>();

    public bool MayPublish { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var mine = PublishRoles.AgenciesOf(User);
        var all = PublishRoles.IsAdministrator(User);
        MayPublish = all || mine.Count > 0;
        Agencies = (await directory.AgenciesAsync(cancellationToken)).ToDictionary(a => a.Id, a => a.Name);
        Datasets = !MayPublish ? [] : await db.Set<Nara.OpenData.Dataset>().AsNoTracking()
            .Where(d => d.Feed == null && d.AgencyId != null && (all || mine.Contains(d.AgencyId.Value)))
            .OrderBy(d => d.State == Nara.OpenData.Dataset.Published).ThenByDescending(d => d.ModifiedAt).Take(200).ToListAsync(cancellationToken);
    }
}
