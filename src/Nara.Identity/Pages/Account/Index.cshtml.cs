using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Localization;
using Nara.Platform.People;

namespace Nara.Identity.Pages.Account;

[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class IndexModel(UserManager<NaraUser> users, SignInManager<NaraUser> signIn, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Culture { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public string Contact { get; private set; } = "";

    public bool IsStaff { get; private set; }

    public bool HasPassword { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Load(user);
        DisplayName = user.DisplayName;
        Culture = user.PreferredCulture;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Load(user);
        var name = DisplayName?.Trim() ?? "";
        if (name.Length > 200)
        {
            ModelState.AddModelError(nameof(DisplayName), text["The name must be 200 characters or fewer"]);
        }

        if (!NaraCultures.Supported.Contains(Culture ?? ""))
        {
            ModelState.AddModelError(nameof(Culture), text["Choose a language from the list"]);
        }

        if (!string.IsNullOrEmpty(NewPassword) && NewPassword.Length < 10)
        {
            ModelState.AddModelError(nameof(NewPassword), text["The password must be at least 10 characters long"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        user.DisplayName = name;
        user.PreferredCulture = Culture!;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(DisplayName), text["Someone else changed this account at the same time. Check the details and save again"]);
            return Page();
        }

        if (!string.IsNullOrEmpty(NewPassword) && !HasPassword)
        {
            await users.AddPasswordAsync(user, NewPassword);
        }

        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { saved = true });
    }

    private void Load(NaraUser user)
    {
        Contact = user.Email ?? user.PhoneNumber ?? "";
        IsStaff = user.Kind == AccountKind.Staff;
        HasPassword = user.PasswordHash is not null;
    }
}
