using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Budgeting;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;
using Nara.Tests.Web;
using Xunit.Abstractions;

namespace Nara.Tests.Budgeting;

/// <summary>
/// Every participatory-budgeting page, with 60 long-titled projects on the ballot and in the results, in every shipped
/// language, stays within 14 KB: in the proposals phase, while voting (the whole ballot is one form), and with results.
/// </summary>
public sealed class BudgetPageWeightTests(ITestOutputHelper output) : AppTest(new NaraApp().With("Budgeting:ResultsInterval", "0"))
{
    [Fact]
    public async Task BudgetPages_Within14KB_EveryLanguage()
    {
        var (agency, _) = await app.CreateAgencyAsync("Ministry of Local Government, Decentralisation and Rural Development");
        using var administrator = await app.SignInAsync(await app.CreateStaffAsync("administrator"));
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));
        var id = await administrator.CreateProcessAsync(agency, budget: "1000000");
        var census = "national_id,date_of_birth,district\n" + string.Concat(Enumerable.Range(1, 30).Select(i => $"W-{i},1990-01-01,north\n"));
        await administrator.UploadAsync(await administrator.OpenAsync($"/office/budgets/{id}"), "form[action*='handler=Census']", new Dictionary<string, string>(), "List", "list.csv", Encoding.UTF8.GetBytes(census));
        using var resident = await app.SignInCitizenAsync();
        await resident.VerifyAsync(id, "W-1", "1990-01-01");
        var first = await resident.ProposeAsync(id, "Resurface and light the footpath between the northern market, the bus station and the secondary school", "25000");
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NaraDb>();
            for (var i = 0; i < 59; i++)
            {
                db.Add(new BudgetProject
                {
                    ProcessId = id,
                    Title = $"Project {i}: build and equip a community centre with a library, a clinic room and solar power for the village {i}",
                    Description = string.Concat(Enumerable.Repeat("A long description of what will be built, where, and why the neighbourhood needs it. ", 20)),
                    Cost = 10_000 + (i * 250),
                    ProposedCost = 10_000 + (i * 250),
                    Category = "education",
                    District = "north",
                    State = BudgetProject.Proposed,
                    CreatedAt = DateTimeOffset.UtcNow,
                });
            }

            return await db.SaveChangesAsync();
        });
        var projects = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<BudgetProject>().Where(p => p.ProcessId == id).Select(p => p.Id).ToListAsync());
        var visitor = app.Session();

        await PageWeightTests.AssertEveryLanguageAsync(
        [
            (visitor.Client, "/budgets"), (visitor.Client, $"/budgets/{id}"), (visitor.Client, $"/budgets/{id}?p=2"), (visitor.Client, $"/budgets/{id}/projects/{first}"),
            (resident.Client, $"/budgets/{id}/propose"), (resident.Client, $"/budgets/{id}/verify"),
            (administrator.Client, "/office/budgets"), (administrator.Client, "/office/budgets/new"), (administrator.Client, $"/office/budgets/{id}"), (administrator.Client, "/office/budgets/import"),
            (officer.Client, $"/office/budgets/{id}/projects/{first}"),
        ], output);

        await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<BudgetProject>().Where(p => p.ProcessId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.State, BudgetProject.Feasible).SetProperty(p => p.ReviewReason, "Feasible: the engineers of the ministry checked the site, the design and the cost estimate.")));
        await app.MoveToAsync(id, "voting");
        await resident.CastApprovalAsync(id, projects.Take(30));
        await PageWeightTests.AssertEveryLanguageAsync([(resident.Client, $"/budgets/{id}/ballot"), (resident.Client, $"/budgets/{id}/ballot?cast=true"), (visitor.Client, $"/budgets/{id}")], output);

        await app.MoveToAsync(id, "results");
        await app.PublishResultsAsync();
        await PageWeightTests.AssertEveryLanguageAsync([(visitor.Client, $"/budgets/{id}"), (visitor.Client, $"/budgets/{id}?p=2"), (visitor.Client, $"/budgets/{id}/projects/{first}")], output);
    }
}
