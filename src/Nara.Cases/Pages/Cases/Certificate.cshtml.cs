using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nara.Blueprints;
using Nara.Cases.Certificates;
using Nara.Cases.Pages.Apply;
using Nara.Identity.Contracts;
using Nara.Platform.Localization;

namespace Nara.Cases.Pages.Cases;

/// <summary>The issued document as a PDF, for the applicant (or the agent who helped them) and the agency's staff.</summary>
[Authorize(Policy = NaraPolicies.SignedIn)]
internal sealed class CertificateModel(CaseWork work, CertificateIssuer issuer, IStringLocalizer<Strings> text) : ApplyPageModel(work)
{
    public async Task<IActionResult> OnGetAsync(string reference, string code, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        var open = await Work.FindAsync(reference, cancellationToken);
        var found = await issuer.FindAsync(code, cancellationToken);
        if (open is null || found is not { } certificate || certificate.Certificate.CaseId != open.Case.Id || CaseRoles.For(User, open.Case).Count == 0)
        {
            return NotFound();
        }

        var content = certificate.Content;
        using var language = new CultureScope(content.Language);
        var labels = new CertificateLabels(text["Issued by"], text["Issued on"], text["Valid until"], text["Verification code"], text["Check this document at"]);
        var pdf = CertificatePdf.Render(new CertificateContent(
            content.Title, content.Issuer, content.Reference, certificate.Certificate.Code,
            $"{Request.Scheme}://{Request.Host}/verify/{certificate.Certificate.Code}",
            DateOnly.FromDateTime(certificate.Certificate.IssuedAt.UtcDateTime), certificate.Certificate.ValidUntil,
            [.. content.Lines.Select(l => (l.Label, l.Value))], content.Language, labels));
        return File(pdf, "application/pdf", $"{open.Blueprint.Id}-{certificate.Certificate.Code}.pdf");
    }
}
