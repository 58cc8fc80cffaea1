namespace Nara.Petitions;

/// <summary>Configuration section "Petitions".</summary>
public sealed class PetitionOptions
{
    /// <summary>Supporters who must sign through the private link before a petition goes to moderation.</summary>
    public int Supporters { get; set; } = 5;

    public int OpenMonths { get; set; } = 6;

    public int ResponseThreshold { get; set; } = 10_000;

    public int DebateThreshold { get; set; } = 100_000;

    /// <summary>Working days moderators have to publish or reject a petition.</summary>
    public int ModerationDays { get; set; } = 10;

    /// <summary>Working days the responsible agency has to respond once the response threshold is crossed.</summary>
    public int ResponseDays { get; set; } = 20;

    /// <summary>Reasons moderators may give for rejecting; "offensive" and "confidential" also hide the text.</summary>
    public List<string> RejectionReasons { get; set; } = ["duplicate", "not-government-responsibility", "already-happening", "unclear", "offensive", "confidential"];

    public List<string> HiddenReasons { get; set; } = ["offensive", "confidential"];

    /// <summary>"strip" treats name+tag@domain as name@domain (one signature); "keep" treats them as different addresses.</summary>
    public string PlusTags { get; set; } = "strip";

    /// <summary>Email domains refused (disposable-address services); checked with their subdomains.</summary>
    public List<string> BlockedDomains { get; set; } = ["mailinator.com", "guerrillamail.com", "10minutemail.com", "trashmail.com", "yopmail.com", "tempmail.dev", "sharklasers.com"];

    /// <summary>When not empty, only these email domains may sign.</summary>
    public List<string> AllowedDomains { get; set; } = [];

    /// <summary>
    /// How a signature is confirmed: "email" (a link sent to an email address) or "sms" (a six-digit code sent to a
    /// mobile number, for places where people have phones but not email). One per petition per address either way.
    /// </summary>
    public string Confirmation { get; set; } = "email";

    /// <summary>Wrong codes allowed before an SMS code stops working (signing again sends a new one).</summary>
    public int CodeAttempts { get; set; } = 5;

    public bool BySms => Confirmation == "sms";

    /// <summary>
    /// Signing again with the same address or number sends a new link or code, or the "you already signed" note, at
    /// most once in this interval per petition (the times are kept on the signature, so this holds across instances
    /// and restarts); repeats in between are answered the same but send nothing (no flooding someone's inbox or
    /// phone, no SMS bill run up in their name).
    /// </summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a confirmation link works.</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often pending confirmations are counted and thresholds checked.</summary>
    public TimeSpan TallyInterval { get; set; } = TimeSpan.FromSeconds(2);
}
