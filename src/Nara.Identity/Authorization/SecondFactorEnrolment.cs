using Microsoft.AspNetCore.Http;
using Nara.Identity.Contracts;

namespace Nara.Identity.Authorization;

/// <summary>A second factor is mandatory for staff: until it is set up, every page leads to the set-up page.</summary>
internal sealed class SecondFactorEnrolment(RequestDelegate next)
{
    private static readonly string[] Open = ["/account/two-factor", "/sign-out", "/css", "/js", "/health", "/language", "/favicon"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && user.HasClaim(NaraClaims.Kind, "staff")
            && !user.IsStaffWithSecondFactor()
            && !Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect("/account/two-factor");
            return Task.CompletedTask;
        }

        return next(context);
    }
}
