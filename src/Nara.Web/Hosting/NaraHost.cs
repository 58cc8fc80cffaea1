using System.Globalization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.ResponseCompression;
using Nara.Budgeting;
using Nara.Cases;
using Nara.Consultations;
using Nara.Identity;
using Nara.OpenData;
using Nara.Petitions;
using Nara.Platform.Hosting;
using Nara.Platform.Localization;
using Nara.Platform.Outbox;
using Nara.Platform.Storage;
using Nara.Transparency;
using OpenTelemetry.Metrics;

namespace Nara.Web.Hosting;

/// <summary>Builds the one program: every module, the layout, and the plumbing around them.</summary>
public static class NaraHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // Settings files and static files belong to the program, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Run from a build (the README's run command) in any environment, static files and their compressed
        // variants come from the build's manifest; a published app has them in wwwroot and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://localhost:5080");
        builder.Services.AddNara(builder.Configuration, builder.Environment);
        return builder;
    }

    public static IServiceCollection AddNara(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        // Settings are read when first needed, from the final configuration (tests and hosts may add to it late).
        services.AddSingleton(sp => ReadSettings(sp.GetRequiredService<IConfiguration>(), environment));
        services.AddSingleton(TimeProvider.System);
        services.AddNaraStorage(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            return StorageSettings.Resolve(config["NARA_DB"] ?? config.GetConnectionString("Nara"), sp.GetRequiredService<NaraSettings>().DataDirectory);
        });
        services.AddNaraDataProtection(configuration, ReadSettings(configuration, environment).DataDirectory);
        services.AddNaraOutbox(configuration);
        services.AddIdentityModule();
        services.AddTransparencyModule();
        services.AddCasesModule();
        services.AddPetitionsModule(configuration);
        services.AddOpenDataModule();
        services.AddBudgetingModule();
        services.AddConsultationsModule();

        services.AddLocalization();
        // Arabic, Korean and accented Latin text is sent as text, not as numeric entities: lighter pages, same safety.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages()
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddMvcOptions(options => Localized.BindingMessages(options, services));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = NaraCultures.Supported.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(NaraCultures.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = LanguageCookie.Name }, new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddProblemDetails();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Nara API";
            document.Info.Description = "Nara's JSON API. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        services.AddOutputCache();
        services.AddMemoryCache();
        services.AddHealthChecks().AddDbContextCheck<NaraDb>("database", tags: ["ready"]);
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            // Static files are compressed at build time by MapStaticAssets; compressing them again here breaks them.
            options.MimeTypes = ["text/html", "application/json", "application/problem+json", "text/plain", "application/xml"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => TooManyRequests.WriteAsync(context.HttpContext);
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            // Proxy:TrustedNetworks lists the reverse proxies whose X-Forwarded-For is believed. Unset, any sender's is:
            // then a client can choose the address that rate limits and fraud review see, so production should set it.
            foreach (var network in settings.GetSection("Proxy:TrustedNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter("Nara");
            if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                metrics.AddOtlpExporter();
            }
        });
        services.AddHostedService<FirstStart>();
        return services;
    }

    public static NaraSettings ReadSettings(IConfiguration configuration, IHostEnvironment environment) => new(
        Path.GetFullPath(configuration["data"] ?? configuration["NARA_DATA"] ?? "data"),
        configuration.GetValue<bool>("demo"),
        environment.IsDevelopment());

    public static WebApplication UseNara(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment() && !app.Configuration.GetValue<bool>("demo") && app.Configuration.GetValue("Https:Redirect", true))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseResponseCompression();
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            // Malformed requests (bad JSON, oversized bodies) are the client's problem, not a server error.
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseIdentityModuleGuards();
        app.UseAuthorization();
        app.UseOutputCache();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapIdentityModule();
        app.MapTransparencyModule();
        app.MapCasesModule();
        app.MapPetitionsModule();
        app.MapOpenDataModule();
        app.MapBudgetingModule();
        app.MapConsultationsModule();
        app.MapLanguageSwitch();
        return app;
    }

    private static IApplicationBuilder UseIdentityModuleGuards(this IApplicationBuilder app) => app.UseSecondFactorEnrolment();
}
