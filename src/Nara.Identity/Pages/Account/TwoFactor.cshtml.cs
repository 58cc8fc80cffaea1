using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.People;
using Nara.Platform.Storage;
using QRCoder;

namespace Nara.Identity.Pages.Account;

[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class TwoFactorModel(
    UserManager<NaraUser> users,
    SignInManager<NaraUser> signIn,
    NaraDb db,
    EventPublisher events,
    IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = new string((Code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), text["The code is not right. Check your authenticator app and try again"]);
            await LoadAsync(user);
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await events.PublishAsync(new SecondFactorEnabled(user.Id, "totp"), new Actor(user.Id, "account-holder"), cancellationToken: cancellationToken);
        await users.SetTwoFactorEnabledAsync(user, true);
        await transaction.CommitAsync(cancellationToken);

        // The person has just proved the second factor: the new session carries it.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(NaraClaims.AuthenticationMethod, "mfa")]);
        return RedirectToPage();
    }

    private async Task LoadAsync(NaraUser user)
    {
        Enabled = user.TwoFactorEnabled && User.FindAll(NaraClaims.AuthenticationMethod).Any();
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/Nara:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "")}?secret={key}&issuer=Nara&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(Encoding.UTF8.GetBytes(uri), QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4, "#000", "#fff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute)
            .Replace("<svg ", $"<svg role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(text["QR code for your authenticator app"])}\" ", StringComparison.Ordinal);
    }
}
