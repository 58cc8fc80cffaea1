using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Cases.Pages.Office;

internal sealed record QueueLine(string Reference, string Service, string State, DateOnly? Due, bool Overdue, bool Escalated, string? AssignedTo);

/// <summary>An agency's open cases, most urgent first, with the filters officers work by.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class QueueModel(NaraDb db, BlueprintCatalog catalog, IAgencyDirectory directory, Deadlines deadlines) : PageModel
{
    public static readonly string[] Filters = ["all", "overdue", "due-soon", "mine", "unassigned"];

    [BindProperty(SupportsGet = true)]
    public string Show { get; set; } = "all";

    public AgencyInfo Agency { get; private set; } = null!;

    public IReadOnlyList<QueueLine> Cases { get; private set; } = [];

    public IReadOnlyList<(string Name, int Open, int Overdue)> Workload { get; private set; } = [];

    public bool IsSupervisor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string agency, CancellationToken cancellationToken)
    {
        var found = (await directory.AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Code == agency);
        if (found is null)
        {
            return NotFound();
        }

        if (!User.CanSeeAgency(found.Id))
        {
            return Forbid();
        }

        Agency = found;
        IsSupervisor = User.HasRole(StaffRoles.Supervisor, found.Id) || User.HasRole(StaffRoles.Director, found.Id);
        var today = deadlines.Today;
        var soon = (await deadlines.CalendarAsync(cancellationToken)).AddWorkingDays(today, 2);
        var me = CaseRoles.UserId(User);
        var query = db.Set<Case>().AsNoTracking().Where(c => c.AgencyId == found.Id && c.ClosedAt == null && c.SubmittedAt != null);
        query = Show switch
        {
            "overdue" => query.Where(c => c.StateDueOn < today),
            "due-soon" => query.Where(c => c.StateDueOn >= today && c.StateDueOn <= soon),
            "mine" => query.Where(c => c.AssignedTo == me),
            "unassigned" => query.Where(c => c.AssignedTo == null),
            _ => query,
        };
        var rows = await query.OrderBy(c => c.StateDueOn == null).ThenBy(c => c.StateDueOn).ThenBy(c => c.SubmittedAt).Take(200).ToListAsync(cancellationToken);
        var staff = (await directory.StaffAsync(found.Id, cancellationToken)).GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => g.First().Name);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var lines = new List<QueueLine>();
        foreach (var c in rows)
        {
            var blueprint = await catalog.FindAsync(db, c.BlueprintId, c.BlueprintVersion, cancellationToken);
            var text = blueprint is null ? null : new BlueprintText(blueprint, language);
            lines.Add(new QueueLine(c.Reference, text?.Title ?? c.BlueprintId, text?.State(c.State) ?? c.State, c.StateDueOn, c.StateDueOn < today, c.EscalatedAt is not null,
                c.AssignedTo is { } a ? staff.GetValueOrDefault(a) : null));
        }

        Cases = lines;
        if (IsSupervisor)
        {
            var open = await db.Set<Case>().AsNoTracking().Where(c => c.AgencyId == found.Id && c.ClosedAt == null && c.SubmittedAt != null && c.AssignedTo != null)
                .GroupBy(c => c.AssignedTo).Select(g => new { g.Key, Open = g.Count(), Overdue = g.Count(c => c.StateDueOn < today) }).ToListAsync(cancellationToken);
            Workload = [.. open.Select(o => (staff.GetValueOrDefault(o.Key!.Value) ?? "?", o.Open, o.Overdue))];
        }

        return Page();
    }
}
