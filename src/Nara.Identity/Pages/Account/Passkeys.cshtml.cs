using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.People;
using Nara.Platform.Storage;

namespace Nara.Identity.Pages.Account;

internal sealed record PasskeySummary(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>Registers passkeys (WebAuthn) through ASP.NET Core Identity as a phishing-resistant way in.</summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class PasskeysModel(
    UserManager<NaraUser> users,
    SignInManager<NaraUser> signIn,
    NaraDb db,
    EventPublisher events,
    IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public string? CredentialJson { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? CredentialId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Added { get; set; }

    public List<PasskeySummary> Passkeys { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    /// <summary>The creation options the browser's script passes to navigator.credentials.create().</summary>
    public async Task<IActionResult> OnPostOptionsAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id.ToString(),
            Name = user.UserName ?? user.Id.ToString(),
            DisplayName = string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName,
        });
        return Content(options, "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            ModelState.AddModelError(nameof(Name), text["Enter a name of up to 100 characters"]);
        }

        var result = string.IsNullOrEmpty(CredentialJson) ? null : await signIn.PerformPasskeyAttestationAsync(CredentialJson);
        if (result is not { Succeeded: true })
        {
            ModelState.AddModelError(nameof(Name), text["We could not add the passkey. Try again, and follow what your browser asks"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        result!.Passkey!.Name = name;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await events.PublishAsync(new SecondFactorEnabled(user.Id, "passkey"), new Actor(user.Id, "account-holder"), cancellationToken: cancellationToken);
        await users.AddOrUpdatePasskeyAsync(user, result.Passkey);
        await transaction.CommitAsync(cancellationToken);
        return RedirectToPage(new { added = true });
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        try
        {
            await users.RemovePasskeyAsync(user, WebEncoders.Base64UrlDecode(CredentialId ?? ""));
        }
        catch (FormatException)
        {
            // A tampered id removes nothing.
        }

        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return false;
        }

        Passkeys = [.. (await users.GetPasskeysAsync(user)).Select(p => new PasskeySummary(WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "", p.CreatedAt))];
        return true;
    }
}
