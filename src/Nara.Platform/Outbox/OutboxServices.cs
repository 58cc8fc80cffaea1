using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Nara.Platform.Outbox;

public static class OutboxServices
{
    public static IServiceCollection AddNaraOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Delivery");
        services.Configure<DeliveryOptions>(section);
        services.AddScoped<Outbox>();
        services.AddHttpClient(nameof(HttpSmsTransport));
        services.AddSingleton<IMessageTransport>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.Smtp.Host)
            ? ActivatorUtilities.CreateInstance<FileMailTransport>(sp)
            : ActivatorUtilities.CreateInstance<SmtpTransport>(sp));
        services.AddSingleton<IMessageTransport>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.Sms.GatewayUrl)
            ? ActivatorUtilities.CreateInstance<FileSmsTransport>(sp)
            : ActivatorUtilities.CreateInstance<HttpSmsTransport>(sp));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
