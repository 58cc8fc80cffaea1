using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Cases.Payments;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.Cases.Demo;

/// <summary>
/// Cases for every shipped blueprint in the Republic of Demo: drafts, cases waiting for payment, in review, overdue,
/// assisted at a service centre, and finished with a certificate, so a newcomer sees a living back office.
/// Goes through the same CaseWork handler as people do; running it again changes nothing.
/// </summary>
public static class CasesDemo
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% Nara demo document\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var installer in services.GetServices<IHostedService>().OfType<BlueprintInstaller>())
        {
            await installer.StartingAsync(cancellationToken);
        }

        await using var scope = services.CreateAsyncScope();
        var seeder = new Seeder(scope.ServiceProvider);
        if (await scope.ServiceProvider.GetRequiredService<NaraDb>().Set<Case>().AnyAsync(cancellationToken) || !await seeder.ReadyAsync(cancellationToken))
        {
            return;
        }

        await seeder.SeedAsync(cancellationToken);
    }

    private sealed class Seeder(IServiceProvider sp)
    {
        private readonly CaseWork work = sp.GetRequiredService<CaseWork>();
        private readonly PaymentWork payments = sp.GetRequiredService<PaymentWork>();
        private readonly CaseAnswers store = sp.GetRequiredService<CaseAnswers>();
        private readonly FileStore files = sp.GetRequiredService<FileStore>();
        private readonly NaraDb db = sp.GetRequiredService<NaraDb>();
        private readonly BlueprintCatalog catalog = sp.GetRequiredService<BlueprintCatalog>();
        private readonly IAgencyDirectory directory = sp.GetRequiredService<IAgencyDirectory>();
        private readonly Dictionary<string, PersonInfo> citizens = [];
        private IReadOnlyList<AgencyInfo> agencies = [];

        public async Task<bool> ReadyAsync(CancellationToken cancellationToken)
        {
            agencies = await directory.AgenciesAsync(cancellationToken);
            foreach (var login in new[] { "amina@citizen.example", "+23320000001", "lea@citizen.example", "omar@citizen.example" })
            {
                if (await directory.FindCitizenAsync(login, cancellationToken) is { } person)
                {
                    citizens[login.Split('@')[0].TrimStart('+')] = person;
                }
            }

            return citizens.Count == 4 && catalog.Current.Count >= 7 && agencies.Any(a => a.Code == "social-welfare");
        }

        public async Task SeedAsync(CancellationToken cancellationToken)
        {
            var amina = citizens["amina"];
            var kwame = citizens["23320000001"];
            var lea = citizens["lea"];
            var omar = citizens["omar"];

            var birth = await ApplyAsync("birth-registration", amina, new() { ["child_name"] = "Zainab Yusuf", ["mother_name"] = "Amina Yusuf" }, cancellationToken);
            await ActAsync(birth, "civil-registry", StaffRoles.Officer, cancellationToken, "start-review", "register");
            var late = await ApplyAsync("birth-registration", lea, new() { ["child_name"] = "Hugo Dubois", ["mother_name"] = "Léa Dubois" }, cancellationToken);
            await ActAsync(late, "civil-registry", StaffRoles.Officer, cancellationToken, "start-review");
            await OverdueAsync(late, 3, cancellationToken);

            var shop = await ApplyAsync("business-licence", kwame, new() { ["business_name"] = "Boateng Phone Repairs", ["business_activity"] = "workshop" }, cancellationToken, assistedBy: ("capital-city", StaffRoles.Agent));
            await ActAsync(shop, "capital-city", StaffRoles.Officer, cancellationToken, "start-document-check", "schedule-inspection");

            var house = await ApplyAsync("building-permit", omar, new() { ["plot_number"] = "DC-1187", ["floors"] = 2 }, cancellationToken);
            await ActAsync(house, "capital-city", StaffRoles.Officer, cancellationToken, "send-to-health-review");

            var support = await ApplyAsync("social-assistance", amina, new() { ["household_size"] = 4, ["monthly_household_income"] = 30000m }, cancellationToken);
            await OverdueAsync(support, 2, cancellationToken);
            var enrolled = await ApplyAsync("social-assistance", kwame, new() { ["household_size"] = 3 }, cancellationToken);
            await ActAsync(enrolled, "social-welfare", StaffRoles.Officer, cancellationToken, "start-assessment");

            await ApplyAsync("customs-import", amina, new() { ["importer_name"] = "Yusuf Trading" }, cancellationToken, pay: false);
            var released = await ApplyAsync("customs-import", lea, new() { ["importer_name"] = "Dubois Import-Export" }, cancellationToken);
            await ActAsync(released, "revenue", StaffRoles.Officer, cancellationToken, "start-assessment", "send-for-decision");
            await ActAsync(released, "revenue", StaffRoles.Supervisor, cancellationToken, "release");

            await ApplyAsync("residence-certificate", omar, new() { ["full_name"] = "Omar Farouk", ["years_at_address"] = 6 }, cancellationToken);
            await ApplyAsync("residence-certificate", lea, new() { ["full_name"] = "Léa Dubois", ["years_at_address"] = 0 }, cancellationToken);
            await work.StartAsync(catalog.CurrentOf("residence-certificate")!, amina.UserId, null, cancellationToken);

            var author = (await directory.StaffAsync(Agency("revenue"), cancellationToken)).First(s => s.Role == StaffRoles.Officer);
            var memo = await ApplyAsync("official-memo", new PersonInfo(author.UserId, author.Name, null, null, "en"), new() { ["subject"] = "Extended opening hours at the port office" }, cancellationToken);
            await ActAsync(memo, "revenue", StaffRoles.Supervisor, cancellationToken, "send-to-director");
            await HistoryAsync([amina, kwame, lea, omar], cancellationToken);
        }

        /// <summary>
        /// Past applications, decided and rated, so that the performance page and the open data have figures: residence
        /// certificates (issued at once) and birth registrations (registered by an officer), moved back in time.
        /// </summary>
        private async Task HistoryAsync(PersonInfo[] people, CancellationToken cancellationToken)
        {
            int[] ratings = [5, 4, 4, 3, 5, 2, 4, 5];
            for (var i = 0; i < 8; i++)
            {
                var person = people[i % people.Length];
                var certificate = await ApplyAsync("residence-certificate", person, new() { ["years_at_address"] = 4 + i }, cancellationToken);
                await BackdateAsync(certificate, submittedDaysAgo: 40 - (3 * i), decidedAfterDays: 0, cancellationToken);
                await RateAsync(certificate, person, ratings[i], cancellationToken);
                var birth = await ApplyAsync("birth-registration", person, new() { ["child_name"] = $"Child {i + 1}" }, cancellationToken);
                await ActAsync(birth, "civil-registry", StaffRoles.Officer, cancellationToken, "start-review", "register");
                await BackdateAsync(birth, submittedDaysAgo: 45 - (4 * i), decidedAfterDays: 3 + (i * 2), cancellationToken);
                await RateAsync(birth, person, ratings[(i + 3) % ratings.Length], cancellationToken);
            }

            string[] problems = ["road", "street-light", "waste", "drain", "road", "water"];
            for (var i = 0; i < problems.Length; i++)
            {
                var person = people[i % people.Length];
                var report = await ApplyAsync("grievance", person, new() { ["category"] = problems[i], ["region"] = i % 2 == 0 ? "capital" : "north", ["location"] = "Market Street, opposite the clinic" }, cancellationToken);
                await ActAsync(report, "capital-city", StaffRoles.Officer, cancellationToken, "accept", "mark-fixed");
                await BackdateAsync(report, submittedDaysAgo: 30 - (3 * i), decidedAfterDays: 2 + i, cancellationToken);
                await RateAsync(report, person, ratings[i], cancellationToken);
            }

            for (var i = 0; i < 5; i++)
            {
                var person = people[i % people.Length];
                var request = await ApplyAsync("information-request", person, new() { ["request"] = "The 2025 budget of each regional hospital, by line." }, cancellationToken);
                await ActAsync(request, "health", StaffRoles.Officer, cancellationToken, "accept", "answer");
                await BackdateAsync(request, submittedDaysAgo: 50 - (5 * i), decidedAfterDays: 10 + (3 * i), cancellationToken);
                await RateAsync(request, person, ratings[(i + 5) % ratings.Length], cancellationToken);
            }
        }

        private async Task BackdateAsync(string reference, int submittedDaysAgo, int decidedAfterDays, CancellationToken cancellationToken)
        {
            var submitted = DateTimeOffset.UtcNow.AddDays(-submittedDaysAgo);
            var due = DateOnly.FromDateTime(submitted.UtcDateTime).AddDays(14);
            await db.Set<Case>().Where(c => c.Reference == reference).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.SubmittedAt, submitted).SetProperty(c => c.ClosedAt, submitted.AddDays(decidedAfterDays)).SetProperty(c => c.DueOn, due), cancellationToken);
        }

        private async Task RateAsync(string reference, PersonInfo person, int rating, CancellationToken cancellationToken)
        {
            db.ChangeTracker.Clear();
            var open = (await work.FindAsync(reference, cancellationToken))!;
            var change = await work.RateAsync(open, new Actor(person.UserId, WorkflowRoles.Applicant), rating, null, cancellationToken);
            if (!change.Succeeded)
            {
                throw new InvalidOperationException($"Demo rating of {reference} refused: {change.Refusal}");
            }
        }

        private async Task<string> ApplyAsync(string blueprintId, PersonInfo person, Dictionary<string, JsonNode?> overrides, CancellationToken cancellationToken, bool pay = true, (string Agency, string Role)? assistedBy = null)
        {
            var blueprint = catalog.CurrentOf(blueprintId)!;
            var agent = assistedBy is { } a ? (await directory.StaffAsync(Agency(a.Agency), cancellationToken)).First(s => s.Role == a.Role).UserId : (Guid?)null;
            var @case = await work.StartAsync(blueprint, person.UserId, agent, cancellationToken);
            var answers = DemoAnswers.For(blueprint, person);
            foreach (var (key, value) in overrides)
            {
                answers[key] = value;
            }

            store.Write(@case, blueprint, answers);
            foreach (var document in blueprint.Documents)
            {
                db.Set<CaseDocument>().Add(new CaseDocument
                {
                    Id = Guid.NewGuid(),
                    CaseId = @case.Id,
                    DocumentId = document.Id,
                    Sha256 = await files.SaveAsync(Pdf, cancellationToken),
                    Size = Pdf.Length,
                    MediaType = "application/pdf",
                    ProtectedFileName = sp.GetRequiredService<Applying.Uploads>().ProtectName($"{document.Id}.pdf"),
                    UploadedBy = agent ?? person.UserId,
                    UploadedAt = @case.CreatedAt,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            var open = (await work.FindAsync(@case.Reference, cancellationToken))!;
            var actor = agent is { } by ? new Actor(by, StaffRoles.Agent, OnBehalfOf: person.UserId) : new Actor(person.UserId, WorkflowRoles.Applicant);
            var change = await work.SubmitAsync(open, actor, cancellationToken);
            if (!change.Succeeded)
            {
                throw new InvalidOperationException($"Demo {blueprintId} could not be submitted: {change.Refusal} {string.Join(", ", change.Errors.Select(e => e.Path + ":" + e.Code))}");
            }

            if (pay && open.Case.State == Case.AwaitingPayment && payments.Due(open) is { } fee)
            {
                var provider = agent is null ? GatewaySimulator.ProviderName : CounterPayments.ProviderName;
                await payments.RecordAsync(open, provider, fee.Amount, fee.Currency, "DEMO-" + @case.Reference, actor, null, cancellationToken);
            }

            return @case.Reference;
        }

        private async Task ActAsync(string reference, string agency, string role, CancellationToken cancellationToken, params string[] actions)
        {
            var person = (await directory.StaffAsync(Agency(agency), cancellationToken)).First(s => s.Role == role);
            foreach (var action in actions)
            {
                var open = (await work.FindAsync(reference, cancellationToken))!;
                var spec = open.Blueprint.Workflow.Actions.First(a => a.Id == action);
                var comment = spec.Comment == "required" ? "Checked against the register; all in order." : null;
                var change = await work.ActAsync(open, action, new HashSet<string> { role }, new Actor(person.UserId, role, open.Case.AgencyId), comment, null, open.Case.Version, cancellationToken);
                if (!change.Succeeded)
                {
                    throw new InvalidOperationException($"Demo action {action} on {reference} refused: {change.Refusal}");
                }

                if (role == StaffRoles.Officer && open.Case.ClosedAt is null && open.Case.AssignedTo is null && open.Case.AgencyId == Agency(agency))
                {
                    await work.AssignAsync(open, person.UserId, new Actor(person.UserId, role, open.Case.AgencyId), cancellationToken);
                }
            }
        }

        private async Task OverdueAsync(string reference, int days, CancellationToken cancellationToken)
        {
            var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-days);
            await db.Set<Case>().Where(c => c.Reference == reference).ExecuteUpdateAsync(u => u.SetProperty(c => c.StateDueOn, due), cancellationToken);
        }

        private Guid Agency(string code) => agencies.First(a => a.Code == code).Id;
    }
}

/// <summary>Plausible answers to every question of a blueprint, for the demo.</summary>
internal static class DemoAnswers
{
    public static JsonObject For(Blueprint blueprint, PersonInfo person)
    {
        var answers = new JsonObject();
        foreach (var field in blueprint.Form.Pages.SelectMany(p => p.Fields).Where(f => f.Type != FieldTypes.File))
        {
            answers[field.Id] = field.Type == FieldTypes.Group
                ? new JsonArray([.. Enumerable.Range(0, Math.Max(field.MinItems ?? 1, 2)).Select(i => (JsonNode)Item(field, i, person))])
                : Value(field, person, 0);
        }

        Answers.DropHidden(blueprint, answers);
        return answers;
    }

    private static JsonObject Item(FieldSpec group, int index, PersonInfo person)
    {
        var item = new JsonObject();
        foreach (var child in group.Fields)
        {
            item[child.Id] = Value(child, person, index + 1);
        }

        return item;
    }

    private static JsonNode? Value(FieldSpec field, PersonInfo person, int index) => field.Type switch
    {
        FieldTypes.Number => JsonValue.Create(Math.Max(field.Min ?? 1, 1) + index),
        FieldTypes.Money => JsonValue.Create(25000m * (index + 1)),
        FieldTypes.Date => JsonValue.Create(new DateOnly(2025, 3, 14).AddDays(-400 * index).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        FieldTypes.Choice or FieldTypes.MultiChoice => field.Type == FieldTypes.Choice ? JsonValue.Create(field.Options[index % field.Options.Count].Value) : new JsonArray(JsonValue.Create(field.Options[0].Value)),
        FieldTypes.YesNo => JsonValue.Create(field.Id.Contains("diplomatic", StringComparison.Ordinal) ? false : true),
        FieldTypes.Email => JsonValue.Create(person.Email ?? "contact@demo.example"),
        FieldTypes.Phone => JsonValue.Create(person.Phone ?? "+23320000099"),
        FieldTypes.Region => JsonValue.Create(index % 2 == 0 ? "capital" : "north"),
        FieldTypes.NationalId => JsonValue.Create("2024" + (10000 + index).ToString(CultureInfo.InvariantCulture)),
        FieldTypes.LongText => JsonValue.Create("Prepared for the Republic of Demo. This text is fictional."),
        _ when field.Pattern is { } pattern && pattern.StartsWith("^[0-9]{10}", StringComparison.Ordinal) => JsonValue.Create("1002003004"),
        _ when field.Pattern is { } pattern && pattern.StartsWith("^[0-9]{6}", StringComparison.Ordinal) => JsonValue.Create("851712"),
        _ when field.Id.Contains("name", StringComparison.Ordinal) => JsonValue.Create(index == 0 ? person.Name : $"Family member {index}"),
        _ => JsonValue.Create(field.Id.Contains("address", StringComparison.Ordinal) ? "14 Independence Avenue, Demo City" : "Demo answer"),
    };
}
