using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Nara.Identity.SignIn;

namespace Nara.Identity.Pages.SignIn;

[EnableRateLimiting(IdentityModule.SignInRateLimit)]
internal sealed class IndexModel(SignInCodes codes, IStringLocalizer<Strings> text) : PageModel
{
    public const string AddressKey = "SignInAddress";

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await codes.RequestAsync(Address, cancellationToken);
        if (result.Problem == CodeProblem.InvalidAddress)
        {
            ModelState.AddModelError(nameof(Address), text["Enter an email address like name@example.org, or a mobile number starting with +"]);
        }
        else if (result.Problem == CodeProblem.TooManyRequests)
        {
            ModelState.AddModelError(nameof(Address), text["You have asked for too many codes. Wait 15 minutes, then try again"]);
        }

        if (result.CodeId is not { } id)
        {
            return Page();
        }

        // The address rides in the encrypted temp-data cookie, never in a URL.
        TempData[AddressKey] = Address!.Trim();
        return RedirectToPage("Code", new { id, returnUrl = ReturnUrl });
    }
}
