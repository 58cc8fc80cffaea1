using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nara.Blueprints;
using Nara.Cases.Certificates;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Cases.Pages.Cases;

/// <summary>
/// Serves the applicant's case page from memory while nothing it shows has changed.
/// Each request still asks the database one small question — the case's stamp: its version, its last timeline entry,
/// its last recorded access to personal data and its certificates — and the stamp is part of the cache key, so a change
/// made on any instance shows at once, with no invalidation message to lose. The key also holds the person, their
/// antiforgery cookie (the page's forms carry a token bound to it), the language and the day (certificates expire).
/// </summary>
internal sealed class CasePageCache : IOutputCachePolicy
{
    public const string PolicyName = "case-page";

    // Compiled once: this runs on every read, and building the query each time cost more than running it.
    private static readonly Func<NaraDb, string, CancellationToken, Task<Stamp?>> StampOf = EF.CompileAsyncQuery(
        (NaraDb db, string reference, CancellationToken cancellation) => db.Set<Case>().AsNoTracking().Where(c => c.Reference == reference)
            .Select(c => new Stamp(
                c.ApplicantId,
                c.AssistedBy,
                c.State,
                c.Version,
                db.Set<CaseEntry>().Where(e => e.CaseId == c.Id).Max(e => (long?)e.Id),
                db.Set<CaseAccess>().Where(a => a.CaseId == c.Id).Max(a => (long?)a.Id),
                db.Set<Certificate>().Count(x => x.CaseId == c.Id),
                db.Set<Certificate>().Count(x => x.CaseId == c.Id && x.RevokedAt != null)))
            .FirstOrDefault());

    private sealed record Stamp(Guid ApplicantId, Guid? AssistedBy, string State, Guid Version, long? Entry, long? Access, int Issued, int Revoked);

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var user = CaseRoles.UserId(http.User);
        var antiforgery = http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        if (!HttpMethods.IsGet(http.Request.Method) || user is null || antiforgery is null
            || !http.Request.Cookies.TryGetValue(antiforgery, out var token)
            || ShortCode.Normalize(http.Request.RouteValues["reference"] as string) is not { } reference)
        {
            return;
        }

        var stamp = await StampOf(http.RequestServices.GetRequiredService<NaraDb>(), reference, cancellation);

        // Anyone else (and a draft, which redirects) goes through the page as usual and nothing is kept.
        if (stamp is null || stamp.State == Case.Draft || !(stamp.ApplicantId == user || (stamp.AssistedBy == user && CaseRoles.IsAgent(http.User))))
        {
            return;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(5);
        var rules = context.CacheVaryByRules;
        rules.VaryByValues["stamp"] = string.Create(CultureInfo.InvariantCulture, $"{stamp.Version:N}.{stamp.Entry}.{stamp.Access}.{stamp.Issued}.{stamp.Revoked}");
        rules.VaryByValues["person"] = user.Value.ToString("N");
        rules.VaryByValues["antiforgery"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        rules.VaryByValues["language"] = CultureInfo.CurrentUICulture.Name;
        rules.VaryByValues["day"] = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => PlainPages.KeepOnlyPlainPage(context);
}
