using System.Net.Http.Headers;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Nara.Platform.Storage;

namespace Nara.Platform.Outbox;

/// <summary>A message ready to leave, with its outbox id used as the idempotency key downstream.</summary>
public sealed record OutgoingMessage(Guid Id, Channel Channel, string Recipient, string Subject, string Body, string Culture);

public interface IMessageTransport
{
    Channel Channel { get; }

    Task SendAsync(IReadOnlyList<OutgoingMessage> messages, Func<OutgoingMessage, Exception?, Task> completed, CancellationToken cancellationToken);
}

internal static class Mime
{
    public static MimeMessage Build(OutgoingMessage message, string from)
    {
        var mime = new MimeMessage
        {
            // A stable Message-ID lets receiving systems drop a copy sent again after a crash.
            MessageId = $"{message.Id:N}@nara",
            Subject = message.Subject,
            Body = new TextPart("plain") { Text = message.Body, Headers = { { HeaderId.ContentLanguage, message.Culture } } },
        };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        return mime;
    }
}

internal sealed class SmtpTransport(IOptions<DeliveryOptions> options) : IMessageTransport
{
    public Channel Channel => Channel.Email;

    public async Task SendAsync(IReadOnlyList<OutgoingMessage> messages, Func<OutgoingMessage, Exception?, Task> completed, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host ?? "localhost", smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        }

        foreach (var message in messages)
        {
            Exception? error = null;
            try
            {
                await client.SendAsync(Mime.Build(message, smtp.From), cancellationToken);
            }
            catch (Exception e) when (e is SmtpCommandException or FormatException or ParseException)
            {
                error = e;
            }

            await completed(message, error);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>Development and demo delivery: each email is an .eml file under DATA/mail, named by its outbox id.</summary>
internal sealed class FileMailTransport(StorageSettings storage, IOptions<DeliveryOptions> options) : IMessageTransport
{
    public Channel Channel => Channel.Email;

    public async Task SendAsync(IReadOnlyList<OutgoingMessage> messages, Func<OutgoingMessage, Exception?, Task> completed, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(storage.DataDirectory, "mail")).FullName;
        foreach (var message in messages)
        {
            // A small local file, written synchronously (a fraction of the cost of an asynchronous file stream). A new
            // file is created without truncation, which spares ext4 a flush on close; a message sent again after a
            // crash replaces its earlier copy.
            var mime = Mime.Build(message, options.Value.Smtp.From);
            var path = Path.Combine(folder, $"{message.Id:N}.eml");
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 8192);
            }
            catch (IOException) when (File.Exists(path))
            {
                file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 8192);
            }

            using (file)
            {
                mime.WriteTo(file, cancellationToken);
            }

            await completed(message, null);
        }
    }
}

internal sealed class HttpSmsTransport(IHttpClientFactory httpFactory, IOptions<DeliveryOptions> options) : IMessageTransport
{
    public Channel Channel => Channel.Sms;

    public async Task SendAsync(IReadOnlyList<OutgoingMessage> messages, Func<OutgoingMessage, Exception?, Task> completed, CancellationToken cancellationToken)
    {
        var sms = options.Value.Sms;
        using var http = httpFactory.CreateClient(nameof(HttpSmsTransport));
        foreach (var message in messages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, sms.GatewayUrl)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["to"] = message.Recipient,
                    ["message"] = message.Body,
                    ["from"] = sms.From,
                    ["id"] = message.Id.ToString("N"),
                }),
            };
            if (!string.IsNullOrEmpty(sms.ApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sms.ApiKey);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            var error = response.IsSuccessStatusCode ? null : new HttpRequestException($"SMS gateway answered {(int)response.StatusCode}");
            await completed(message, error);
        }
    }
}

/// <summary>Development and demo delivery: each SMS is a text file under DATA/sms.</summary>
internal sealed class FileSmsTransport(StorageSettings storage) : IMessageTransport
{
    public Channel Channel => Channel.Sms;

    public async Task SendAsync(IReadOnlyList<OutgoingMessage> messages, Func<OutgoingMessage, Exception?, Task> completed, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(storage.DataDirectory, "sms")).FullName;
        foreach (var message in messages)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"{message.Id:N}.txt"), $"To: {message.Recipient}\n\n{message.Body}\n", cancellationToken);
            await completed(message, null);
        }
    }
}
