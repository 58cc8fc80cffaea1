using System.CommandLine;
using Nara.Identity.Setup;
using Nara.Platform.Storage;
using Nara.Web.Demo;
using Nara.Web.Hosting;

namespace Nara.Web.Cli;

/// <summary>The <c>nara</c> command: serving is the default verb; the others act on the same database and exit.</summary>
internal static class NaraCommands
{
    private static readonly Option<string?> Data = new("--data") { Description = "The data folder (default ./data, or NARA_DATA)", Recursive = true };
    private static readonly Option<bool> DemoFlag = new("--demo") { Description = "Seed the fictional Republic of Demo and show its mailbox" };

    public static RootCommand Build()
    {
        var root = new RootCommand("Nara — an open e-governance platform. Without a verb, serves on http://localhost:5080 (change with --urls).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(Data);
        root.Options.Add(DemoFlag);
        root.SetAction(async (parse, cancellationToken) =>
        {
            var app = NaraHost.CreateBuilder(HostArgs(parse, demo: parse.GetValue(DemoFlag))).Build();
            app.UseNara();
            await app.RunAsync(cancellationToken);
            return 0;
        });

        var migrate = new Command("migrate", "Apply database migrations and exit");
        migrate.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = NaraHost.CreateBuilder(HostArgs(parse, demo: false)).Build();
            await MigrateAsync(app, cancellationToken);
            Console.WriteLine("Database is up to date.");
            return 0;
        });
        root.Subcommands.Add(migrate);

        var email = new Option<string>("--email") { Description = "Email address", Required = true };
        var name = new Option<string>("--name") { Description = "Full name", Required = true };
        var password = new Option<string?>("--password") { Description = "Password (at least 10 characters); read from NARA_ADMIN_PASSWORD when omitted" };
        var create = new Command("create", "Create an administrator") { email, name, password };
        create.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = NaraHost.CreateBuilder(HostArgs(parse, demo: false)).Build();
            await MigrateAsync(app, cancellationToken);
            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("NARA_ADMIN_PASSWORD") ?? "";
            var problems = await Administrators.CreateAsync(app.Services, parse.GetValue(name)!, parse.GetValue(email)!, secret, cancellationToken);
            foreach (var problem in problems)
            {
                Console.Error.WriteLine(problem);
            }

            if (problems.Count == 0)
            {
                Console.WriteLine("Administrator created. Sign in at /sign-in/password and set up the authenticator app.");
            }

            return problems.Count == 0 ? 0 : 1;
        });
        root.Subcommands.Add(new Command("admin", "Manage administrators") { create });

        var seed = new Command("seed", "Seed the fictional Republic of Demo and exit");
        seed.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = NaraHost.CreateBuilder(HostArgs(parse, demo: true)).Build();
            await MigrateAsync(app, cancellationToken);
            await DemoData.SeedAsync(app.Services, cancellationToken);
            Console.WriteLine(DemoData.Describe("http://localhost:5080"));
            return 0;
        });
        var count = new Argument<int>("count") { Description = "How many datasets" };
        var datasets = new Command("datasets", "Add synthetic published datasets, for load tests and benchmarks (not in the public log)") { count };
        datasets.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = NaraHost.CreateBuilder(HostArgs(parse, demo: true)).Build();
            await MigrateAsync(app, cancellationToken);
            await DemoData.SeedAsync(app.Services, cancellationToken);
            await Nara.OpenData.Demo.OpenDataDemo.SeedSyntheticAsync(app.Services, parse.GetValue(count), cancellationToken);
            return 0;
        });
        root.Subcommands.Add(new Command("demo", "Demo data") { seed, datasets });
        root.Subcommands.Add(TallyCommand.Build());
        root.Subcommands.Add(LogCommand.Build());
        root.Subcommands.Add(BlueprintCommand.Build());
        return root;
    }

    internal static async Task MigrateAsync(WebApplication app, CancellationToken cancellationToken) =>
        await app.Services.PrepareDatabaseAsync(app.Logger, cancellationToken);

    /// <summary>What the web host sees: our options as configuration keys, plus anything we did not parse (such as --urls).</summary>
    internal static string[] HostArgs(ParseResult parse, bool demo)
    {
        var args = new List<string>();
        if (parse.GetValue(Data) is { } data)
        {
            args.Add($"--data={data}");
        }

        if (demo)
        {
            args.Add("--demo=true");
        }

        args.AddRange(parse.UnmatchedTokens);
        return [.. args];
    }
}
