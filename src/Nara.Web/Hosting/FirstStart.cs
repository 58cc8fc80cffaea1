using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Nara.Identity.Setup;
using Nara.Platform.Hosting;
using Nara.Web.Demo;

namespace Nara.Web.Hosting;

/// <summary>
/// After migrations: seeds the demo when asked, then tells the person at the console where Nara is,
/// which demo accounts exist, or — on a fresh install — the one-time link that creates the first administrator.
/// </summary>
internal sealed class FirstStart(IServiceProvider services, NaraSettings settings, IServer server) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (settings.Demo)
        {
            await DemoData.SeedAsync(services, cancellationToken);
        }
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) ?? "http://localhost:5080";
        Console.WriteLine($"Nara is running at {url}  (data folder: {settings.DataDirectory})");
        if (settings.Demo)
        {
            Console.WriteLine(DemoData.Describe(url));
        }

        var setup = await Administrators.SetupPathAsync(services, cancellationToken);
        if (setup is not null)
        {
            // Printed to the console of the person who started Nara, not logged: it is a secret.
            Console.WriteLine($"No administrator yet. Create the first one at {url}{setup} (the link works once), or run: nara admin create");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
