using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Admin;
using Nara.Identity.Agencies;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.People;
using Nara.Platform.Storage;

namespace Nara.Identity.Demo;

/// <summary>A demo account, printed at start so a newcomer can sign in.</summary>
public sealed record DemoAccount(string Login, string Role, string? Agency, bool Staff);

/// <summary>The Republic of Demo: four agencies, staff in every role, a few citizens. Fictional throughout.</summary>
public static class IdentityDemo
{
    public const string StaffPassword = "demo-password";

    private static readonly (string Code, string Name, AgencyKind Kind, string Description)[] Agencies =
    [
        ("civil-registry", "Civil Registration Office", AgencyKind.Department, "Births, deaths, marriages and residence."),
        ("health", "Ministry of Health", AgencyKind.Ministry, "Public health, clinics and licensing of pharmacies."),
        ("capital-city", "Demo City Council", AgencyKind.Municipality, "Roads, markets, waste and building permits in the capital."),
        ("revenue", "Revenue and Customs Authority", AgencyKind.Other, "Taxes, duties and customs declarations."),
        ("social-welfare", "Social Welfare Department", AgencyKind.Department, "Cash transfers and support for households in need."),
    ];

    private static readonly (string Email, string Name, string Role, string? Agency)[] StaffMembers =
    [
        ("admin@demo.example", "Adjoa Mensah", StaffRoles.Administrator, null),
        ("auditor@demo.example", "Bilal Haddad", StaffRoles.Auditor, null),
        ("moderator@demo.example", "Mei Tanaka", StaffRoles.Moderator, null),
        ("officer.registry@demo.example", "Chen Wei", StaffRoles.Officer, "civil-registry"),
        ("supervisor.registry@demo.example", "Dolores Ruiz", StaffRoles.Supervisor, "civil-registry"),
        ("officer.health@demo.example", "Emeka Obi", StaffRoles.Officer, "health"),
        ("officer.city@demo.example", "Fatou Diop", StaffRoles.Officer, "capital-city"),
        ("supervisor.city@demo.example", "Gustave Martin", StaffRoles.Supervisor, "capital-city"),
        ("agent.city@demo.example", "Hana Kim", StaffRoles.Agent, "capital-city"),
        ("officer.revenue@demo.example", "Ibrahim Musa", StaffRoles.Officer, "revenue"),
        ("supervisor.revenue@demo.example", "Joy Okafor", StaffRoles.Supervisor, "revenue"),
        ("director.revenue@demo.example", "Karim Benali", StaffRoles.Director, "revenue"),
        ("supervisor.health@demo.example", "Lina Haddad", StaffRoles.Supervisor, "health"),
        ("officer.welfare@demo.example", "Moses Banda", StaffRoles.Officer, "social-welfare"),
        ("supervisor.welfare@demo.example", "Nadia Rahman", StaffRoles.Supervisor, "social-welfare"),
    ];

    private static readonly (string Login, string Name, string Culture)[] Citizens =
    [
        ("amina@citizen.example", "Amina Yusuf", "en"),
        ("+23320000001", "Kwame Boateng", "en"),
        ("lea@citizen.example", "Léa Dubois", "fr"),
        ("omar@citizen.example", "Omar Farouk", "ar"),
    ];

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        .. StaffMembers.Select(s => new DemoAccount(s.Email, s.Role, s.Agency, Staff: true)),
        .. Citizens.Select(c => new DemoAccount(c.Login, "citizen", null, Staff: false)),
    ];

    /// <summary>Seeds the demo once; running it again changes nothing.</summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<NaraDb>();
        if (await db.Set<Agency>().AnyAsync(a => a.Code == Agencies[0].Code, cancellationToken))
        {
            return;
        }

        var agencies = sp.GetRequiredService<AgencyAdmin>();
        var ids = new Dictionary<string, Guid>();
        foreach (var (code, name, kind, description) in Agencies)
        {
            var (id, _) = await agencies.CreateAsync(new AgencyInput(code, name, kind, description), Actor.System, cancellationToken);
            ids[code] = id!.Value;
        }

        var staff = sp.GetRequiredService<StaffAdmin>();
        var users = sp.GetRequiredService<UserManager<NaraUser>>();
        foreach (var (email, name, role, agency) in StaffMembers)
        {
            var (id, errors) = await staff.CreateAsync(name, email, StaffPassword, Actor.System, "", cancellationToken);
            if (id is null)
            {
                throw new InvalidOperationException("Demo staff could not be created: " + string.Join(", ", errors.Values));
            }

            await staff.GrantAsync(id.Value, role, agency is null ? null : ids[agency], Actor.System, cancellationToken);
            var user = (await users.FindByIdAsync(id.Value.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        var clock = sp.GetRequiredService<TimeProvider>();
        foreach (var (login, name, culture) in Citizens)
        {
            var phone = login.StartsWith('+');
            var user = new NaraUser
            {
                Id = Guid.CreateVersion7(),
                UserName = login,
                Email = phone ? null : login,
                EmailConfirmed = !phone,
                PhoneNumber = phone ? login : null,
                PhoneNumberConfirmed = phone,
                DisplayName = name,
                PreferredCulture = culture,
                CreatedAt = clock.GetUtcNow(),
            };
            await sp.GetRequiredService<EventPublisher>().PublishAsync(new AccountRegistered(user.Id, "citizen", phone ? "sms" : "email"), Actor.System, "demo", cancellationToken);
            await users.CreateAsync(user);
        }
    }

    /// <summary>The demo staff's current authenticator keys, for the demo mailbox page.</summary>
    public static async Task<IReadOnlyList<(string Email, string Key)>> AuthenticatorKeysAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<NaraUser>>();
        var keys = new List<(string, string)>();
        foreach (var (email, _, _, _) in StaffMembers)
        {
            var user = await users.FindByNameAsync(email);
            var key = user is null ? null : await users.GetAuthenticatorKeyAsync(user);
            if (key is not null)
            {
                keys.Add((email, key));
            }
        }

        return keys;
    }
}
