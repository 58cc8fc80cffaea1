using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Identity.Tokens;

namespace Nara.Identity.Pages.Account;

[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class TokensModel(ApiTokens tokens, IStringLocalizer<Strings> text) : PageModel
{
    private static readonly int[] AllowedDays = [30, 90, 365];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    [BindProperty]
    public int Days { get; set; } = 90;

    [BindProperty]
    public Guid TokenId { get; set; }

    public string? NewToken { get; private set; }

    public List<TokenSummary> Tokens { get; private set; } = [];

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tokens = await tokens.ListAsync(UserId, cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            ModelState.AddModelError(nameof(Name), text["Enter a name of up to 100 characters"]);
        }

        if (Scopes.Count == 0 || Scopes.Any(s => !ApiScopes.All.Contains(s)))
        {
            ModelState.AddModelError(nameof(Scopes), text["Choose what the token may do"]);
        }

        if (!AllowedDays.Contains(Days))
        {
            ModelState.AddModelError(nameof(Days), text["Choose how long the token is valid"]);
        }

        if (ModelState.IsValid)
        {
            NewToken = await tokens.CreateAsync(UserId, Name!, Scopes, Days, cancellationToken);
            Name = null;
        }

        Tokens = await tokens.ListAsync(UserId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(UserId, TokenId, cancellationToken);
        return RedirectToPage();
    }
}
