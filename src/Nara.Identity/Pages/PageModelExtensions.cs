using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Nara.Identity.Admin;

namespace Nara.Identity.Pages;

internal static class PageModelExtensions
{
    public static void AddErrors(this ModelStateDictionary state, FieldErrors errors)
    {
        foreach (var (field, message) in errors)
        {
            state.AddModelError(field, message);
        }
    }

    /// <summary>Only ever redirects within the site, whatever a tampered return address says.</summary>
    public static IActionResult RedirectLocal(this IUrlHelper url, string? returnUrl, string fallback) =>
        new LocalRedirectResult(returnUrl is not null && url.IsLocalUrl(returnUrl) ? returnUrl : fallback);
}
