namespace Nara.Platform.Outbox;

/// <summary>How messages leave Nara. Without an SMTP host or SMS gateway they are written to the data folder.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Whether this instance runs the delivery worker (an instance may be kept for reads only).</summary>
    public bool Enabled { get; set; } = true;

    public SmtpSettings Smtp { get; set; } = new();

    public SmsSettings Sms { get; set; } = new();

    /// <summary>How often the dispatcher looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int MaxAttempts { get; set; } = 10;

    /// <summary>How many messages one claim takes (one SMTP connection sends them; they are recorded as sent every 25 messages, but not more often than every 250 ms). Keep batch × slowest send well inside the lease.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claimed batch belongs to its instance: if the instance dies, the batch is sent again after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Nara <no-reply@nara.localhost>";
}

public sealed class SmsSettings
{
    /// <summary>An HTTP endpoint that accepts a form post with <c>to</c>, <c>message</c> and <c>from</c>.</summary>
    public string? GatewayUrl { get; set; }

    public string? ApiKey { get; set; }

    public string From { get; set; } = "NARA";
}
