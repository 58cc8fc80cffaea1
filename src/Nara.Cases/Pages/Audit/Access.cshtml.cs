using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Cases.Pages.Audit;

internal sealed record AccessLine(DateTimeOffset At, string Agency, string Staff, string Role, string Reference, string Purpose);

/// <summary>
/// Auditors search every staff opening of personal data across agencies — by agency and by dates — and export it
/// as CSV. The same records each applicant sees on their own case page.
/// </summary>
[Authorize(Policy = NaraPolicies.Auditor)]
internal sealed class AccessModel(NaraDb db, IAgencyDirectory directory, Microsoft.Extensions.Localization.IStringLocalizer<Strings> text) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)]
    public string? Agency { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public IReadOnlyList<AccessLine> Lines { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public string ExportLink => $"/audit/access?handler=Csv&Agency={Uri.EscapeDataString(Agency ?? "")}&From={Uri.EscapeDataString(From ?? "")}&To={Uri.EscapeDataString(To ?? "")}";

    public async Task OnGetAsync(CancellationToken cancellationToken) => Lines = await SearchAsync(PageSize, cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var lines = await SearchAsync(100_000, cancellationToken);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvHelper.CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteField("time");
            csv.WriteField("agency");
            csv.WriteField("staff");
            csv.WriteField("role");
            csv.WriteField("case");
            csv.WriteField("purpose");
            await csv.NextRecordAsync();
            foreach (var line in lines)
            {
                csv.WriteField(line.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.WriteField(line.Agency);
                csv.WriteField(line.Staff);
                csv.WriteField(line.Role);
                csv.WriteField(line.Reference);
                csv.WriteField(line.Purpose);
                await csv.NextRecordAsync();
            }
        }

        return File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", "personal-data-access.csv");
    }

    private async Task<IReadOnlyList<AccessLine>> SearchAsync(int limit, CancellationToken cancellationToken)
    {
        var agencies = await directory.AgenciesAsync(cancellationToken);
        Agencies = [new SelectListItem(text["All agencies"], ""), .. agencies.Select(a => new SelectListItem(a.Name, a.Code))];
        var query = db.Set<CaseAccess>().AsNoTracking();
        if (agencies.FirstOrDefault(a => a.Code == Agency) is { } agency)
        {
            query = query.Where(a => a.AgencyId == agency.Id);
        }

        if (DateOnly.TryParseExact(From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At >= start);
        }

        if (DateOnly.TryParseExact(To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < end);
        }

        var rows = await query.OrderByDescending(a => a.Id).Take(limit)
            .Join(db.Set<Case>(), a => a.CaseId, c => c.Id, (a, c) => new { a.At, a.AgencyId, a.ViewerId, a.Role, c.Reference, a.Purpose })
            .ToListAsync(cancellationToken);
        var names = new Dictionary<Guid, string>();
        foreach (var viewer in rows.Select(r => r.ViewerId).Distinct())
        {
            names[viewer] = (await directory.PersonAsync(viewer, cancellationToken))?.Name ?? "";
        }

        return [.. rows.Select(r => new AccessLine(r.At, agencies.FirstOrDefault(a => a.Id == r.AgencyId)?.Name ?? "", names[r.ViewerId], r.Role, r.Reference, r.Purpose))];
    }
}
