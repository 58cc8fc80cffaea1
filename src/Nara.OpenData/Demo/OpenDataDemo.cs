using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.OpenData.Demo;

/// <summary>
/// The Republic of Demo's open data: datasets from three agencies, each with a CSV file, published through the same
/// handler staff use (so each publication is in the public log), and the platform's derived datasets. Fictional throughout.
/// </summary>
public static class OpenDataDemo
{
    private static readonly (string Agency, string Name, string Title, string Notes, string Theme, string Frequency, string Tags, string File, string Csv)[] Datasets =
    [
        ("health", "health-facilities", "Public health facilities",
            "Every public clinic and hospital: its district, type, number of beds and whether it has a maternity ward. Updated when a facility opens or closes.",
            "HEAL", "IRREG", "health, clinics, hospitals", "health-facilities.csv",
            """
            facility_id,name,district,type,beds,maternity
            HF-001,Capital General Hospital,capital,hospital,420,yes
            HF-002,Riverside Clinic,capital,clinic,12,no
            HF-003,Northern Regional Hospital,north,hospital,180,yes
            HF-004,Hill Village Health Post,north,health post,0,no
            HF-005,Southern Regional Hospital,south,hospital,150,yes
            HF-006,Coastal Clinic,south,clinic,20,yes
            HF-007,Eastern District Hospital,east,hospital,95,yes
            HF-008,Lake Clinic,east,clinic,8,no
            HF-009,Western Regional Hospital,west,hospital,130,yes
            HF-010,Market Town Clinic,west,clinic,16,no
            """),
        ("health", "vaccination-coverage-2025", "Childhood vaccination coverage by region, 2025",
            "Share of children aged 12 to 23 months who received each vaccine, by region, from clinic records.",
            "HEAL", "ANNUAL", "health, vaccination, children", "vaccination-coverage-2025.csv",
            """
            region,measles_percent,polio_percent,dtp3_percent,children
            capital,94.1,95.3,93.8,18240
            north,81.7,84.0,79.5,12310
            south,88.2,90.1,86.4,14020
            east,76.9,80.3,74.2,9870
            west,85.5,87.6,83.1,11150
            """),
        ("capital-city", "market-stall-fees", "Market stall fees",
            "Daily and monthly fees for a stall in each of the capital's public markets, in Demo dollars.",
            "ECON", "ANNUAL", "markets, fees, city", "market-stall-fees.csv",
            """
            market,stall_type,daily_fee,monthly_fee
            Central Market,covered,2.00,45.00
            Central Market,open,1.00,22.00
            Harbour Market,covered,1.50,35.00
            Harbour Market,open,0.75,16.00
            Station Market,open,0.75,16.00
            """),
        ("capital-city", "waste-collection-days", "Waste collection days by neighbourhood",
            "Which day each neighbourhood's household waste and recycling are collected.",
            "ENVI", "IRREG", "waste, recycling, city", "waste-collection-days.csv",
            """
            neighbourhood,household_waste,recycling
            Old Town,Monday,Thursday
            Harbour,Tuesday,Friday
            Hillside,Wednesday,Saturday
            Station,Thursday,Monday
            Riverside,Friday,Tuesday
            """),
        ("revenue", "customs-revenue-by-month", "Customs duty collected by month",
            "Import duty and VAT collected at the border each month of 2025, in Demo dollars.",
            "ECON", "MONTHLY", "customs, revenue, trade", "customs-revenue-2025.csv",
            """
            month,import_duty,import_vat,declarations
            2025-01,1840200,2310400,4120
            2025-02,1795300,2251800,3980
            2025-03,1902750,2390100,4305
            2025-04,1888100,2370600,4266
            2025-05,1950400,2444900,4410
            2025-06,1911800,2401200,4318
            """),
    ];

    /// <summary>
    /// Adds <paramref name="count"/> synthetic published datasets, written straight to the tables in batches (no
    /// events, so not in the public log): load for benchmarks of the catalogue, never for a real deployment.
    /// </summary>
    public static async Task SeedSyntheticAsync(IServiceProvider services, int count, CancellationToken cancellationToken)
    {
        string[] words = ["health", "schools", "roads", "water", "markets", "budget", "census", "transport", "waste", "energy", "housing", "farming"];
        var content = Encoding.UTF8.GetBytes("district,value\ncapital,1\nnorth,2\n");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        await using var scope = services.CreateAsyncScope();
        var agencies = await scope.ServiceProvider.GetRequiredService<IAgencyDirectory>().AgenciesAsync(cancellationToken);
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        for (var done = 0; done < count; done += 500)
        {
            await using var batch = services.CreateAsyncScope();
            var db = batch.ServiceProvider.GetRequiredService<NaraDb>();
            for (var i = done; i < Math.Min(count, done + 500); i++)
            {
                var now = clock.GetUtcNow().AddSeconds(-i);
                var id = Guid.NewGuid();
                var (a, b) = (words[i % words.Length], words[(i / words.Length) % words.Length]);
                var dataset = new Dataset
                {
                    Id = id,
                    Name = $"synthetic-{i:D6}",
                    Title = $"{char.ToUpperInvariant(a[0])}{a[1..]} and {b} statistics {i}",
                    Notes = $"Synthetic dataset {i} about {a} and {b}, for benchmarks.",
                    AgencyId = agencies[i % agencies.Count].Id,
                    LicenseId = "cc-by",
                    Theme = Vocabularies.Themes[i % Vocabularies.Themes.Count].Code,
                    Frequency = "ANNUAL",
                    State = Dataset.Published,
                    CreatedAt = now,
                    ModifiedAt = now,
                    PublishedAt = now,
                    Tags = [.. new[] { a, b }.Distinct().Select(t => new DatasetTag { Name = t })],
                };
                var resource = new Resource { Id = Guid.NewGuid(), DatasetId = id, Name = "Data", Format = "CSV", FileName = "data.csv", Size = content.Length, Sha256 = hash, Rows = 2, CreatedAt = now, ModifiedAt = now };
                db.Add(dataset);
                db.Add(resource);
                db.Add(new ResourceContent { ResourceId = resource.Id, Content = content });
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var provider = scope.ServiceProvider;
            var db = provider.GetRequiredService<NaraDb>();
            var agencies = await provider.GetRequiredService<IAgencyDirectory>().AgenciesAsync(cancellationToken);
            foreach (var d in Datasets)
            {
                if (agencies.FirstOrDefault(a => a.Code == d.Agency) is not { } agency || await db.Set<Dataset>().AnyAsync(x => x.Name == d.Name, cancellationToken))
                {
                    continue;
                }

                await using var step = services.CreateAsyncScope();
                var work = step.ServiceProvider.GetRequiredService<DatasetWork>();
                var actor = new Actor(null, StaffRoles.Supervisor, agency.Id);
                var (dataset, _) = await work.CreateAsync(new DatasetDraft(agency.Id, d.Title, d.Name, d.Notes, "cc-by", d.Theme, d.Frequency, d.Tags, null, null), actor, cancellationToken);
                await work.AddFileAsync(dataset!, d.File, Encoding.UTF8.GetBytes(d.Csv.ReplaceLineEndings("\n") + "\n"), null, null, actor, cancellationToken);
                await work.PublishAsync(dataset!, actor, cancellationToken);
            }
        }

        await OpenDataModule.RefreshDerivedDatasetsAsync(services, cancellationToken);
    }
}
