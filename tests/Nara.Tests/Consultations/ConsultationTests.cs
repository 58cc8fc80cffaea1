using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Consultations;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;
using Nara.Transparency.Log;

namespace Nara.Tests.Consultations;

/// <summary>
/// A consultation on a draft text end to end: drafted and opened by an agency, commented paragraph by paragraph with
/// replies, agreed and disagreed with (a second answer replaces the first), a comment reported and hidden with a reason,
/// closed, answered with a response report and a revised text shown as a diff — all as open data and in the public log.
/// </summary>
public sealed class ConsultationTests : AppTest
{
    private const string Draft = "# Draft water by-law\n\nEvery household pays for the water it uses, read from a meter every month.\n\nStandpipes stay free for households without a connection.\n\nLate payers are disconnected after 30 days.";

    [Fact]
    public async Task Consultation_FromDraftToReportWithDiff()
    {
        var (agency, _) = await app.CreateAgencyAsync("Water Board");
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));
        using var moderator = await app.SignInAsync(await app.CreateStaffAsync("moderator"));
        var form = await officer.OpenAsync("/office/consultations/new");
        var invalid = await officer.SubmitAsync(form, new Dictionary<string, string?> { ["Title"] = "", ["Text"] = "", ["ClosesOn"] = "2001-01-01" });
        var created = await officer.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["AgencyId"] = agency.ToString("D"),
            ["Title"] = "Draft water by-law",
            ["Summary"] = "How water is paid for, and what happens to late payers.",
            ["Text"] = Draft,
            ["ClosesOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        var id = long.Parse(created.Url.Split('/')[^1], CultureInfo.InvariantCulture);
        using var visitor = app.Session();
        var hiddenDraft = await visitor.GetAsync($"/consultations/{id}");
        var opened = await officer.SubmitAsync(created, new Dictionary<string, string?>(), "form[action*='handler=Open']");

        // Residents comment on paragraph 4 (disconnection), reply, agree and change their minds.
        using var ama = await app.SignInCitizenAsync();
        using var kofi = await app.SignInCitizenAsync();
        var paragraph = await ama.OpenAsync($"/consultations/{id}/paragraphs/4");
        var tooShort = await ama.SubmitAsync(paragraph, new Dictionary<string, string?> { ["Text"] = "no" }, "form[action*='handler=Comment']");
        await ama.SubmitAsync(paragraph, new Dictionary<string, string?> { ["Text"] = "Thirty days is too short for families paid at harvest time." }, "form[action*='handler=Comment']");
        var thread = await kofi.OpenAsync($"/consultations/{id}/paragraphs/4");
        var replyForm = await kofi.OpenAsync(thread.Document.QuerySelector("a[href^='?reply=']")!.GetAttribute("href")!.Split('#')[0].Insert(0, $"/consultations/{id}/paragraphs/4"));
        await kofi.SubmitAsync(replyForm, new Dictionary<string, string?> { ["Text"] = "Agreed: ninety days, and never for households with small children." }, "form[action*='handler=Comment']");
        await kofi.SubmitAsync(await kofi.OpenAsync($"/consultations/{id}/paragraphs/4"), new Dictionary<string, string?> { ["Text"] = "Write to me at kofi@private.example, idiots." }, "form[action*='handler=Comment']");
        foreach (var (person, agrees) in new[] { (ama, "true"), (ama, "false"), (kofi, "false") })
        {
            await person.SubmitAsync(await person.OpenAsync($"/consultations/{id}/paragraphs/4"), new Dictionary<string, string?> { ["agrees"] = agrees }, "form[action*='handler=React']");
        }

        // The rude comment is reported and hidden with a reason.
        var withRude = await ama.OpenAsync($"/consultations/{id}/paragraphs/4");
        var rudeId = await Db(db => db.Set<ConsultationComment>().Where(c => c.Text.Contains("idiots")).Select(c => c.Id).SingleAsync());
        var reported = await ama.SubmitAsync(withRude, new Dictionary<string, string?> { ["commentId"] = rudeId.ToString(CultureInfo.InvariantCulture) }, "form[action*='handler=Report']");
        var queue = await moderator.OpenAsync($"/office/consultations/{id}");
        await moderator.SubmitAsync(queue, new Dictionary<string, string?> { ["commentId"] = rudeId.ToString(CultureInfo.InvariantCulture), [$"reason-{rudeId}"] = "offensive" }, "form[action*='handler=Hide']");
        var afterHiding = await visitor.OpenAsync($"/consultations/{id}/paragraphs/4");
        var overview = await visitor.OpenAsync($"/consultations/{id}");

        // Comments close; the report answers paragraph 4 and revises it.
        await Db(db => db.Set<Consultation>().Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var late = await ama.OpenAsync($"/consultations/{id}/paragraphs/4");
        var reportPage = await officer.OpenAsync($"/office/consultations/{id}");
        var missing = await officer.SubmitAsync(reportPage, new Dictionary<string, string?> { ["Summary"] = "People asked for more time before disconnection." }, "form[action*='handler=Report']");
        var revised = Draft.Replace("Late payers are disconnected after 30 days.", "Late payers are disconnected after 90 days, never in households with children under five.", StringComparison.Ordinal);
        var published = await officer.SubmitAsync(reportPage, new Dictionary<string, string?>
        {
            ["Summary"] = "People asked for more time before disconnection, and protection for young children.",
            ["Response-4"] = "Changed: 90 days, and no disconnection of households with children under five.",
            ["Revised"] = revised,
        }, "form[action*='handler=Report']");
        var comments = await visitor.Client.GetStringAsync("/data/consultation-comments.csv");
        var paragraphs = await visitor.Client.GetStringAsync("/data/consultation-paragraphs.csv");
        var authors = await Db(db => db.Set<ConsultationComment>().Select(c => c.AuthorId).Distinct().ToListAsync());
        var log = (await Db(db => db.Set<LogEntry>().Select(e => e.Data).ToListAsync())).Select(e => Encoding.UTF8.GetString(e)).ToList();

        Assert.NotEmpty(invalid.Errors);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, hiddenDraft.Status);
        Assert.Contains("Paragraph 4", (await visitor.OpenAsync($"/consultations/{id}")).Html, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, opened.Status);
        Assert.Contains("Write your comment in 3 to 2000 characters.", tooShort.Errors);
        Assert.Contains("ninety days", thread.Html + afterHiding.Html, StringComparison.Ordinal);
        Assert.Contains("Thank you. A moderator will look at the comment you reported.", reported.Html, StringComparison.Ordinal);
        Assert.Contains("idiots", queue.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("idiots", afterHiding.Html, StringComparison.Ordinal);
        Assert.Contains("Hidden by a moderator: Offensive", afterHiding.Html, StringComparison.Ordinal);
        Assert.Contains("0 agree · 2 disagree", afterHiding.Html, StringComparison.Ordinal);
        Assert.Contains("2 comments · 0 agree · 2 disagree", overview.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Comment", late.Html, StringComparison.Ordinal);
        Assert.Contains("Respond to paragraph 4: people commented on it or said whether they agree.", missing.Errors);
        Assert.Contains("Response report: Draft water by-law", published.Title, StringComparison.Ordinal);
        Assert.Contains("<del><span class=\"visually-hidden\">removed: </span>30</del>", published.Html, StringComparison.Ordinal);
        Assert.Contains("<ins><span class=\"visually-hidden\">added: </span>90</ins>", published.Html, StringComparison.Ordinal);
        Assert.Contains("Changed: 90 days", published.Html, StringComparison.Ordinal);
        Assert.Contains("Thirty days is too short", comments, StringComparison.Ordinal);
        Assert.DoesNotContain("idiots", comments, StringComparison.Ordinal);
        Assert.Contains(",offensive", comments, StringComparison.Ordinal);
        Assert.Contains($"{id},4,", paragraphs, StringComparison.Ordinal);
        Assert.Contains("Changed: 90 days", paragraphs, StringComparison.Ordinal);
        Assert.All(authors, author => Assert.DoesNotContain(author.ToString(), comments + paragraphs, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(log, e => e.Contains("consultations.opened.v1", StringComparison.Ordinal) && e.Contains(ConsultationWork.Sha256(Draft), StringComparison.Ordinal));
        Assert.Contains(log, e => e.Contains("consultations.comment-hidden.v1", StringComparison.Ordinal) && e.Contains("offensive", StringComparison.Ordinal));
        Assert.Contains(log, e => e.Contains("consultations.report-published.v1", StringComparison.Ordinal) && e.Contains(ConsultationWork.Sha256(revised), StringComparison.Ordinal));
        Assert.DoesNotContain(log, e => e.Contains("idiots", StringComparison.Ordinal) || e.Contains("private.example", StringComparison.Ordinal));
    }

    private Task<T> Db<T>(Func<NaraDb, Task<T>> query) =>
        app.WithScopeAsync(sp => query(sp.GetRequiredService<NaraDb>()));
}
