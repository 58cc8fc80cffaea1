using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Nara.Platform.People;

namespace Nara.Identity.Pages.SignIn;

[EnableRateLimiting(IdentityModule.SignInRateLimit)]
internal sealed class SetPasswordModel(UserManager<NaraUser> users, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public new Guid User { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(User.ToString());
        if (user is null || string.IsNullOrEmpty(Token))
        {
            ModelState.AddModelError(nameof(Password), text["This link has expired or has already been used. Ask an administrator for a new one"]);
            return Page();
        }

        if ((Password ?? "").Length < 10)
        {
            ModelState.AddModelError(nameof(Password), text["The password must be at least 10 characters long"]);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, Token, Password!);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Password), text["This link has expired or has already been used. Ask an administrator for a new one"]);
            return Page();
        }

        return RedirectToPage("Password", new { passwordSet = true });
    }
}
