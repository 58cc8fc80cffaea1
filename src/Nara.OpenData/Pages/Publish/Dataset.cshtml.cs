using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.OpenData.Pages.Publish;

/// <summary>A dataset of one's agency: add files (each checked and previewed before anyone sees it), then publish.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
// Up to twice the file limit is read, so that a file a little too big gets the clear message rather than a refused request.
[RequestSizeLimit(2 * ResourceFiles.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * ResourceFiles.MaxBytes)]
internal sealed class DatasetModel(NaraDb db, DatasetWork work, IAgencyDirectory directory, ResourcePreview previews, IStringLocalizer<Strings> text) : PageModel
{
    public Nara.OpenData.Dataset Dataset { get; private set; } = null!;

    public string Publisher { get; private set; } = "";

    public Preview? Preview { get; private set; }

    public Resource? Previewed { get; private set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Label { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        byte[] content = [];
        if (Upload is { Length: > 0 and <= ResourceFiles.MaxBytes })
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }
        else if (Upload is { Length: > ResourceFiles.MaxBytes })
        {
            content = new byte[ResourceFiles.MaxBytes + 1];
        }

        var result = await work.AddFileAsync(Dataset, Upload?.FileName, content, Label, Description, Actor(), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/publish/datasets/{id:D}?done=uploaded");
        }

        Show(result);
        await PreviewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var result = await work.PublishAsync(Dataset, Actor(), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/publish/datasets/{id:D}?done=published");
        }

        Show(result);
        await PreviewAsync(cancellationToken);
        return Page();
    }

    private void Show(WorkResult result)
    {
        foreach (var (field, problem) in result.Problems)
        {
            ModelState.AddModelError(field, text[problem.Message, problem.Arguments]);
        }
    }

    private Actor Actor() => new(User.UserId(), PublishRoles.RoleIn(User, Dataset.AgencyId!.Value), Dataset.AgencyId);

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var dataset = await db.Set<Nara.OpenData.Dataset>().Include(d => d.Resources).Include(d => d.Tags).AsSplitQuery().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        // Another agency's dataset is answered as if it did not exist.
        if (dataset is null || dataset.Feed is not null || !PublishRoles.MayPublishFor(User, dataset.AgencyId))
        {
            return false;
        }

        Dataset = dataset;
        Publisher = (await directory.AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Id == dataset.AgencyId)?.Name ?? "";
        if (HttpMethods.IsGet(Request.Method))
        {
            await PreviewAsync(cancellationToken);
        }

        return true;
    }

    private async Task PreviewAsync(CancellationToken cancellationToken)
    {
        Previewed = Dataset.Resources.Where(r => r.Format == "CSV").MaxBy(r => r.CreatedAt);
        Preview = Previewed is null ? null : await previews.ReadAsync(Previewed, 10, cancellationToken);
    }
}
