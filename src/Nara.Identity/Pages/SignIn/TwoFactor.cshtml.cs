using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Nara.Platform.People;

namespace Nara.Identity.Pages.SignIn;

[EnableRateLimiting(IdentityModule.SignInRateLimit)]
internal sealed class TwoFactorModel(SignInManager<NaraUser> signIn, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Password") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("Password");
        }

        var code = new string((Code ?? "").Where(char.IsAsciiDigit).ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return Url.RedirectLocal(ReturnUrl, "/staff");
        }

        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? text["Too many failed attempts. For your security, this account is locked for 15 minutes"]
            : text["The code is not right. Check your authenticator app and try again"]);
        return Page();
    }
}
