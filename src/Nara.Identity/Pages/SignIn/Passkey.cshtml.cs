using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.People;

namespace Nara.Identity.Pages.SignIn;

/// <summary>Signs in with a passkey alone: possession of the device and its screen lock are both factors.</summary>
[EnableRateLimiting(IdentityModule.SignInRateLimit)]
internal sealed class PasskeyModel(SignInManager<NaraUser> signIn, UserManager<NaraUser> users, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public string? CredentialJson { get; set; }

    public async Task<IActionResult> OnPostOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    public async Task<IActionResult> OnPostAsync()
    {
        var result = string.IsNullOrEmpty(CredentialJson) ? null : await signIn.PerformPasskeyAssertionAsync(CredentialJson);
        if (result is not { Succeeded: true } || await users.IsLockedOutAsync(result.User))
        {
            ModelState.AddModelError("", text["We could not sign you in with that passkey. Try again, or use your password"]);
            return Page();
        }

        await users.AddOrUpdatePasskeyAsync(result.User, result.Passkey);
        // "pop" (proof of possession, RFC 8176): the staff policy accepts it as a second factor.
        await signIn.SignInWithClaimsAsync(result.User, isPersistent: false, [new Claim(NaraClaims.AuthenticationMethod, "pop")]);
        return LocalRedirect(result.User.Kind == AccountKind.Staff ? "/staff" : "/account");
    }
}
