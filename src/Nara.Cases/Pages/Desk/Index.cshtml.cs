using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Cases.Payments;
using Nara.Identity.Contracts;
using Nara.Platform.Events;

namespace Nara.Cases.Pages.Desk;

/// <summary>
/// The service-centre desk: an agent finds or registers the person in front of them, records their consent and
/// fills in an application for them; and records fees paid in cash against the case reference.
/// </summary>
[Authorize(Policy = NaraPolicies.Agent)]
internal sealed class IndexModel(BlueprintCatalog catalog, IAgencyDirectory directory, CaseWork work, PaymentWork payments, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Service { get; set; }

    [BindProperty]
    public bool Consent { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? Receipt { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    public string? Recorded { get; private set; }

    public IReadOnlyList<SelectListItem> Services { get; private set; } = [];

    public IActionResult OnGet() => Show();

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        var blueprint = Service is null ? null : catalog.CurrentOf(Service);
        if (blueprint is null || blueprint.IsInternal)
        {
            ModelState.AddModelError(nameof(Service), text["Choose the service the person wants"]);
        }

        if (!Consent)
        {
            ModelState.AddModelError(nameof(Consent), text["Confirm that the person agrees to you applying for them"]);
        }

        var person = string.IsNullOrWhiteSpace(Address) ? null : await directory.FindCitizenAsync(Address, cancellationToken);
        if (person is null && !ContactAddresses.IsValid(Address))
        {
            ModelState.AddModelError(nameof(Address), text["Enter the person's email address, or their phone number starting with + and the country code"]);
        }
        else if (person is null && string.IsNullOrWhiteSpace(Name))
        {
            ModelState.AddModelError(nameof(Name), text["This person has no account yet: enter their full name to register them"]);
        }

        if (!ModelState.IsValid)
        {
            return Show();
        }

        person ??= await directory.RegisterCitizenAsync(Name!.Trim()[..Math.Min(Name.Trim().Length, 200)], Address!, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        var @case = await work.StartAsync(blueprint!, person.UserId, CaseRoles.UserId(User), cancellationToken);
        return Redirect($"/cases/{@case.Reference}/answers/{blueprint!.Form.Pages[0].Id}");
    }

    public async Task<IActionResult> OnPostPaymentAsync(CancellationToken cancellationToken)
    {
        var open = await work.FindAsync(Reference, cancellationToken);
        var due = open is null ? null : payments.Due(open);
        if (open is null)
        {
            ModelState.AddModelError(nameof(Reference), text["No application has this reference. Check it with the person"]);
            return Show();
        }

        if (!decimal.TryParse(Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            ModelState.AddModelError(nameof(Amount), text["Enter the amount received, like 25000"]);
            return Show();
        }

        var actor = new Actor(CaseRoles.UserId(User), StaffRoles.Agent, OnBehalfOf: open.Case.ApplicantId);
        var problem = await payments.RecordAsync(open, CounterPayments.ProviderName, amount, due?.Currency ?? "", Receipt ?? "", actor, null, cancellationToken);
        switch (problem)
        {
            case null:
                Recorded = open.Case.Reference;
                ModelState.Clear();
                (Reference, Receipt, Amount) = (null, null, null);
                return Show();
            case "wrong-amount":
                ModelState.AddModelError(nameof(Amount), text["The fee due is {0} {1}", due?.Amount.ToString("N2", CultureInfo.CurrentCulture) ?? "", due?.Currency ?? ""]);
                return Show();
            case "receipt-required":
                ModelState.AddModelError(nameof(Receipt), text["Enter the number of the receipt you gave"]);
                return Show();
            default:
                ModelState.AddModelError(nameof(Reference), text["This application has nothing to pay"]);
                return Show();
        }
    }

    private PageResult Show()
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Services = [.. catalog.Current.Where(b => !b.IsInternal).Select(b => new SelectListItem(new BlueprintText(b, language).Title, b.Id))];
        return Page();
    }
}
