using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Nara.Identity.Admin;
using Nara.Identity.Contracts;
using Nara.Identity.Setup;
using Nara.Platform.Events;

namespace Nara.Identity.Pages.Setup;

[EnableRateLimiting(IdentityModule.SignInRateLimit)]
internal sealed class IndexModel(SetupToken setup, StaffAdmin staff, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        setup.Matches(token) && !await staff.AnyAdministratorAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!setup.Matches(token) || await staff.AnyAdministratorAsync(cancellationToken))
        {
            return NotFound();
        }

        if ((Password ?? "").Length < 10)
        {
            ModelState.AddModelError(nameof(Password), text["The password must be at least 10 characters long"]);
            return Page();
        }

        var (id, errors) = await staff.CreateAsync(Name, Email, Password, Actor.System, "", cancellationToken);
        ModelState.AddErrors(errors);
        if (id is not { } userId)
        {
            return Page();
        }

        await staff.GrantAsync(userId, StaffRoles.Administrator, null, new Actor(userId, "setup"), cancellationToken);
        setup.Spend();
        return Redirect("/sign-in/password");
    }
}
