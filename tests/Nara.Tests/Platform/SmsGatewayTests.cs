using System.Collections.Concurrent;
using System.Net;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>With an SMS gateway configured, messages to phones are posted to it over HTTP (here a loopback listener).</summary>
public sealed class SmsGatewayTests : IAsyncLifetime
{
    private readonly HttpListener gateway = new();
    private readonly ConcurrentQueue<(string Body, string? Authorization)> received = new();
    private readonly CancellationTokenSource stop = new();
    private NaraApp app = null!;

    public async Task InitializeAsync()
    {
        var port = SmtpSink.FreePort();
        gateway.Prefixes.Add($"http://127.0.0.1:{port}/sms/");
        gateway.Start();
        _ = Task.Run(ServeAsync);
        app = new NaraApp().With("Delivery:Sms:GatewayUrl", $"http://127.0.0.1:{port}/sms/send").With("Delivery:Sms:ApiKey", "gateway-key");
        await app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        gateway.Close();
        stop.Dispose();
        await ((IAsyncLifetime)app).DisposeAsync();
    }

    [Fact]
    public async Task SignInCode_ToPhone_PostedToGatewayInCallersLanguage()
    {
        var session = app.Session();
        session.AcceptLanguage = "fr";

        await session.SubmitAsync(await session.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Address"] = "+221 77 000 1122" });

        var (body, authorization) = await WaitAsync();
        var form = System.Web.HttpUtility.ParseQueryString(body);
        Assert.Equal("+221770001122", form["to"]);
        Assert.Matches(@"\d{6}", form["message"]!);
        Assert.DoesNotContain("Your sign-in code", form["message"], StringComparison.Ordinal);
        Assert.Equal("Bearer gateway-key", authorization);
    }

    private async Task<(string, string?)> WaitAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if (received.TryDequeue(out var item))
            {
                return item;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The gateway received nothing");
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await gateway.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            received.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["Authorization"]));
            context.Response.StatusCode = 202;
            context.Response.Close();
        }
    }
}
