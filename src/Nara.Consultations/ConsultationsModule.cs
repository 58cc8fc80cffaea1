using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Consultations;

public static class ConsultationsModule
{
    public static IServiceCollection AddConsultationsModule(this IServiceCollection services)
    {
        services.AddModelPart(typeof(ConsultationsModule).Assembly);
        services.AddScoped<ConsultationWork>();
        services.AddOpenDataFeed(ConsultationDatasets.Feed);
        return services;
    }

    public static IEndpointRouteBuilder MapConsultationsModule(this IEndpointRouteBuilder endpoints) => endpoints;
}
