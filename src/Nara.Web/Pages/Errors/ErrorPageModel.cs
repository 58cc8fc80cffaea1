using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Nara.Web.Pages.Errors;

/// <summary>
/// Every error shown to people, in their language; programs calling /api get RFC 9457 problem details.
/// Shared by the status page (4xx/5xx without a body) and the exception page.
/// </summary>
internal abstract class ErrorPageModel(IStringLocalizer<Strings> text, IProblemDetailsService problems) : PageModel
{
    public string Title { get; private set; } = "";

    public string Detail { get; private set; } = "";

    protected async Task<IActionResult> RespondAsync(int code)
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? Request.Path.Value ?? "";
        code = code is >= 400 and < 600 ? code : 404;
        (Title, Detail) = code switch
        {
            404 or 405 => (text["Page not found"], text["If you typed the web address, check it is correct. If you pasted it, check you copied all of it."]),
            403 => (text["You do not have access to this page"], text["If you think you should, ask your administrator."]),
            429 => (text["Too many requests"], text["Wait a few minutes, then try again"]),
            < 500 => (text["Something in the request was not right"], text["Go back and check what you entered."]),
            _ => (text["Sorry, there is a problem with the service"], text["Try again later. What you entered has not been lost if you were told it was saved."]),
        };
        Response.StatusCode = code;
        if (original.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = HttpContext, ProblemDetails = { Status = code, Title = Title, Detail = Detail } });
            return new EmptyResult();
        }

        return Page();
    }
}
