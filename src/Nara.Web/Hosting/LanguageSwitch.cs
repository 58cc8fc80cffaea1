using Microsoft.AspNetCore.Localization;
using Nara.Platform.Localization;

namespace Nara.Web.Hosting;

internal static class LanguageCookie
{
    public const string Name = "nara.lang";
}

/// <summary>A plain link changes the language — no JavaScript, no form — and the choice is remembered in a cookie.</summary>
internal static class LanguageSwitch
{
    public static void MapLanguageSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/language/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var chosen = NaraCultures.Normalize(culture);
            context.Response.Cookies.Append(
                LanguageCookie.Name,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
            var target = returnUrl is not null && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
                ? returnUrl
                : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
}
