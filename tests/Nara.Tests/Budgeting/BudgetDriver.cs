using System.Globalization;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Budgeting;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Budgeting;

/// <summary>Steps the budgeting tests share: creating a process through its form, moving it between phases, casting through the ballot page.</summary>
internal static class BudgetDriver
{
    /// <summary>Creates a process through the administrator's form; its proposals phase is open.</summary>
    public static async Task<long> CreateProcessAsync(this WebSession administrator, Guid agencyId, string ballotType = "approval", string rule = "mes",
        string budget = "100000", int? maxProjects = null, int? points = null, IDictionary<string, string>? districts = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var form = await administrator.OpenAsync("/office/budgets/new");
        var fields = new Dictionary<string, string?>
        {
            ["Title"] = TestData.Unique("Neighbourhood budget"),
            ["Description"] = "Residents decide how to spend part of the city's budget on their neighbourhoods.",
            ["Currency"] = "DMD",
            ["Budget"] = districts is null ? budget : "",
            ["Rule"] = rule,
            ["BallotType"] = ballotType,
            ["MaxProjects"] = maxProjects?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["Points"] = points?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["MinimumAge"] = "16",
            ["AgencyId"] = agencyId.ToString("D"),
            ["ProposalsFrom"] = Day(today, -1),
            ["ReviewFrom"] = Day(today, 10),
            ["VotingFrom"] = Day(today, 20),
            ["VotingUntil"] = Day(today, 30),
            ["ImplementationFrom"] = Day(today, 40),
        };
        foreach (var (district, amount) in districts ?? new Dictionary<string, string>())
        {
            fields["District-" + district] = amount;
        }

        var created = await administrator.SubmitAsync(form, fields);
        Assert.True(created.Errors.Count == 0, string.Join("; ", created.Errors));
        return long.Parse(created.Url.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    /// <summary>Moves a process's dates so that <paramref name="phase"/> is open now (phases open by the clock alone).</summary>
    public static Task MoveToAsync(this NaraApp app, long processId, string phase)
    {
        var offset = Array.IndexOf(["proposals", "review", "voting", "results", "implementation"], phase);
        var now = DateTimeOffset.UtcNow;
        // Phase k opens one hour ago; each earlier phase opened ten days before the next; later ones open ten days apart.
        DateTimeOffset Opens(int k) => k <= offset ? now.AddHours(-1).AddDays(-10 * (offset - k)) : now.AddDays(10 * (k - offset));
        return app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<BudgetProcess>().Where(p => p.Id == processId).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.ProposalsFrom, Opens(0)).SetProperty(p => p.ReviewFrom, Opens(1)).SetProperty(p => p.VotingFrom, Opens(2))
            .SetProperty(p => p.VotingUntil, Opens(3)).SetProperty(p => p.ImplementationFrom, Opens(4))));
    }

    public static Task<int> PublishResultsAsync(this NaraApp app) =>
        app.WithScopeAsync(sp => BudgetingModule.PublishDueResultsAsync(sp, default));

    /// <summary>Ticks the given projects on the ballot form (approval and k-approval) and casts it, or presses "Update the total".</summary>
    public static async Task<WebSession.PageResult> CastApprovalAsync(this WebSession voter, long processId, IEnumerable<long> projects, bool checkOnly = false)
    {
        var page = await voter.OpenAsync($"/budgets/{processId}/ballot");
        foreach (var box in page.Document.QuerySelectorAll("input[name=choice]").OfType<IHtmlInputElement>())
        {
            box.IsChecked = projects.Contains(long.Parse(box.Value, CultureInfo.InvariantCulture));
        }

        if (checkOnly)
        {
            page.Document.QuerySelector("main form")!.SetAttribute("action", $"/budgets/{processId}/ballot?handler=Check");
        }

        return await voter.SubmitAsync(page, new Dictionary<string, string?>());
    }

    /// <summary>Fills the number boxes (points or ranks) of the ballot form and casts it.</summary>
    public static async Task<WebSession.PageResult> CastNumbersAsync(this WebSession voter, long processId, IDictionary<long, int> numbers)
    {
        var page = await voter.OpenAsync($"/budgets/{processId}/ballot");
        var fields = numbers.ToDictionary(n => $"n-{n.Key}", n => (string?)n.Value.ToString(CultureInfo.InvariantCulture));
        return await voter.SubmitAsync(page, fields);
    }

    public static async Task<WebSession.PageResult> VerifyAsync(this WebSession person, long processId, string nationalId, string birthDate)
    {
        var page = await person.OpenAsync($"/budgets/{processId}/verify");
        return await person.SubmitAsync(page, new Dictionary<string, string?> { ["NationalId"] = nationalId, ["BirthDate"] = birthDate }, "form[action*='handler=Census']");
    }

    public static async Task<long> ProposeAsync(this WebSession person, long processId, string title, string cost, string? district = null)
    {
        var page = await person.OpenAsync($"/budgets/{processId}/propose");
        var fields = new Dictionary<string, string?> { ["Title"] = title, ["Description"] = $"{title}: what it is, where, and why the neighbourhood needs it.", ["Cost"] = cost, ["Category"] = "streets" };
        if (district is not null)
        {
            fields["District"] = district;
        }

        var proposed = await person.SubmitAsync(page, fields);
        Assert.True(proposed.Errors.Count == 0, string.Join("; ", proposed.Errors));
        return long.Parse(proposed.Url.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    public static async Task<WebSession.PageResult> ReviewAsync(this WebSession officer, long processId, long projectId, bool feasible, string reason, string? cost = null)
    {
        var page = await officer.OpenAsync($"/office/budgets/{processId}/projects/{projectId}");
        var fields = new Dictionary<string, string?> { ["feasible"] = feasible ? "true" : "false", ["Reason"] = reason };
        if (cost is not null)
        {
            fields["Cost"] = cost;
        }

        return await officer.SubmitAsync(page, fields, "form[action*='handler=Review']");
    }

    private static string Day(DateOnly today, int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
