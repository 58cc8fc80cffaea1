using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nara.Cases.Catalogue;
using Nara.Cases.Certificates;
using Nara.Cases.Performance;
using Nara.Platform.Hosting;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Cases;

public static class CasesModule
{
    public static IServiceCollection AddCasesModule(this IServiceCollection services)
    {
        services.AddModelPart(typeof(CasesModule).Assembly);
        services.AddSingleton<BlueprintCatalog>();
        services.AddOpenDataFeed(CaseDatasets.Feed);
        services.AddOpenDataFeed(CaseDatasets.Grievances);
        services.TryAddSingleton<Jurisdiction>();
        services.AddHostedService<BlueprintInstaller>();
        services.AddSingleton<FileStore>();
        services.AddScoped<CaseAnswers>();
        services.AddScoped<Deadlines>();
        services.AddScoped<CaseNotifier>();
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<CaseWork>();
        services.AddScoped<CaseView>();
        services.AddScoped<Applying.Uploads>();
        services.AddSingleton<Payments.GatewaySimulator>();
        services.AddSingleton<Payments.IPaymentProvider>(sp => sp.GetRequiredService<Payments.GatewaySimulator>());
        services.AddSingleton<Payments.IPaymentProvider, Payments.CounterPayments>();
        services.AddScoped<Payments.PaymentWork>();
        services.AddScoped<Payments.GatewayCallback>();
        services.AddScoped<EscalationWork>();
        services.AddHostedService<EscalationService>();
        services.AddOutputCache(options => options.AddPolicy(Pages.Cases.CasePageCache.PolicyName, new Pages.Cases.CasePageCache()));
        CertificatePdf.RegisterFonts();
        return services;
    }

    public static IEndpointRouteBuilder MapCasesModule(this IEndpointRouteBuilder endpoints)
    {
        CatalogueApi.Map(endpoints);
        CasesApi.Map(endpoints);
        Payments.GatewayCallback.Map(endpoints);
        return endpoints;
    }
}
