using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Nara.Web.Pages.Errors;

/// <summary>Where exceptions land; the exception handler already chose the status (400 for malformed requests).</summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel(IStringLocalizer<Strings> text, IProblemDetailsService problems) : ErrorPageModel(text, problems)
{
    public Task<IActionResult> OnGetAsync() => RespondAsync(Response.StatusCode >= 400 ? Response.StatusCode : 500);

    public Task<IActionResult> OnPostAsync() => RespondAsync(Response.StatusCode >= 400 ? Response.StatusCode : 500);
}
