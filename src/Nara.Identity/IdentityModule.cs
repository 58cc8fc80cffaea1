using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Admin;
using Nara.Identity.Authorization;
using Nara.Identity.Contracts;
using Nara.Identity.SignIn;
using Nara.Identity.Tokens;
using Nara.Platform.People;
using Nara.Platform.Storage;

namespace Nara.Identity;

public static class IdentityModule
{
    /// <summary>Rate-limit policy for endpoints that send codes or check passwords: per client address.</summary>
    public const string SignInRateLimit = "sign-in";

    /// <summary>Chooses the API token handler when a bearer token is sent, the cookie otherwise.</summary>
    private const string SmartScheme = "Nara";

    public static IServiceCollection AddIdentityModule(this IServiceCollection services)
    {
        services.AddModelPart(typeof(IdentityModule).Assembly);
        services.AddIdentityCore<NaraUser>(options =>
            {
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<NaraDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<NaraClaimsFactory>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokenAuthentication.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "nara";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/sign-in";
            options.LogoutPath = "/sign-out";
            options.AccessDeniedPath = "/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events = new CookieAuthenticationEvents
            {
                // Programs get status codes, not sign-in pages.
                OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden),
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options => options.Cookie.Name = "nara.2fa");

        services.AddAuthorizationBuilder()
            .AddPolicy(NaraPolicies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(NaraPolicies.Staff, policy => policy.RequireAssertion(context => context.User.IsStaffWithSecondFactor()))
            .AddPolicy(NaraPolicies.Administrator, policy => policy.RequireAssertion(context => context.User.HasRole(StaffRoles.Administrator, null)))
            .AddPolicy(NaraPolicies.Auditor, policy => policy.RequireAssertion(context => context.User.HasRole(StaffRoles.Auditor, null)))
            .AddPolicy(NaraPolicies.Moderator, policy => policy.RequireAssertion(context => context.User.HasRole(StaffRoles.Moderator, null)))
            .AddPolicy(NaraPolicies.Agent, policy => policy.RequireAssertion(context =>
                context.User.IsStaffWithSecondFactor() && context.User.Memberships().Any(m => m.Role == StaffRoles.Agent)));

        services.AddRateLimiter(options => options.AddPolicy(SignInRateLimit, context =>
            HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("get")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        // Configurable because mobile carriers put many people behind one address.
                        PermitLimit = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Identity:SignInRequestsPerAddress", 20),
                        Window = TimeSpan.FromMinutes(10),
                        QueueLimit = 0,
                    })));

        services.AddScoped<IAgencyDirectory, Agencies.AgencyDirectory>();
        services.AddScoped<SignInCodes>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<AgencyAdmin>();
        services.AddScoped<StaffAdmin>();
        services.AddSingleton<Setup.SetupToken>();
        return services;
    }

    public static IEndpointRouteBuilder MapIdentityModule(this IEndpointRouteBuilder endpoints)
    {
        IdentityApi.Map(endpoints);
        return endpoints;
    }

    /// <summary>Staff who have not set up their second factor can only reach the page that sets it up.</summary>
    public static IApplicationBuilder UseSecondFactorEnrolment(this IApplicationBuilder app) =>
        app.UseMiddleware<SecondFactorEnrolment>();

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
