using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Cases.Pages.Admin;

/// <summary>The jurisdiction's public holidays: no deadline counts them as working days.</summary>
[Authorize(Policy = NaraPolicies.Administrator)]
internal sealed class HolidaysModel(NaraDb db, IMemoryCache cache, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public string? Date { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            ModelState.AddModelError(nameof(Date), text["Enter the date, like 2027-01-01"]);
        }

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            ModelState.AddModelError(nameof(Name), text["Enter the holiday's name (200 characters or fewer)"]);
        }
        else if (ModelState.IsValid && await db.Set<Holiday>().AnyAsync(h => h.Date == date, cancellationToken))
        {
            ModelState.AddModelError(nameof(Date), text["That day is already a holiday"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        db.Set<Holiday>().Add(new Holiday { Date = date, Name = Name!.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        Deadlines.Forget(cache);
        return Redirect("/admin/holidays");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string remove, CancellationToken cancellationToken)
    {
        if (DateOnly.TryParseExact(remove, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            await db.Set<Holiday>().Where(h => h.Date == date).ExecuteDeleteAsync(cancellationToken);
            Deadlines.Forget(cache);
        }

        return Redirect("/admin/holidays");
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Holidays = await db.Set<Holiday>().AsNoTracking().OrderBy(h => h.Date).ToListAsync(cancellationToken);
}
