using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;
using Nara.Identity.Demo;
using Nara.Platform.Hosting;
using OtpNet;

namespace Nara.Web.Pages.Demo;

internal sealed record DemoMessage(string Channel, string To, string Subject, string Body, DateTimeOffset At);

/// <summary>Shows what Nara "sent" in the demo (files under DATA/mail and DATA/sms) and the demo staff's authenticator codes.</summary>
internal sealed class MailboxModel(NaraSettings settings, IServiceProvider services) : PageModel
{
    public List<DemoMessage> Messages { get; } = [];

    public List<(string Email, string Code)> Codes { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!settings.ShowsDemoMailbox)
        {
            return NotFound();
        }

        foreach (var (email, key) in await IdentityDemo.AuthenticatorKeysAsync(services))
        {
            Codes.Add((email, new Totp(Base32Encoding.ToBytes(key)).ComputeTotp()));
        }

        var mail = new DirectoryInfo(Path.Combine(settings.DataDirectory, "mail"));
        var sms = new DirectoryInfo(Path.Combine(settings.DataDirectory, "sms"));
        var files = (mail.Exists ? mail.GetFiles("*.eml") : []).Concat(sms.Exists ? sms.GetFiles("*.txt") : [])
            .OrderByDescending(f => f.LastWriteTimeUtc).Take(30);
        foreach (var file in files)
        {
            if (file.Extension == ".eml")
            {
                using var message = await MimeMessage.LoadAsync(file.FullName, cancellationToken);
                Messages.Add(new DemoMessage("Email", message.To.ToString(), message.Subject ?? "", message.TextBody ?? "", file.LastWriteTimeUtc));
            }
            else
            {
                var lines = await System.IO.File.ReadAllLinesAsync(file.FullName, cancellationToken);
                Messages.Add(new DemoMessage("SMS", lines.FirstOrDefault()?.Replace("To: ", "", StringComparison.Ordinal) ?? "", "SMS", string.Join('\n', lines.Skip(2)), file.LastWriteTimeUtc));
            }
        }

        return Page();
    }
}
