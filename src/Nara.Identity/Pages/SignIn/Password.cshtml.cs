using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Nara.Identity.SignIn;
using Nara.Platform.People;

namespace Nara.Identity.Pages.SignIn;

[EnableRateLimiting(IdentityModule.SignInRateLimit)]
internal sealed class PasswordModel(SignInManager<NaraUser> signIn, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool PasswordSet { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var contact = ContactAddress.Parse(Email);
        if (contact is null || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Email), text["Enter your email address and your password"]);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(contact.Value, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("TwoFactor", new { returnUrl = ReturnUrl });
        }

        if (result.Succeeded)
        {
            return Url.RedirectLocal(ReturnUrl, "/account");
        }

        ModelState.AddModelError(nameof(Email), result.IsLockedOut
            ? text["Too many failed attempts. For your security, this account is locked for 15 minutes"]
            : text["The email address or password is not right"]);
        return Page();
    }
}
