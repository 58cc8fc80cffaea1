using Microsoft.EntityFrameworkCore.Design;
using Nara.Identity;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Web.Hosting;

/// <summary>
/// Used only by <c>dotnet ef</c> to build the model when adding migrations. NARA_EF_PROVIDER=postgres picks the
/// PostgreSQL migrations project; the default is SQLite. See docs/operations.md for the commands.
/// </summary>
internal sealed class DesignTimeDb : IDesignTimeDbContextFactory<NaraDb>
{
    public NaraDb CreateDbContext(string[] args)
    {
        var postgres = Environment.GetEnvironmentVariable("NARA_EF_PROVIDER") == "postgres";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new NaraSettings(Path.GetTempPath(), Demo: false, Development: true));
        services.AddSingleton(TimeProvider.System);
        services.AddNaraStorage(_ => postgres
            ? new StorageSettings(DatabaseProvider.Postgres, "Host=localhost;Database=nara_design", Path.GetTempPath())
            : new StorageSettings(DatabaseProvider.Sqlite, "Data Source=design.db", Path.GetTempPath()));
        services.AddDataProtection();
        services.AddIdentityModule();
        services.AddModelPart(typeof(Nara.Transparency.TransparencyModule).Assembly);
        services.AddModelPart(typeof(Nara.Cases.CasesModule).Assembly);
        services.AddModelPart(typeof(Nara.Petitions.PetitionsModule).Assembly);
        services.AddModelPart(typeof(Nara.OpenData.OpenDataModule).Assembly);
        services.AddModelPart(typeof(Nara.Budgeting.BudgetingModule).Assembly);
        services.AddModelPart(typeof(Nara.Consultations.ConsultationsModule).Assembly);
        return services.BuildServiceProvider().CreateScope().ServiceProvider.GetRequiredService<NaraDb>();
    }
}
