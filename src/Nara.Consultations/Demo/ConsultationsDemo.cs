using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.Consultations.Demo;

/// <summary>
/// The Republic of Demo's consultations: the capital's draft clean-air plan, open, with comments, replies and
/// reactions from the demo's citizens; and the finished market-hours by-law, with its response report and revised text.
/// Everything goes through the handlers people and officers use. Running it again changes nothing.
/// </summary>
public static class ConsultationsDemo
{
    private const string CleanAir = """
        # Why a clean-air plan

        Traffic and open burning make the capital's air unhealthy on one day in three during the dry season. Children and older people suffer most.

        ## What we propose

        1. Ban the open burning of waste in the capital from 1 March 2027, with free collection of garden waste.
        2. Replace the oldest city buses with electric buses by 2030.
        3. Plant 10,000 trees along the main roads.

        Vehicles older than 20 years will not be allowed in the city centre on weekdays from 2028.

        Air quality will be measured at ten stations, and the results published every hour as open data.

        ## How it will be paid for

        The plan costs 12 million Demo dollars over four years, paid from the city budget and a national clean-air grant.
        """;

    private const string MarketHours = """
        # Market opening hours by-law

        Public markets open at 6 am and close at 6 pm every day except Sunday.

        Traders may set up from 5 am.

        Stalls must be cleared and the ground swept by 7 pm.
        """;

    private const string MarketHoursRevised = """
        # Market opening hours by-law

        Public markets open at 6 am and close at 7 pm every day except Sunday, and at 1 pm on Sunday.

        Traders may set up from 5 am.

        Stalls must be cleared and the ground swept by 8 pm; the city collects the waste at 8.30 pm.
        """;

    private static readonly (string Citizen, int Paragraph, string Text, int? ReplyTo)[] Comments =
    [
        ("amina@citizen.example", 4, "Free collection of garden waste must reach the villages at the edge of the city too, or people will keep burning.", null),
        ("omar@citizen.example", 4, "Agreed. Collection once a week would be enough in the dry season.", 0),
        ("lea@citizen.example", 5, "Many taxis are older than 20 years. Drivers need help to replace them, or they lose their living.", null),
        ("amina@citizen.example", 5, "A loan scheme for drivers, like the one for market traders, would work.", 2),
        ("omar@citizen.example", 6, "Please put one of the stations near the schools on Market Street.", null),
        ("lea@citizen.example", 2, "Thank you for starting this. My son's asthma is worst in February.", null),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<NaraDb>();
        if (await db.Set<Consultation>().AnyAsync(cancellationToken))
        {
            return;
        }

        var directory = provider.GetRequiredService<IAgencyDirectory>();
        var agencies = await directory.AgenciesAsync(cancellationToken);
        var city = agencies.FirstOrDefault(a => a.Code == "capital-city") ?? (agencies.Count > 0 ? agencies[0] : null);
        if (city is null)
        {
            return;
        }

        var work = provider.GetRequiredService<ConsultationWork>();
        var officer = new Actor(null, StaffRoles.Officer, city.Id);
        var today = DateOnly.FromDateTime(work.Now.UtcDateTime);

        // The clean-air plan: open for six more weeks, with comments, replies and reactions.
        var plan = (await work.CreateAsync(city.Id, "Draft clean-air plan for the capital, 2027–2030",
            "The city proposes to ban open burning, replace old buses, plant trees and limit old vehicles. Tell us what you think of each part before we decide.",
            CleanAir, today.AddDays(42), cancellationToken)).Id!.Value;
        var consultation = (await work.FindAsync(plan, cancellationToken))!;
        await work.OpenAsync(consultation, officer, cancellationToken);
        var posted = new List<long>();
        foreach (var (login, paragraph, text, replyTo) in Comments)
        {
            var person = await directory.FindCitizenAsync(login, cancellationToken);
            if (person is null)
            {
                return;
            }

            var result = await work.CommentAsync(consultation, paragraph, replyTo is { } index ? posted[index] : null, person.UserId, person.Name, text, cancellationToken);
            posted.Add(result.Id ?? 0);
            await work.ReactAsync(consultation, paragraph, person.UserId, agrees: paragraph != 5, cancellationToken);
        }

        // The market-hours by-law: consulted last year, answered, revised.
        var bylaw = (await work.CreateAsync(city.Id, "Market opening hours by-law",
            "New opening hours for the city's public markets.", MarketHours, today.AddDays(30), cancellationToken)).Id!.Value;
        var finished = (await work.FindAsync(bylaw, cancellationToken))!;
        await work.OpenAsync(finished, officer, cancellationToken);
        var trader = await directory.FindCitizenAsync("omar@citizen.example", cancellationToken);
        if (trader is not null)
        {
            await work.CommentAsync(finished, 2, null, trader.UserId, trader.Name, "Closing at 6 pm loses us the evening customers coming home from work. Please close at 7 pm.", cancellationToken);
            await work.CommentAsync(finished, 4, null, trader.UserId, trader.Name, "Sweeping by 7 pm is too early if we close at 7 pm.", cancellationToken);
        }

        await db.Set<Consultation>().Where(c => c.Id == bylaw).ExecuteUpdateAsync(u => u.SetProperty(c => c.ClosesAt, work.Now.AddDays(-20)).SetProperty(c => c.OpenedAt, work.Now.AddDays(-50)), cancellationToken);
        db.ChangeTracker.Clear();
        finished = (await work.FindAsync(bylaw, cancellationToken))!;
        await work.PublishReportAsync(finished, "Traders asked for longer evening hours and a realistic cleaning time. The by-law now closes markets at 7 pm, opens them on Sunday mornings, and gives an hour to clear stalls; the city collects the waste afterwards.",
            new Dictionary<int, string?>
            {
                [2] = "Changed: markets close at 7 pm, and open on Sunday until 1 pm.",
                [4] = "Changed: stalls are cleared by 8 pm, and the city collects the waste at 8.30 pm.",
            }, MarketHoursRevised, officer, cancellationToken);
    }
}
