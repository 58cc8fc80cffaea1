using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Nara.Identity.SignIn;
using Nara.Platform.People;

namespace Nara.Identity.Pages.SignIn;

[EnableRateLimiting(IdentityModule.SignInRateLimit)]
internal sealed class CodeModel(SignInCodes codes, SignInManager<NaraUser> signIn, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Address { get; private set; }

    public IActionResult OnGet()
    {
        Address = TempData.Peek(IndexModel.AddressKey) as string;
        return Address is null ? RedirectToPage("Index") : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Address = TempData.Peek(IndexModel.AddressKey) as string;
        if (Address is null)
        {
            return RedirectToPage("Index");
        }

        var check = await codes.VerifyAsync(Id, Code, Address, cancellationToken);
        switch (check.Problem)
        {
            case CodeProblem.Expired:
                ModelState.AddModelError(nameof(Code), text["This code has expired or has already been used. Ask for a new code"]);
                return Page();
            case CodeProblem.Wrong:
                ModelState.AddModelError(nameof(Code), text["The code is not right. Check it and try again. Tries left: {0}", check.AttemptsLeft]);
                return Page();
            case CodeProblem.StaffAccount:
                ModelState.AddModelError(nameof(Code), text["This is a staff account. Staff sign in with their password and authenticator app"]);
                return Page();
        }

        TempData.Remove(IndexModel.AddressKey);
        await signIn.SignInAsync(check.User!, isPersistent: false, authenticationMethod: "otp");
        return Url.RedirectLocal(ReturnUrl, "/account");
    }
}
