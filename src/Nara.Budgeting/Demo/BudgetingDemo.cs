using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.Budgeting.Demo;

/// <summary>
/// The Republic of Demo's participatory budgets: the capital's 2027 budget in its voting phase (district budgets,
/// projects across three districts, 45 ballots), and Riverside's 2025 budget, finished, with its Equal Shares result
/// and implementation milestones. Projects are written as the review left them; verification, ballots, results and
/// milestones go through the same handlers as people's requests. Running it again changes nothing.
/// </summary>
public static class BudgetingDemo
{
    /// <summary>National ids a visitor can verify with in the voting process (date of birth 1990-01-01).</summary>
    public const string DemoIds = "DEMO-0001 … DEMO-0100";

    private static readonly (string District, string Title, decimal Cost, string Category, string Description)[] CapitalProjects =
    [
        ("capital", "Shade trees along Market Street", 18_000, "environment", "Plant 60 native shade trees along Market Street, with watering for their first two dry seasons."),
        ("capital", "Lights for the riverside footpath", 24_000, "streets", "Solar street lights every 30 metres on the riverside footpath, so people can walk home safely after dark."),
        ("capital", "Free Wi-Fi at the central library", 9_000, "education", "Fast free Wi-Fi and ten charging points in the central library's reading room."),
        ("capital", "Outdoor gym in Unity Park", 15_000, "sport", "Eight outdoor fitness machines in Unity Park, suitable for older people too."),
        ("north", "Rainwater tanks for Hill Village school", 12_000, "health", "Four rainwater tanks and filters so the school has clean water all year."),
        ("north", "Repair the Northern market roof", 20_000, "streets", "Replace the leaking roof over the covered market so traders can work in the rainy season."),
        ("north", "Mobile library van", 16_000, "culture", "A van that brings books to six villages every week."),
        ("south", "Playground at Coastal Park", 14_000, "sport", "A safe playground with shade for children up to 12."),
        ("south", "Clinic waiting-room benches and fans", 6_000, "health", "Benches and ceiling fans for the Coastal Clinic's waiting room."),
        ("south", "Sea wall footpath", 26_000, "streets", "A raised footpath along the sea wall that stays dry at high tide."),
    ];

    private static readonly (string Title, decimal Cost, string Category, string Description, int Votes)[] RiversideProjects =
    [
        ("Pedestrian crossing outside Riverside school", 8_000, "streets", "A crossing with lights outside the primary school.", 31),
        ("Community garden by the river", 6_500, "environment", "Raised beds, tools and a water point for 40 families.", 22),
        ("Football pitch drainage", 12_000, "sport", "Drain the football pitch so it can be used in the rainy season.", 19),
        ("Youth music room", 9_500, "culture", "Sound-proof a room in the community hall and equip it for young musicians.", 12),
        ("Accessible ramp at the health post", 3_000, "health", "A ramp and hand-rail so wheelchair users can reach the health post.", 14),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<NaraDb>();
        if (await db.Set<BudgetProcess>().AnyAsync(cancellationToken))
        {
            return;
        }

        var agencies = await provider.GetRequiredService<IAgencyDirectory>().AgenciesAsync(cancellationToken);
        var agency = agencies.FirstOrDefault(a => a.Code == "capital-city") ?? (agencies.Count > 0 ? agencies[0] : null);
        if (agency is null)
        {
            return;
        }

        await SeedVotingAsync(services, agency.Id, cancellationToken);
        await SeedFinishedAsync(services, agency.Id, cancellationToken);
    }

    private static async Task SeedVotingAsync(IServiceProvider services, Guid agencyId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<BudgetWork>();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        var now = work.Now;
        var administrator = new Actor(null, StaffRoles.Administrator);
        var created = await work.CreateAsync(new ProcessForm(
            "Capital participatory budget 2027",
            "Residents of the capital, the north and the south decide how to spend 150,000 Demo dollars on their neighbourhoods. Each district has its own budget; you vote on your district's projects. Demo: verify with a national id from DEMO-0001 to DEMO-0100 and the date of birth 1 January 1990.",
            "DMD", null, new Dictionary<string, decimal> { ["capital"] = 60_000, ["north"] = 45_000, ["south"] = 45_000 },
            "mes-add1", BallotRules.Approval, 1, null, null, null, null, 16, agencyId,
            now.AddDays(-60), now.AddDays(-30), now.AddDays(-3), now.AddDays(25), now.AddDays(60)), administrator, cancellationToken);
        var process = (await work.FindAsync(created.Id!.Value, cancellationToken))!;
        foreach (var (district, title, cost, category, description) in CapitalProjects)
        {
            db.Add(Reviewed(process.Id, title, cost, category, district, description, now.AddDays(-50), BudgetProject.Feasible, "Feasible: the agency's engineers checked the site and the cost."));
        }

        db.Add(Reviewed(process.Id, "A cable car over the river", 140_000, "streets", "capital", "A cable car from the market to the hill.", now.AddDays(-45), BudgetProject.NotFeasible,
            "Not feasible: it costs more than the capital's whole budget and needs a national transport permit."));
        await db.SaveChangesAsync(cancellationToken);

        var census = new StringBuilder("national_id,date_of_birth,district\n");
        string[] districts = ["capital", "north", "south"];
        for (var i = 1; i <= 300; i++)
        {
            census.Append(CultureInfo.InvariantCulture, $"DEMO-{i:0000},1990-01-01,{districts[i % 3]}\n");
        }

        await work.LoadCensusAsync(process, new MemoryStream(Encoding.UTF8.GetBytes(census.ToString())), administrator, cancellationToken);

        // 45 residents (ids DEMO-0101 on) verify and vote; a few cast a second ballot, which replaces the first.
        var random = new Random(2027);
        for (var i = 101; i <= 145; i++)
        {
            var person = new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 27]);
            await work.VerifyAsync(process, person, string.Create(CultureInfo.InvariantCulture, $"DEMO-{i:0000}"), new DateOnly(1990, 1, 1), cancellationToken);
            var voter = (await work.VerificationAsync(process.Id, person, cancellationToken))!;
            var (budget, onBallot) = await work.BallotForAsync(process, voter.District, cancellationToken);
            var cart = new Dictionary<long, int>();
            foreach (var project in onBallot.OrderBy(_ => random.Next()))
            {
                if (cart.Keys.Sum(id => onBallot.First(p => p.Id == id).Cost) + project.Cost <= budget && random.Next(3) > 0)
                {
                    cart[project.Id] = 1;
                }
            }

            if (cart.Count == 0)
            {
                cart[onBallot[0].Id] = 1;
            }

            await work.CastAsync(process, person, cart, cancellationToken);
            if (i % 10 == 0)
            {
                await work.CastAsync(process, person, new Dictionary<long, int> { [onBallot[^1].Id] = 1 }, cancellationToken);
            }
        }

    }

    private static async Task SeedFinishedAsync(IServiceProvider services, Guid agencyId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<BudgetWork>();
        var db = scope.ServiceProvider.GetRequiredService<NaraDb>();
        var now = work.Now;
        var administrator = new Actor(null, StaffRoles.Administrator);
        var created = await work.CreateAsync(new ProcessForm(
            "Riverside participatory budget 2025",
            "Riverside's residents shared 25,000 Demo dollars among five projects. The Method of Equal Shares gave each voter an equal share of the budget; see below what was funded, why, and what has been built since.",
            "DMD", 25_000, new Dictionary<string, decimal>(), "mes", BallotRules.Approval, 1, null, null, null, null, 16, agencyId,
            now.AddDays(-420), now.AddDays(-380), now.AddDays(-350), now.AddDays(-330), now.AddDays(-320)), administrator, cancellationToken);
        var process = (await work.FindAsync(created.Id!.Value, cancellationToken))!;
        var rows = RiversideProjects.Select(p => Reviewed(process.Id, p.Title, p.Cost, p.Category, null, p.Description, now.AddDays(-400), BudgetProject.Feasible,
            "Feasible: checked by the city's engineers.")).ToList();
        db.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);

        // Its 40 ballots, as the voting phase recorded them (salted commitments; nobody's identity).
        var random = new Random(2025);
        for (var voter = 0; voter < 40; voter++)
        {
            var choices = rows.Select((p, i) => (p.Id, Votes: RiversideProjects[i].Votes)).Where(p => random.Next(40) < p.Votes).ToDictionary(p => p.Id, _ => 1);
            if (choices.Count == 0)
            {
                choices[rows[voter % rows.Count].Id] = 1;
            }

            var stored = BallotRules.Format(choices);
            var nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            db.Add(new BudgetBallot
            {
                ProcessId = process.Id,
                VoterHash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                Choices = stored,
                Commitment = BudgetWork.Commitment(nonce, process.Id, stored),
                Nonce = nonce,
                CastAt = now.AddDays(-340),
                Casts = 1,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<BudgetResults>().PublishAsync(process.Id, cancellationToken);

        var funded = await db.Set<BudgetProject>().Where(p => p.ProcessId == process.Id && p.Funded == true).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var officer = new Actor(null, StaffRoles.Officer, agencyId);
        for (var i = 0; i < funded.Count; i++)
        {
            var project = funded[i];
            var start = DateOnly.FromDateTime(now.AddDays(-300 + (i * 20)).UtcDateTime);
            await work.RecordMilestoneAsync(process, project, start, "Contract signed with a local builder", 10, "in-progress", null, officer, cancellationToken);
            await work.RecordMilestoneAsync(process, project, start.AddDays(60), "Work under way", 50, "in-progress", null, officer, cancellationToken);
            if (i % 2 == 0)
            {
                await work.RecordMilestoneAsync(process, project, start.AddDays(150), "Finished and opened to the public", 100, "completed", null, officer, cancellationToken);
            }
        }
    }

    private static BudgetProject Reviewed(long processId, string title, decimal cost, string category, string? district, string description, DateTimeOffset at, string state, string reason) => new()
    {
        ProcessId = processId,
        Title = title,
        Description = description,
        Cost = cost,
        ProposedCost = cost,
        Category = category,
        District = district,
        State = state,
        ReviewReason = reason,
        CreatedAt = at,
    };
}
