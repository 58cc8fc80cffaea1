using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Nara.Blueprints;
using Nara.Cases.Payments;
using Nara.Identity.Contracts;

namespace Nara.Cases.Pages.Apply;

/// <summary>Pay the fee: online through the gateway, or in cash at a service centre quoting the reference.</summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class PayModel(CaseWork work, PaymentWork payments) : ApplyPageModel(work)
{
    public FeeQuote Fee { get; private set; } = null!;

    public bool AtCounter { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, draftOnly: false, cancellationToken) ?? Show();

    public async Task<IActionResult> OnPostAsync(string reference, string provider, CancellationToken cancellationToken)
    {
        if (await LoadAsync(reference, draftOnly: false, cancellationToken) is { } result)
        {
            return result;
        }

        var (_, start) = await payments.StartAsync(Open, provider, cancellationToken);
        if (start is null)
        {
            return Show();
        }

        AtCounter = start.AtCounter;
        return start.RedirectTo is { } target ? Redirect(target) : Show();
    }

    private IActionResult Show()
    {
        if (payments.Due(Open) is not { IsDue: true } fee)
        {
            return Redirect($"/cases/{Open.Case.Reference}");
        }

        Fee = fee;
        return Page();
    }
}
