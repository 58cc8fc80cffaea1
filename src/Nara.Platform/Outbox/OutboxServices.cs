using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Nara.Platform.Outbox;

public static class OutboxServices
{
    public static IServiceCollection AddNaraOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Delivery");
        services.Configure<DeliveryOptions>(section);
        var settings = section.Get<DeliveryOptions>() ?? new DeliveryOptions();
        services.AddScoped<Outbox>();
        if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            services.AddSingleton<IMessageTransport, FileMailTransport>();
        }
        else
        {
            services.AddSingleton<IMessageTransport, SmtpTransport>();
        }

        if (string.IsNullOrWhiteSpace(settings.Sms.GatewayUrl))
        {
            services.AddSingleton<IMessageTransport, FileSmsTransport>();
        }
        else
        {
            services.AddHttpClient(nameof(HttpSmsTransport));
            services.AddSingleton<IMessageTransport, HttpSmsTransport>();
        }

        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
