using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Petitions.Demo;

/// <summary>
/// Petitions in every state for the Republic of Demo — gathering supporters, awaiting moderation, open (one past the
/// response threshold, answered), rejected and closed — with signatures from every region. Everything goes through
/// the same handlers as people's requests (signing, confirming, the tally, moderation); running it again changes nothing.
/// </summary>
public static class PetitionsDemo
{
    private static readonly (string Title, string Action, string Background, string Creator, int Supporters, string Fate, int Signatures)[] Petitions =
    [
        ("Clean drinking water for every village", "Connect every village of more than 200 people to safe drinking water within three years.",
            "Many families still walk over an hour to fetch water. *Clean water* prevents disease and keeps girls in school.", "amina@citizen.example", 5, "answered", 62),
        ("Longer opening hours for public libraries", "Open public libraries until 8 pm on weekdays and on Saturdays.",
            "Students and working people cannot use libraries that close at 4 pm.", "lea@citizen.example", 5, "open", 21),
        ("Free period products in state schools", "Provide free period products in every state secondary school.",
            "Girls miss school days when they cannot afford them.", "omar@citizen.example", 5, "open", 9),
        ("Name the new river bridge after the nurses of the 2024 floods", "Name the new bridge in the capital after the nurses who served during the 2024 floods.",
            "They kept the hospital open for twelve days without rest.", "amina@citizen.example", 5, "closed", 30),
        ("Ban every car from the roads tomorrow", "Ban all cars.", "Cars are bad.", "lea@citizen.example", 5, "rejected", 0),
        ("More buses on the northern route", "Run a bus every 15 minutes on the northern route at rush hour.",
            "The buses are full and people wait an hour.", "omar@citizen.example", 5, "moderation", 0),
        ("A safe crossing outside Riverside school", "Build a pedestrian crossing with lights outside Riverside primary school.",
            "Children cross a busy road twice a day.", "amina@citizen.example", 2, "support", 0),
    ];

    // Regions unevenly, as real petitions are: the first most.
    private static readonly int[] Spread = [0, 0, 0, 0, 1, 1, 2, 3, 3, 4];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<NaraDb>();
        if (await db.Set<Petition>().AnyAsync(cancellationToken))
        {
            return;
        }

        var directory = provider.GetRequiredService<IAgencyDirectory>();
        var agencies = await directory.AgenciesAsync(cancellationToken);
        var moderator = new Actor(null, StaffRoles.Moderator, null);
        var regions = provider.GetRequiredService<Jurisdiction>().Regions.Keys.ToList();
        var signer = 0;
        foreach (var (title, action, background, creatorLogin, supporters, fate, signatures) in Petitions)
        {
            var creator = await directory.FindCitizenAsync(creatorLogin, cancellationToken);
            if (creator is null || agencies.Count == 0)
            {
                return;
            }

            await using var step = services.CreateAsyncScope();
            var work = step.ServiceProvider.GetRequiredService<PetitionWork>();
            var created = await work.CreateAsync(creator.UserId, creator.Name, title, action, background, cancellationToken);
            var id = created.Id!.Value;
            await SignAsync(services, id, supporters, throughSupportLink: true, regions, () => signer++, cancellationToken);
            await TallyAsync(services, cancellationToken);
            if (fate is "support" or "moderation")
            {
                continue;
            }

            await using var moderation = services.CreateAsyncScope();
            var moderating = moderation.ServiceProvider.GetRequiredService<PetitionWork>();
            var petition = (await moderating.FindAsync(id, cancellationToken))!;
            if (fate == "rejected")
            {
                await moderating.RejectAsync(petition, "unclear", "The petition does not say what the government should do, or how.", moderator, cancellationToken);
                continue;
            }

            var agency = agencies.FirstOrDefault(a => a.Code == (fate == "answered" ? "health" : "capital-city")) ?? agencies[0];
            await moderating.PublishAsync(petition, agency.Id, moderator, cancellationToken);
            await SignAsync(services, id, signatures, throughSupportLink: false, regions, () => signer++, cancellationToken);
            await TallyAsync(services, cancellationToken);
            if (fate == "answered")
            {
                await using var answer = services.CreateAsyncScope();
                var answering = answer.ServiceProvider.GetRequiredService<PetitionWork>();
                var answered = (await answering.FindAsync(id, cancellationToken))!;
                var recipients = await answer.ServiceProvider.GetRequiredService<SignatureIntake>().NotifyListAsync(id, cancellationToken);
                await answering.RespondAsync(answered, "The Ministry of Health will publish a plan by March to connect the 140 villages still without safe water, starting with those furthest from a source. Work in the first 40 villages is funded in this year's budget.",
                    new Actor(null, StaffRoles.Supervisor, agency.Id), recipients, cancellationToken);
            }
            else if (fate == "closed")
            {
                // Its six months are over: the tally closes it, as it would any petition past its date.
                await db.Set<Petition>().Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.ClosesAt, provider.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(-1)), cancellationToken);
                await TallyAsync(services, cancellationToken);
            }
        }
    }

    private static async Task SignAsync(IServiceProvider services, long id, int count, bool throughSupportLink, List<string> regions, Func<int> next, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var intake = scope.ServiceProvider.GetRequiredService<SignatureIntake>();
            var petition = (await scope.ServiceProvider.GetRequiredService<PetitionWork>().FindAsync(id, cancellationToken))!;
            var n = next();
            var region = regions[Spread[n % Spread.Length] % regions.Count];
            var outcome = await intake.SignAsync(petition, new SignRequest($"Demo signer {n}", $"signer{n}@demo.example", region, Declaration: true, Notify: n % 3 == 0),
                "web", null, "http://localhost:5000", throughSupportLink, cancellationToken);
            if (outcome.ConfirmKey is { } key)
            {
                await intake.ConfirmAsync(key, cancellationToken);
            }
        }
    }

    private static async Task TallyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TallyWork>().RunAsync(cancellationToken);
    }
}
