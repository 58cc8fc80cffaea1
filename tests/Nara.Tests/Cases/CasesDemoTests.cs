using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>The demo seeds a living back office: every blueprint, cases in several states, overdue, assisted, issued.</summary>
public sealed class CasesDemoTests : AppTest
{
    [Fact]
    public async Task DemoSeed_EveryBlueprintWithCasesInSeveralStates_AndRunningItAgainChangesNothing()
    {
        await Nara.Web.Demo.DemoData.SeedAsync(app.Services, default);
        await Nara.Web.Demo.DemoData.SeedAsync(app.Services, default);

        var cases = await app.WithScopeAsync(sp => sp.GetRequiredService<Nara.Platform.Storage.NaraDb>().Set<Nara.Cases.Case>().AsNoTracking().ToListAsync());
        var certificates = await app.WithScopeAsync(sp => sp.GetRequiredService<Nara.Platform.Storage.NaraDb>().Set<Nara.Cases.Certificates.Certificate>().CountAsync());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        Assert.Equal(9, cases.Select(c => c.BlueprintId).Distinct().Count());
        Assert.True(cases.Select(c => c.State).Distinct().Count() >= 8, string.Join(", ", cases.Select(c => c.State)));
        Assert.Contains(cases, c => c.State == "draft");
        Assert.Contains(cases, c => c.State == "awaiting-payment");
        Assert.Contains(cases, c => c.AssistedBy is not null);
        Assert.Contains(cases, c => c.StateDueOn < today && c.ClosedAt is null);
        Assert.True(certificates >= 3);
        // Twelve cases in flight, and 27 decided and rated in the past (residence certificates, birth registrations,
        // problems fixed and information requests answered).
        Assert.Equal(39, cases.Count);
        Assert.Equal(27, cases.Count(c => c.Rating is not null));
    }
}
