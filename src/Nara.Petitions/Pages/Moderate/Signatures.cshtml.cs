using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Events;

namespace Nara.Petitions.Pages.Moderate;

/// <summary>A petition's signatures over the last hour by network and email domain, and bulk invalidation.</summary>
[Authorize(Policy = NaraPolicies.Moderator)]
internal sealed class SignaturesModel(PetitionWork work, FraudReview review, IStringLocalizer<Strings> text) : PageModel
{
    public Petition Petition { get; private set; } = null!;

    public IReadOnlyList<Trend> Networks { get; private set; } = [];

    public IReadOnlyList<Trend> Domains { get; private set; } = [];

    public int LastHour { get; private set; }

    public int? Invalidated { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, int? invalidated, CancellationToken cancellationToken)
    {
        Invalidated = invalidated;
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? pattern, string? value, string? from, string? to, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var actor = new Actor(User.UserId(), StaffRoles.Moderator, null);
        var (count, refusal) = await review.InvalidateAsync(id, pattern, value, Time(from), Time(to), reason, actor, cancellationToken);
        if (refusal is null)
        {
            return Redirect($"/moderate/petitions/{id}/signatures?invalidated={count}");
        }

        ModelState.AddModelError(refusal.StartsWith("Give", StringComparison.Ordinal) ? "reason" : "value", text[refusal]);
        return Page();
    }

    private static DateTimeOffset? Time(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var petition = await work.FindAsync(id, cancellationToken);
        if (petition is null)
        {
            return false;
        }

        Petition = petition;
        (Networks, Domains, LastHour) = await review.TrendsAsync(id, TimeSpan.FromHours(1), cancellationToken);
        return true;
    }
}
