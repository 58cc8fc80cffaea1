using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Nara.Web.Pages.Errors;

/// <summary>Where exceptions land; the exception handler already chose the status (400 for malformed requests).</summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel(IStringLocalizer<Strings> text, IProblemDetailsService problems) : ErrorPageModel(text, problems)
{
    public Task<IActionResult> OnGetAsync() => RespondAsync(Status());

    public Task<IActionResult> OnPostAsync() => RespondAsync(Status());

    // Visited directly, with no exception behind it, there is nothing here.
    private int Status() => HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null
        ? StatusCodes.Status404NotFound
        : Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status500InternalServerError;
}
