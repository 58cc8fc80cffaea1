using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Cases.Pages.Cases;

internal sealed record CaseLine(string Reference, string Service, string State, bool Draft, DateTimeOffset Updated);

[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class IndexModel(NaraDb db, BlueprintCatalog catalog) : PageModel
{
    public IReadOnlyList<CaseLine> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = CaseRoles.UserId(User);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var rows = await db.Set<Case>().AsNoTracking().Where(c => c.ApplicantId == me).OrderByDescending(c => c.CreatedAt).Take(100).ToListAsync(cancellationToken);
        var lines = new List<CaseLine>();
        foreach (var row in rows)
        {
            var blueprint = await catalog.FindAsync(db, row.BlueprintId, row.BlueprintVersion, cancellationToken);
            var text = blueprint is null ? null : new BlueprintText(blueprint, language);
            lines.Add(new CaseLine(row.Reference, text?.Title ?? row.BlueprintId, text?.State(row.State) ?? row.State, row.State == Case.Draft, row.StateEnteredAt));
        }

        Cases = lines;
    }
}
