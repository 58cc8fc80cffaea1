using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nara.Platform.Hosting;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Petitions;

public static class PetitionsModule
{
    public const string SigningRateLimit = "petition-signing";

    public static IServiceCollection AddPetitionsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModelPart(typeof(PetitionsModule).Assembly);
        // The Republic of Demo is small: its thresholds are 50 and 200 signatures unless configured.
        services.AddOptions<PetitionOptions>()
            .Configure(options =>
            {
                if (configuration.GetValue<bool>("demo"))
                {
                    options.ResponseThreshold = 50;
                    options.DebateThreshold = 200;
                }
            })
            .Bind(configuration.GetSection("Petitions"));
        services.TryAddSingleton<Jurisdiction>();
        services.AddOpenDataFeed(PetitionDatasets.Feed);
        services.AddScoped<PetitionWork>();
        services.AddScoped<SignatureIntake>();
        services.AddScoped<TallyWork>();
        services.AddScoped<FraudReview>();
        services.AddHostedService<TallyService>();
        services.AddOutputCache(options => options.AddPolicy(PublicPetitionCache.PolicyName, new PublicPetitionCache()));
        services.AddSingleton<SignatureWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SignatureWriter>());
        // Signing from one network: a burst limit and a sustained limit, with an allow-list for carriers' shared addresses.
        services.AddRateLimiter(options => options.AddPolicy(SigningRateLimit, context =>
        {
            var settings = context.RequestServices.GetRequiredService<IConfiguration>().GetSection("Petitions:RateLimit");
            var network = SignatureIntake.Network(context.Connection.RemoteIpAddress) ?? "unknown";
            if (!HttpMethods.IsPost(context.Request.Method) || settings.GetSection("AllowNetworks").Get<string[]>()?.Contains(network) == true)
            {
                return RateLimitPartition.GetNoLimiter("allowed");
            }

            return RateLimitPartition.GetTokenBucketLimiter(network, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.GetValue("Burst", 20),
                TokensPerPeriod = settings.GetValue("PerMinute", 60),
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapPetitionsModule(this IEndpointRouteBuilder endpoints)
    {
        PetitionsApi.Map(endpoints);
        return endpoints;
    }
}
