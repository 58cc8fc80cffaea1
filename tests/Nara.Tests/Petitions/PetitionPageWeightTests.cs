using Microsoft.Extensions.DependencyInjection;
using Nara.Petitions;
using Nara.Tests.Infrastructure;
using Nara.Tests.Web;
using Xunit.Abstractions;

namespace Nara.Tests.Petitions;

/// <summary>Every petition page, filled with data, in every shipped language, stays within the 14 KB budget.</summary>
public sealed class PetitionPageWeightTests(ITestOutputHelper output) : AppTest(new NaraApp().With("Petitions:Supporters", "1").With("Petitions:ResponseThreshold", "3"))
{
    [Fact]
    public async Task PetitionPages_Within14KB_EveryLanguage()
    {
        using var creator = await app.SignInCitizenAsync();
        var id = await creator.CreateAsync("Footbridge over the river at the central market",
            string.Join(' ', Enumerable.Repeat("Build a safe footbridge with lights and railings over the river at the central market.", 10)),
            string.Join("\n\n", Enumerable.Repeat("People cross by canoe, which is dangerous in the rainy season; children drown every year.", 25)));
        await app.SignAndConfirmAsync(await creator.SupportLinkAsync(id), "supporter@test.example");
        await app.TallyAsync();
        var (agencyId, _) = await app.CreateAgencyAsync();
        await app.PublishAsync(id, agencyId);
        foreach (var region in new[] { "capital", "north", "south", "east", "west" })
        {
            await app.SignAndConfirmAsync($"/petitions/{id}", $"{region}@test.example", region);
        }

        await app.TallyAsync();
        using var moderator = await app.SignInAsync(await app.CreateStaffAsync("moderator"));
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agencyId));
        var pages = new (WebSession Session, string Path)[]
        {
            (app.Session(), "/petitions"), (app.Session(), $"/petitions/{id}"), (app.Session(), $"/petitions/{id}/check-email"),
            (creator, "/petitions/new"), (creator, "/petitions/mine"), (moderator, "/moderate/petitions"), (moderator, $"/moderate/petitions/{id}"),
            (moderator, $"/moderate/petitions/{id}/signatures"), (officer, "/office/petitions"), (officer, $"/office/petitions/{id}"),
        };

        await PageWeightTests.AssertEveryLanguageAsync(pages.Select(p => (p.Session.Client, p.Path)), output);
    }
}
