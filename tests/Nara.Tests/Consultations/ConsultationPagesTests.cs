using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Consultations;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;
using Nara.Tests.Web;
using Xunit.Abstractions;

namespace Nara.Tests.Consultations;

/// <summary>The demo's consultations, and every consultation page within 14 KB in every language with a long draft and many long comments.</summary>
public sealed class ConsultationPagesTests(ITestOutputHelper output) : AppTest
{
    [Fact]
    public async Task Demo_OpenConsultationWithCommentsAndAnsweredOneWithReport()
    {
        await Nara.Web.Demo.DemoData.SeedAsync(app.Services, default);
        await Nara.Web.Demo.DemoData.SeedAsync(app.Services, default);
        var (consultations, comments) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NaraDb>();
            return (await db.Set<Consultation>().OrderBy(c => c.Id).ToListAsync(), await db.Set<ConsultationComment>().ToListAsync());
        });
        using var visitor = app.Session();
        var report = await visitor.OpenAsync($"/consultations/{consultations.Single(c => c.State == Consultation.Reported).Id}/report");

        Assert.Equal(2, consultations.Count);
        var open = consultations.Single(c => c.State == Consultation.Open);
        Assert.True(open.ClosesAt > DateTimeOffset.UtcNow);
        Assert.True(comments.Count(c => c.ConsultationId == open.Id) >= 6);
        Assert.Contains(comments, c => c.ConsultationId == open.Id && c.ParentId is not null);
        Assert.Contains("<ins>", report.Html, StringComparison.Ordinal);
        Assert.Contains("<del>", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsultationPages_Within14KB_EveryLanguage()
    {
        var (agency, _) = await app.CreateAgencyAsync("Ministry of Environment, Climate Change, Forestry and Natural Resources");
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));
        var text = string.Join("\n\n", Enumerable.Range(1, 60).Select(i => i % 10 == 1
            ? $"## Part {i}: obligations of public bodies, companies and households"
            : $"Paragraph {i}. Every public body, company and household shall reduce the waste it sends to landfill by one half by 2030, sort what remains into at least four streams, and report its figures every year to the environment agency, which publishes them."));
        var id = await app.WithScopeAsync(async sp =>
        {
            var work = sp.GetRequiredService<ConsultationWork>();
            var created = await work.CreateAsync(agency, "Draft national waste strategy, 2027–2035, with obligations for public bodies, companies and households", "A long draft to weigh.", text, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), default);
            var consultation = (await work.FindAsync(created.Id!.Value, default))!;
            await work.OpenAsync(consultation, new Nara.Platform.Events.Actor(null, "officer", agency), default);
            for (var i = 0; i < 45; i++)
            {
                var comment = await work.CommentAsync(consultation, 2, null, Guid.NewGuid(), $"Resident with a long name number {i}", string.Concat(Enumerable.Repeat($"Comment {i}: the deadline of 2030 is too close for small villages without any collection service at all. ", 6)), default);
                await work.CommentAsync(consultation, 2, comment.Id, Guid.NewGuid(), "Another resident", "A reply that agrees and adds a detail about the villages in the hills.", default);
            }

            return consultation.Id;
        });
        using var citizen = await app.SignInCitizenAsync();
        var visitor = app.Session();
        await PageWeightTests.AssertEveryLanguageAsync(
        [
            (visitor.Client, "/consultations"), (visitor.Client, $"/consultations/{id}"), (visitor.Client, $"/consultations/{id}?p=3"),
            (citizen.Client, $"/consultations/{id}/paragraphs/2"), (citizen.Client, $"/consultations/{id}/paragraphs/2?p=3"),
            (officer.Client, "/office/consultations"), (officer.Client, "/office/consultations/new"), (officer.Client, $"/office/consultations/{id}"),
        ], output);

        await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<Consultation>().Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var form = await officer.OpenAsync($"/office/consultations/{id}");
        var published = await officer.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Summary"] = "We will phase the deadline by region.",
            ["Response-2"] = "Changed: villages without collection get until 2035.",
            ["Revised"] = text.Replace("by 2030", "by 2030 (2035 for villages without collection)", StringComparison.Ordinal),
        }, "form[action*='handler=Report']");
        Assert.Contains("2035", published.Html, StringComparison.Ordinal);
        await PageWeightTests.AssertEveryLanguageAsync([(visitor.Client, $"/consultations/{id}/report"), (officer.Client, $"/office/consultations/{id}")], output);
    }
}
