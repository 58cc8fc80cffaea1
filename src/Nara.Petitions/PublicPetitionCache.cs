using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Nara.Platform.Hosting;

namespace Nara.Petitions;

/// <summary>
/// Keeps a public petition page in memory for a few seconds for people who are not signed in (the crowd that
/// refreshes to watch a count), one copy per language. Signed-in people, supporters' private links and forms with
/// errors always get a fresh page.
/// </summary>
internal sealed class PublicPetitionCache : IOutputCachePolicy
{
    public const string PolicyName = "public-petition";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var eligible = HttpMethods.IsGet(http.Request.Method) && http.User.Identity?.IsAuthenticated != true && http.Request.QueryString.Value is null or "";
        context.EnableOutputCaching = eligible;
        context.AllowCacheLookup = eligible;
        context.AllowCacheStorage = eligible;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(5);
        context.CacheVaryByRules.VaryByValues["language"] = CultureInfo.CurrentUICulture.Name;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => PlainPages.KeepOnlyPlainPage(context);
}
