using System.Net;
using Nara.Identity.Setup;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Web;

/// <summary>The two ways a fresh install gets its first administrator: the one-time link, and the command line.</summary>
public sealed class FirstAdministratorTests
{
    [Fact]
    public async Task SetupLink_FreshInstall_CreatesAdministratorOnceThenGone()
    {
        var app = new NaraApp();
        await app.InitializeAsync();
        try
        {
            var path = await Administrators.SetupPathAsync(app.Services, default);
            Assert.NotNull(path);
            var session = app.Session();
            var email = $"{TestData.Unique("first-admin")}@test.example";

            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/setup/wrong-token")).Status);
            var done = await session.SubmitAsync(await session.GetAsync(path), new Dictionary<string, string?> { ["Name"] = "First Admin", ["Email"] = email, ["Password"] = "first-admin-password" });

            Assert.EndsWith("/sign-in/password", done.Url, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(path)).Status);
            Assert.Null(await Administrators.SetupPathAsync(app.Services, default));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Cli_MigrateAdminCreateAndDemoSeed_WorkOnAFreshDataFolder()
    {
        var data = Directory.CreateTempSubdirectory("nara-cli-").FullName;
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await Run("migrate", "--data", data));
            Assert.Equal(0, await Run("admin", "create", "--email", "chief@test.example", "--name", "Chief", "--password", "chief-password-1", "--data", data));
            Assert.Equal(1, await Run("admin", "create", "--email", "chief@test.example", "--name", "Chief", "--password", "chief-password-1", "--data", data));
            Assert.Equal(1, await Run("admin", "create", "--email", "short@test.example", "--name", "Short", "--password", "short", "--data", data));
            Assert.Equal(0, await Run("demo", "seed", "--data", data));
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = output.ToString();
        Assert.Contains("Database is up to date.", text, StringComparison.Ordinal);
        Assert.Contains("Administrator created.", text, StringComparison.Ordinal);
        Assert.Contains("admin@demo.example", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "nara.db")));
    }

    private static Task<int> Run(params string[] args) => Nara.Web.Cli.NaraCommands.Build().Parse(args).InvokeAsync();
}
