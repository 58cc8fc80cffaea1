using System.Net.Mime;
using Microsoft.Extensions.Localization;

namespace Nara.Web.Hosting;

/// <summary>What a rate-limited request gets: problem details for programs, a short page in the person's language for people.</summary>
internal static class TooManyRequests
{
    public static async ValueTask WriteAsync(HttpContext context)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        context.Response.Headers.RetryAfter = "600";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = text["Too many requests"], Detail = text["Wait a few minutes, then try again"] },
            });
            return;
        }

        context.Response.ContentType = MediaTypeNames.Text.Html + "; charset=utf-8";
        var lang = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var dir = System.Globalization.CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? "rtl" : "ltr";
        var title = System.Net.WebUtility.HtmlEncode(text["Too many requests"]);
        var detail = System.Net.WebUtility.HtmlEncode(text["Wait a few minutes, then try again"]);
        await context.Response.WriteAsync($"<!doctype html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{detail}</p><p><a href=\"/\">Nara</a></p></main></body></html>");
    }
}
