using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;

namespace Nara.Platform.Hosting;

/// <summary>The rule every output-cache policy of a page shares: only a plain page is kept.</summary>
public static class PlainPages
{
    /// <summary>Call from <see cref="IOutputCachePolicy.ServeResponseAsync"/>: never keep an error, a redirect, or a response that sets a cookie.</summary>
    public static ValueTask KeepOnlyPlainPage(OutputCacheContext context)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
