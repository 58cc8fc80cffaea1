using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;
using Nara.Tests.Web;
using Nara.Transparency.Log;

namespace Nara.Tests.Cases;

/// <summary>Applicants rate decided cases; the performance page and its dataset show counts, times, deadlines and satisfaction.</summary>
// The demo's thresholds (50 and 200 signatures), so that its answered petition counts as owed a response.
public sealed class PerformanceTests() : AppTest(new NaraApp().With("Petitions:ResponseThreshold", "50").With("Petitions:DebateThreshold", "200"))
{
    [Fact]
    public async Task Rate_DecidedCase_OnceFrom1To5_ScoreInLogCommentNot()
    {
        await app.CreateAgencyAsync("Demo City Council", "capital-city");
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("residence-certificate"), new Dictionary<string, string> { ["years_at_address"] = "3", ["full_name"] = "Ama Owusu" });
        await citizen.SubmitAsync(check, new Dictionary<string, string?>());
        var page = await citizen.OpenAsync($"/cases/{reference}");

        var empty = await citizen.SubmitAsync(page, new Dictionary<string, string?>(), "form[action$='handler=Rate']");
        var outOfRange = await citizen.SubmitAsync(page, new Dictionary<string, string?> { ["rating"] = "9" }, "form[action$='handler=Rate']");
        var rated = await citizen.SubmitAsync(page, new Dictionary<string, string?> { ["rating"] = "4", ["ratingComment"] = "Quick, but Ama Owusu had to come twice." }, "form[action$='handler=Rate']");
        var again = await citizen.SubmitAsync(page, new Dictionary<string, string?> { ["rating"] = "1" }, "form[action$='handler=Rate']");

        Assert.Equal(5, page.Document.QuerySelectorAll("input[name=rating]").Length);
        Assert.Contains("Choose how satisfied you are, from 1 to 5", empty.Errors);
        Assert.Contains("Choose how satisfied you are, from 1 to 5", outOfRange.Errors);
        Assert.Contains("You rated this service 4 out of 5.", rated.Html, StringComparison.Ordinal);
        Assert.Empty(rated.Document.QuerySelectorAll("form[action$='handler=Rate']"));
        Assert.Contains("You have already rated this service for this application", again.Errors);
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<Nara.Cases.Case>().SingleAsync(c => c.Reference == reference));
        Assert.Equal(4, stored.Rating);
        var log = await app.WithScopeAsync(async sp => await sp.GetRequiredService<NaraDb>().Set<LogEntry>().Select(e => e.Data).ToListAsync());
        Assert.DoesNotContain(log.Select(System.Text.Encoding.UTF8.GetString), e => e.Contains("Ama Owusu", StringComparison.Ordinal) || e.Contains("come twice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rate_OpenCase_NoFormAndRefused()
    {
        await app.CreateAgencyAsync("Demo City Council", "capital-city");
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("residence-certificate"), new Dictionary<string, string> { ["years_at_address"] = "0", ["full_name"] = "Kojo Mensah" });
        await citizen.SubmitAsync(check, new Dictionary<string, string?>());
        var page = await citizen.OpenAsync($"/cases/{reference}");

        var refusal = await app.WithScopeAsync(async sp =>
        {
            var work = sp.GetRequiredService<Nara.Cases.CaseWork>();
            var open = (await work.FindAsync(reference, default))!;
            return (await work.RateAsync(open, Nara.Platform.Events.Actor.System, 5, null, default)).Refusal;
        });

        Assert.Empty(page.Document.QuerySelectorAll("form[action$='handler=Rate']"));
        Assert.Equal("not-decided", refusal);
        Assert.Null(await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<Nara.Cases.Case>().Where(c => c.Reference == reference).Select(c => c.Rating).SingleAsync()));
    }

    [Fact]
    public async Task PerformancePage_DemoData_FiguresChartsTablesDatasetAndWeight()
    {
        await Nara.Web.Demo.DemoData.SeedAsync(app.Services, default);
        var visitor = app.Session();

        var page = await visitor.OpenAsync("/performance");
        var petitions = await visitor.OpenAsync("/petitions/performance");
        var csv = await visitor.Client.GetStringAsync("/data/service-performance.csv");
        var responses = await visitor.Client.GetStringAsync("/data/petition-responses.csv");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var birth = page.Document.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Register a birth").QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["10", "9", "78%", "9.0", "17.0", "<5", "0", "4.0 (8 ratings)"], birth);
        var permit = page.Document.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Apply for a building permit").QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal("<5", permit[0]);
        Assert.Equal("–", permit[2]);
        Assert.True(page.Document.QuerySelectorAll("svg.chart[role=img] title").Length >= 4);
        Assert.Contains("birth-registration,Register a birth,civil-registry,10,9,0,<5,0,77.8,9,17,8,4", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, petitions.Status);
        Assert.Contains("Ministry of Health", petitions.Document.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Agency,AgencyName,Owed,Responded,RespondedOnTime,Waiting,Overdue,OnTimePercent", responses, StringComparison.Ordinal);
        foreach (var culture in new[] { "en", "fr", "es", "ar", "ko" })
        {
            Assert.True(await PageWeightTests.WeightAsync(visitor.Client, "/performance", culture) <= PageWeightTests.Budget, $"/performance in {culture}");
            Assert.True(await PageWeightTests.WeightAsync(visitor.Client, "/petitions/performance", culture) <= PageWeightTests.Budget, $"/petitions/performance in {culture}");
        }
    }
}
