using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.OpenData;
using Nara.Platform.Events;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;
using Nara.Tests.Web;
using Xunit.Abstractions;

namespace Nara.Tests.OpenData;

/// <summary>Every open-data page, filled with wide tables and long text, in every shipped language, stays within 14 KB.</summary>
public sealed class OpenDataPageWeightTests(ITestOutputHelper output) : AppTest
{
    [Fact]
    public async Task OpenDataPages_Within14KB_EveryLanguage()
    {
        var (agency, _) = await app.CreateAgencyAsync("Ministry of Agriculture, Fisheries, Forestry and Rural Development");
        for (var i = 0; i < 25; i++)
        {
            await app.CreateDatasetAsync(agency, $"harvest-{i:D2}", tags: "farming, harvest, rural, crops, prices",
                title: $"Harvest estimates for every district and crop, season {2000 + i}, with prices at the farm gate and in markets");
        }

        var columns = Enumerable.Range(1, 14).Select(c => $"measurement_column_{c}_with_a_long_name");
        var rows = Enumerable.Range(1, 60).Select(r => string.Join(',', Enumerable.Range(1, 14).Select(c => $"\"District {r} value {c * r} — estimated by the field office of the Ministry in the {r}th survey round\"")));
        var csv = Encoding.UTF8.GetBytes(string.Join('\n', [string.Join(',', columns), .. rows]) + "\n");
        var id = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NaraDb>();
            var dataset = await db.Set<Dataset>().Include(d => d.Resources).SingleAsync(d => d.Name == "harvest-00");
            Assert.True((await sp.GetRequiredService<DatasetWork>().AddFileAsync(dataset, "wide.csv", csv, "A very wide table", null, new Actor(null, "officer", agency), default)).Succeeded);
            return dataset.Id;
        });
        var wide = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<Resource>().Where(r => r.Name == "A very wide table").Select(r => r.Id).SingleAsync());
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));
        var pages = new (WebSession Session, string Path)[]
        {
            (app.Session(), "/dataset"), (app.Session(), "/dataset/harvest-00"), (app.Session(), $"/dataset/harvest-00/resource/{wide:D}"),
            (officer, "/publish/datasets"), (officer, "/publish/datasets/new"), (officer, $"/publish/datasets/{id:D}"),
        };

        await PageWeightTests.AssertEveryLanguageAsync(pages.Select(p => (p.Session.Client, p.Path)), output);
    }
}
