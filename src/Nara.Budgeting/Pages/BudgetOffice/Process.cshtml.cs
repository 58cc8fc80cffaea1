using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Budgeting.Pages.BudgetOffice;

/// <summary>Managing a process: its projects for review, and (administrators) the electoral list and one-time codes.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class ProcessModel(BudgetWork work, NaraDb db, Jurisdiction jurisdiction, IStringLocalizer<Strings> text) : PageModel
{
    public const int MaxCodes = 1000;

    public BudgetProcess Process { get; private set; } = null!;

    public string Phase { get; private set; } = "";

    public bool Administrator { get; private set; }

    public IReadOnlyList<BudgetProject> Projects { get; private set; } = [];

    public int Eligible { get; private set; }

    public int VerifiedCount { get; private set; }

    public int Ballots { get; private set; }

    public int? Loaded { get; private set; }

    public IReadOnlyList<string> CensusProblems { get; private set; } = [];

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public IReadOnlyList<string> SmsProblems { get; private set; } = [];

    public int? Sent { get; private set; }

    public IReadOnlyList<SelectListItem> DistrictOptions =>
        [new(text["Any district"], ""), .. jurisdiction.Regions.Select(r => new SelectListItem(r.Value, r.Key))];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCensusAsync(long id, IFormFile? list, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !Administrator)
        {
            return NotFound();
        }

        if (list is not { Length: > 0 })
        {
            CensusProblems = [text["Choose the CSV file of the list."]];
            ModelState.AddModelError("List", CensusProblems[0]);
            return Page();
        }

        await using var stream = list.OpenReadStream();
        var (added, problems) = await work.LoadCensusAsync(Process, stream, new Platform.Events.Actor(User.UserId(), StaffRoles.Administrator), cancellationToken);
        CensusProblems = [.. problems.Select(p => text[p.Message, p.Values].Value)];
        if (problems.Count > 0)
        {
            ModelState.AddModelError("List", text["The list was not loaded: {0} lines have problems.", problems.Count]);
            return Page();
        }

        Loaded = added;
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCodesAsync(long id, string? codeDistrict, int? codeCount, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !Administrator)
        {
            return NotFound();
        }

        if (codeCount is not (> 0 and <= MaxCodes))
        {
            ModelState.AddModelError("CodeCount", text["Enter how many codes, from 1 to {0}.", MaxCodes]);
            return Page();
        }

        var district = string.IsNullOrEmpty(codeDistrict) || !jurisdiction.Codes.Contains(codeDistrict) ? null : codeDistrict;
        Codes = await work.IssueCodesAsync(Process, district, codeCount.Value, new Platform.Events.Actor(User.UserId(), StaffRoles.Administrator), cancellationToken);
        if (Codes.Count == 0)
        {
            ModelState.AddModelError("CodeDistrict", text["Choose a district with a budget in this process."]);
            return Page();
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSendCodesAsync(long id, string? phones, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || !Administrator)
        {
            return NotFound();
        }

        var title = Process.Title.Length > 50 ? Process.Title[..47] + "…" : Process.Title;
        var verify = $"{PublicAddress.Of(HttpContext)}/budgets/{id}/verify";
        var (sent, problems) = await work.SendCodesAsync(Process, phones, code => text["Your code to take part in \"{0}\": {1}. Enter it at {2}", title, code, verify],
            System.Globalization.CultureInfo.CurrentUICulture.Name, new Platform.Events.Actor(User.UserId(), StaffRoles.Administrator), cancellationToken);
        if (problems.Count > 0)
        {
            SmsProblems = [.. problems.Select(p => text[p.Message, p.Values].Value)];
            ModelState.AddModelError("Phones", text["No code was sent: {0} lines have problems.", problems.Count]);
            return Page();
        }

        Sent = sent;
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var process = await work.FindAsync(id, cancellationToken);
        if (process is null || process.Imported || !BudgetRoles.MayReview(User, process.AgencyId))
        {
            return false;
        }

        Process = process;
        Administrator = BudgetRoles.IsAdministrator(User);
        Phase = Phases.At(process, work.Now);
        Projects = await work.ProjectsAsync(id, cancellationToken);
        Eligible = await db.Set<EligibleVoter>().CountAsync(v => v.ProcessId == id, cancellationToken);
        VerifiedCount = await db.Set<EligibleVoter>().CountAsync(v => v.ProcessId == id && v.PersonId != null, cancellationToken);
        Ballots = await db.Set<BudgetBallot>().CountAsync(b => b.ProcessId == id, cancellationToken);
        return true;
    }
}
