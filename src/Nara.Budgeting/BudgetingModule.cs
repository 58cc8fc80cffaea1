using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nara.Identity.Contracts;
using Nara.Platform.Hosting;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Budgeting;

public static class BudgetingModule
{
    public const string VerificationRateLimit = "budget-verification";

    public static IServiceCollection AddBudgetingModule(this IServiceCollection services)
    {
        services.AddModelPart(typeof(BudgetingModule).Assembly);
        services.TryAddSingleton<Jurisdiction>();
        services.AddScoped<BudgetWork>();
        services.AddScoped<BudgetResults>();
        services.AddOpenDataFeed(BudgetDatasets.Feed);
        services.AddHostedService<BudgetResultsService>();
        // Verification answers a guess at someone's national id and birth date: ten tries per account per quarter hour.
        services.AddRateLimiter(options => options.AddPolicy(VerificationRateLimit, context =>
            !HttpMethods.IsPost(context.Request.Method) ? RateLimitPartition.GetNoLimiter("reading")
            : RateLimitPartition.GetFixedWindowLimiter(context.User.UserId()?.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = 10,
                Window = TimeSpan.FromMinutes(15),
                QueueLimit = 0,
            })));
        return services;
    }

    public static IEndpointRouteBuilder MapBudgetingModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/budgets/{id:long}/ballots.pb", BallotsAsync).WithTags("Participatory budgeting")
            .WithSummary("A process's anonymised ballots as a Pabulib file, once its results are published");
        endpoints.MapGet("/budgets/{id:long}/receipt.json", ReceiptAsync).WithTags("Participatory budgeting")
            .WithSummary("The signed-in voter's ballot receipt").RequireAuthorization(NaraPolicies.SignedIn);
        endpoints.MapGet("/budgets/images/{id:guid}", ImageAsync).WithTags("Participatory budgeting").WithSummary("A project's or milestone's photo");
        return endpoints;
    }

    /// <summary>Publishes the results of every process whose voting has closed (demo seeding and tests; a background service does it every 30 seconds).</summary>
    public static Task<int> PublishDueResultsAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<BudgetResults>().PublishDueAsync(cancellationToken);

    private static async Task<IResult> BallotsAsync(long id, string? district, BudgetResults results, NaraDb db, CancellationToken cancellationToken)
    {
        var process = await db.Set<BudgetProcess>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (process?.ResultsAt is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "The ballots are published with the results.");
        }

        if (string.IsNullOrEmpty(district) && await db.Set<BudgetDistrict>().AnyAsync(d => d.ProcessId == id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: 404, title: "This process has one Pabulib file per district: add ?district= and the district's code.");
        }

        var text = await results.ExportAsync(process, string.IsNullOrEmpty(district) ? null : district, cancellationToken);
        return text.Length == 0
            ? TypedResults.Problem(statusCode: 404, title: "This process has no district of that name.")
            : TypedResults.File(Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"nara-budget-{id}{(string.IsNullOrEmpty(district) ? "" : "-" + district)}.pb"));
    }

    private static async Task<IResult> ReceiptAsync(long id, HttpContext http, BudgetWork work, CancellationToken cancellationToken)
    {
        var process = await work.FindAsync(id, cancellationToken);
        var ballot = process is null || http.User.UserId() is not { } person ? null : await work.BallotOfAsync(process, person, cancellationToken);
        if (ballot is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "You have no ballot in this process.");
        }

        return TypedResults.Json(new
        {
            process = id,
            choices = ballot.Choices,
            nonce = ballot.Nonce,
            commitment = ballot.Commitment,
            commitmentFormula = "SHA-256(nonce \\n process \\n choices), hex",
            castAt = ballot.CastAt,
            logLeaf = ballot.Receipt,
            inclusionProof = ballot.Receipt is null ? null : $"/api/v1/log/receipts/{ballot.Receipt}",
        });
    }

    private static async Task<IResult> ImageAsync(Guid id, NaraDb db, CancellationToken cancellationToken)
    {
        var image = await db.Set<BudgetImage>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return image is null ? TypedResults.NotFound() : TypedResults.File(image.Content, image.MediaType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{id:N}\""));
    }
}
