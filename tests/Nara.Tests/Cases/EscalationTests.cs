using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nara.Cases;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>Deadlines in working days honour holidays; overdue cases are escalated once, and the supervisor is told.</summary>
public sealed class EscalationTests() : JourneyTest(new NaraApp { Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) })
{
    private static readonly Dictionary<string, string?> NoFields = [];

    [Fact]
    public async Task Deadline_HolidayInTheWay_DueOneWorkingDayLater()
    {
        await AddHolidayAsync("2026-11-24", "Founders' Day");
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("residence-certificate"), new Dictionary<string, string> { ["years_at_address"] = "0" });

        await citizen.SubmitAsync(check, NoFields);

        var due = await DbAsync(db => db.Set<Case>().Where(c => c.Reference == reference).Select(c => c.StateDueOn).SingleAsync());
        Assert.Equal(new DateOnly(2026, 11, 26), due);
    }

    [Fact]
    public async Task Escalate_PastDeadline_EscalatedOnceSupervisorMailedAndQueueShowsIt()
    {
        var supervisorLogin = await app.CreateStaffAsync("supervisor", AgencyId("capital-city"));
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("residence-certificate"), new Dictionary<string, string> { ["years_at_address"] = "0" });
        await citizen.SubmitAsync(check, NoFields);

        // Moving the due date rather than the clock: advancing a fake clock by days fires every per-second timer in between.
        var early = await EscalateAsync();
        await SetDueAsync(reference, new DateOnly(2026, 11, 23));
        var onTheDueDay = await EscalateAsync();
        await SetDueAsync(reference, new DateOnly(2026, 11, 22));
        var late = await EscalateAsync();
        var again = await EscalateAsync();

        Assert.Equal((0, 0, 1, 0), (early, onTheDueDay, late, again));
        var mail = await app.Smtp.WaitForAsync(supervisorLogin.Email);
        Assert.Contains(reference, mail.Subject, StringComparison.Ordinal);
        using var supervisor = await app.SignInAsync(supervisorLogin);
        var overdue = await supervisor.OpenAsync("/office/capital-city?show=overdue");
        Assert.Contains(reference, overdue.Html, StringComparison.Ordinal);
        Assert.Contains("Escalated", overdue.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HolidaysPage_AddAndRemove_BadDateRefused()
    {
        using var admin = await app.SignInAsync(await app.CreateStaffAsync("administrator"));
        var page = await admin.OpenAsync("/admin/holidays");

        var bad = await admin.SubmitAsync(page, new Dictionary<string, string?> { ["Date"] = "31/31/2026", ["Name"] = "Nonsense" });
        var added = await admin.SubmitAsync(page, new Dictionary<string, string?> { ["Date"] = "2026-12-25", ["Name"] = "Christmas Day" });

        Assert.NotEmpty(bad.Errors);
        Assert.Contains("Christmas Day", added.Html, StringComparison.Ordinal);
        var removed = await admin.SubmitAsync(added, NoFields, "form[action$='handler=Remove']");
        Assert.DoesNotContain("Christmas Day", removed.Html, StringComparison.Ordinal);
    }

    private Task<int> EscalateAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<EscalationWork>().EscalateDueAsync(default));

    private Task<int> SetDueAsync(string reference, DateOnly due) => app.WithScopeAsync(sp =>
        sp.GetRequiredService<Nara.Platform.Storage.NaraDb>().Set<Case>().Where(c => c.Reference == reference).ExecuteUpdateAsync(u => u.SetProperty(c => c.StateDueOn, due)));

    private Task<int> AddHolidayAsync(string date, string name) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<Nara.Platform.Storage.NaraDb>();
        db.Set<Holiday>().Add(new Holiday { Date = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Name = name });
        return await db.SaveChangesAsync();
    });
}
