using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Nara.Platform.Storage;

namespace Nara.Platform.Outbox;

/// <summary>Queues messages in the current unit of work. The caller's <c>SaveChangesAsync</c> commits them.</summary>
public sealed class Outbox(NaraDb db, IDataProtectionProvider protection, TimeProvider clock)
{
    internal const string Purpose = "Nara.Outbox.v1";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public OutboxMessage Queue(Channel channel, string recipient, string subject, string body, string culture, string template)
    {
        var message = Prepare(channel, recipient, subject, body, culture, template);
        db.Outbox.Add(message);
        return message;
    }

    /// <summary>Builds (and encrypts) a message without queuing it: for writers that add many rows in one batch.</summary>
    public OutboxMessage Prepare(Channel channel, string recipient, string subject, string body, string culture, string template)
    {
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Channel = channel,
            ProtectedContent = protector.Protect(JsonSerializer.Serialize(new OutboxContent(recipient, subject, body), OutboxJson.Default.OutboxContent)),
            Culture = culture,
            Template = template,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        return message;
    }
}

/// <summary>What an outbox row protects: where the message goes and what it says.</summary>
internal sealed record OutboxContent(string To, string Subject, string Body);

[JsonSerializable(typeof(OutboxContent))]
internal sealed partial class OutboxJson : JsonSerializerContext;
