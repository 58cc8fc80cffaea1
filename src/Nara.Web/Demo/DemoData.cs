using System.Globalization;
using System.Text;
using Nara.Identity.Demo;

namespace Nara.Web.Demo;

/// <summary>Seeds every module's demo data, in dependency order, and describes it for the console.</summary>
public static class DemoData
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await IdentityDemo.SeedAsync(services, cancellationToken);
        await Nara.Cases.Demo.CasesDemo.SeedAsync(services, cancellationToken);
        await Nara.Petitions.Demo.PetitionsDemo.SeedAsync(services, cancellationToken);
        await Nara.OpenData.Demo.OpenDataDemo.SeedAsync(services, cancellationToken);
        await Nara.Budgeting.Demo.BudgetingDemo.SeedAsync(services, cancellationToken);
        await Nara.Consultations.Demo.ConsultationsDemo.SeedAsync(services, cancellationToken);
    }

    public static string Describe(string url)
    {
        var text = new StringBuilder();
        text.AppendLine("Republic of Demo — demo accounts:");
        foreach (var account in IdentityDemo.Accounts)
        {
            var role = account.Agency is null ? account.Role : $"{account.Role} at {account.Agency}";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {account.Login,-36} {role}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Staff sign in at {url}/sign-in/password with the password \"{IdentityDemo.StaffPassword}\";");
        text.AppendLine(CultureInfo.InvariantCulture, $"their authenticator codes, and every email and SMS Nara sends, are at {url}/demo/mailbox");
        text.AppendLine(CultureInfo.InvariantCulture, $"Citizens sign in at {url}/sign-in with a one-time code (read it in the demo mailbox).");
        text.Append(CultureInfo.InvariantCulture, $"To vote in the participatory budget at {url}/budgets, verify with a national id from {Nara.Budgeting.Demo.BudgetingDemo.DemoIds} and the date of birth 1990-01-01.");
        return text.ToString();
    }
}
