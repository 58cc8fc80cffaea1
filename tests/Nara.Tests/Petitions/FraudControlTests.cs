using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Petitions;
using Nara.Tests.Infrastructure;
using Nara.Transparency.Log;

namespace Nara.Tests.Petitions;

/// <summary>Moderators see where signatures come from and take a pattern of them off the count, in public.</summary>
public sealed class FraudControlTests() : AppTest(new NaraApp().With("Petitions:Supporters", "1").With("Petitions:BlockedDomains:0", "throwaway.example"))
{
    [Fact]
    public async Task TrendingDomains_BulkInvalidation_CountDrops_Logged()
    {
        var (id, _) = await app.OpenPetitionAsync(1);
        for (var i = 0; i < 3; i++)
        {
            await app.SignAndConfirmAsync($"/petitions/{id}", $"bot{i}@fake-mail.example");
        }

        await app.SignAndConfirmAsync($"/petitions/{id}", "second@honest.example");
        var blocked = await app.SignAsync($"/petitions/{id}", "someone@throwaway.example");
        await app.TallyAsync();
        var before = await Signatures(id);

        using var moderator = await app.SignInAsync(await app.CreateStaffAsync("moderator"));
        var view = await moderator.OpenAsync($"/moderate/petitions/{id}/signatures");
        Assert.True(view.Status == System.Net.HttpStatusCode.OK, string.Join("\n", app.Logs.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal)).Take(3)));
        var noReason = await moderator.SubmitAsync(view, new Dictionary<string, string?> { ["pattern"] = "domain", ["value"] = "fake-mail.example", ["reason"] = "" });
        var done = await moderator.SubmitAsync(view, new Dictionary<string, string?> { ["pattern"] = "domain", ["value"] = "fake-mail.example", ["reason"] = "Automated signatures from one disposable domain" });
        await app.TallyAsync();
        var after = await Signatures(id);
        var log = await app.WithScopeAsync(async sp => (await sp.GetRequiredService<Nara.Platform.Storage.NaraDb>().Set<LogEntry>().Select(e => e.Data).ToListAsync()).Select(e => Encoding.UTF8.GetString(e)).ToList());

        Assert.Equal(["This email address cannot be used to sign. Use another one."], blocked.Errors);
        Assert.Equal(5, before);
        Assert.Contains("fake-mail.example", view.Html, StringComparison.Ordinal);
        Assert.NotEmpty(noReason.Errors);
        Assert.Contains("3 signatures were invalidated", done.Html, StringComparison.Ordinal);
        Assert.Equal(2, after);
        var entry = Assert.Single(log, e => e.Contains("petitions.signatures-invalidated.v1", StringComparison.Ordinal));
        Assert.DoesNotContain("fake-mail.example", entry, StringComparison.Ordinal);
        Assert.Contains("\"pattern\":\"domain ", entry, StringComparison.Ordinal);
        Assert.Contains("\"count\":3", entry, StringComparison.Ordinal);
        Assert.Contains("\"confirmed\":3", entry, StringComparison.Ordinal);
    }

    private Task<int> Signatures(long id) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<Nara.Platform.Storage.NaraDb>().Set<Petition>().Where(p => p.Id == id).Select(p => p.Signatures).SingleAsync());
}
