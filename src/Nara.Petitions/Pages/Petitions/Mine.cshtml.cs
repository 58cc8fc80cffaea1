using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Petitions.Pages.Petitions;

/// <summary>The petitions someone started, with the private link to share while it gathers supporters.</summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class MineModel(NaraDb db, PetitionWork work) : PageModel
{
    public IReadOnlyList<Petition> Petitions { get; private set; } = [];

    public long? Created { get; private set; }

    public string SupportLink(Petition petition) => $"{Nara.Platform.Hosting.PublicAddress.Of(HttpContext)}/petitions/{petition.Id}?support={work.SupportKey(petition.Id)}";

    public async Task OnGetAsync(long? created, CancellationToken cancellationToken)
    {
        var me = User.UserId() ?? Guid.Empty;
        Petitions = await db.Set<Petition>().AsNoTracking().Where(p => p.CreatorId == me).OrderByDescending(p => p.CreatedAt).Take(100).ToListAsync(cancellationToken);
        Created = Petitions.Any(p => p.Id == created) ? created : null;
    }
}
