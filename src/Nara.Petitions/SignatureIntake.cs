using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nara.Petitions.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Hosting;
using Nara.Platform.Localization;
using Nara.Platform.Outbox;
using Nara.Platform.Secrets;
using Nara.Platform.Storage;

namespace Nara.Petitions;

/// <summary>What someone signing sends, by any channel (page, API; SMS and USSD later).</summary>
internal sealed record SignRequest(string? Name, string? Email, string? Region, bool Declaration, bool Notify, string? Phone = null);

/// <summary>Either field errors, or accepted: the same answer whether or not the address signed before.</summary>
internal sealed record SignOutcome(IReadOnlyDictionary<string, string> Errors)
{
    public bool Accepted => Errors.Count == 0;

    /// <summary>The new signature's confirmation key (it goes only into the email; the demo seeder confirms with it), or its SMS code.</summary>
    internal string? ConfirmKey { get; init; }
}

/// <summary>A signer to tell when the government responds.</summary>
internal sealed record Recipient(string Address, string Culture, Channel Channel);

internal sealed record ConfirmOutcome(string? Refusal, Petition? Petition, byte[]? Receipt);

/// <summary>
/// The one way a signature enters Nara, and the one way it is confirmed. A new signature is stored as pending with its
/// confirmation email in the outbox, in one commit; a repeat tells the address's owner (by email), never the requester.
/// </summary>
internal sealed class SignatureIntake(
    NaraDb db,
    EventPublisher events,
    Outbox outbox,
    PersonalHasher hasher,
    Jurisdiction jurisdiction,
    IDataProtectionProvider protection,
    IOptions<PetitionOptions> options,
    IStringLocalizer<Strings> text,
    SignatureWriter writer,
    TimeProvider clock)
{
    private readonly IDataProtector protector = protection.CreateProtector("Nara.Petitions.Contact.v1");

    /// <summary>Whether signatures here are confirmed by an SMS code rather than an email link.</summary>
    public bool BySms => options.Value.BySms;

    public async Task<SignOutcome> SignAsync(Petition petition, SignRequest request, string channel, IPAddress? from, string baseUrl, bool throughSupportLink, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (!(petition.State == Petition.Open || (petition.State == Petition.GatheringSupport && throughSupportLink)))
        {
            errors[""] = "This petition is not open for signatures.";
            return new SignOutcome(errors);
        }

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = "Enter your name.";
        }
        else if (name.Length > 200)
        {
            errors["name"] = "Use 200 characters or fewer.";
        }

        var bySms = options.Value.BySms;
        var email = bySms ? Nara.Platform.Text.PhoneNumbers.Normalize(request.Phone) : Normalize(request.Email, options.Value.PlusTags == "strip");
        // For a mobile number, the country code and operator prefix stand where an email's domain would (fraud review).
        var domain = bySms ? email?[..Math.Min(7, email.Length)] : email?[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        if (email is null)
        {
            errors[bySms ? "phone" : "email"] = bySms ? "Enter a mobile number with its country code, like +233 20 123 4567." : "Enter an email address like name@example.org.";
        }
        else if (!bySms && !Allowed(domain!))
        {
            errors["email"] = "This email address cannot be used to sign. Use another one.";
        }

        if (request.Region is null || !jurisdiction.Codes.Contains(request.Region))
        {
            errors["region"] = "Choose your region from the list.";
        }

        if (!request.Declaration)
        {
            errors["declaration"] = "Confirm that you are eligible to sign.";
        }

        if (errors.Count > 0)
        {
            return new SignOutcome(errors);
        }

        var emailHash = hasher.Hash(bySms ? "petition-phone" : "petition-email", email!);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var key = bySms ? RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture) : WebEncoders(RandomNumberGenerator.GetBytes(18));
        var row = new Signature
        {
            PetitionId = petition.Id,
            EmailHash = emailHash,
            ProtectedContact = protector.Protect(JsonSerializer.Serialize(new Contact(name!, email!, culture, bySms))),
            EmailDomain = domain!,
            Region = request.Region!,
            Notify = request.Notify,
            Network = Network(from),
            Channel = channel,
            State = Signature.Pending,
            ConfirmKeyHash = bySms ? CodeHash(petition.Id, emailHash, key) : SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(key)),
            CreatedAt = clock.GetUtcNow(),
        };

        // The writer keeps one of these emails: the confirmation link for a new signature (or a fresh link for one still
        // unconfirmed), or, when the address's signature counts already, a note to its owner. The asker learns nothing new.
        var again = text["You have already signed \"{0}\"", petition.Title].Value;
        var counted = text["Someone (perhaps you) tried to sign the petition \"{0}\" again with this address. You have already signed it; it counts once.", petition.Title].Value;
        var pending = bySms
            ? new PendingSignature(
                row,
                outbox.Prepare(Channel.Sms, email!, "", text["Your code to confirm your signature on \"{0}\": {1}. If you did not sign, ignore this message.", Clip(petition.Title), key], culture, "petitions.confirm-code"),
                () => outbox.Prepare(Channel.Sms, email!, "", text["You have already signed \"{0}\" with this number; it counts once.", Clip(petition.Title)], culture, "petitions.already-signed"))
            : new PendingSignature(
                row,
                outbox.Prepare(Channel.Email, email!, text["Confirm your signature on \"{0}\"", petition.Title],
                    text["Please confirm your signature on the petition \"{0}\" by opening this link: {1}", petition.Title, $"{baseUrl}/petitions/confirm/{key}"]
                        + "\n\n" + text["If you did not sign, ignore this email: nothing is counted without confirmation."],
                    culture, "petitions.confirm"),
                () => outbox.Prepare(Channel.Email, email!, again, counted, culture, "petitions.already-signed"));
        var stored = await writer.StoreAsync(pending, cancellationToken);
        return new SignOutcome(errors) { ConfirmKey = stored ? key : null };
    }

    /// <summary>Confirms the signature a link names; a second use of the link is harmless and says so.</summary>
    public async Task<ConfirmOutcome> ConfirmAsync(string? key, CancellationToken cancellationToken)
    {
        var (signature, petition) = await FindAsync(key, cancellationToken);
        if (signature is null || petition is null)
        {
            return new ConfirmOutcome("This link does not work. Check that you copied all of it.", null, null);
        }

        return await ConfirmAsync(signature, petition, "This link has expired. Sign again to get a new one.", cancellationToken);
    }

    /// <summary>
    /// Confirms a signature made by SMS with the code sent to the number. A wrong code, an unknown number and a number
    /// whose signature already counts get the same answer; after <see cref="PetitionOptions.CodeAttempts"/> wrong codes
    /// the code stops working (signing again sends a new one), so six digits cannot be guessed.
    /// </summary>
    public async Task<ConfirmOutcome> ConfirmCodeAsync(Petition petition, string? phone, string? code, CancellationToken cancellationToken)
    {
        const string wrong = "That code is not right. Check the number and the code, or sign again in a few minutes to get a new code.";
        var number = Nara.Platform.Text.PhoneNumbers.Normalize(phone);
        code = code?.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (number is null || code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return new ConfirmOutcome(wrong, petition, null);
        }

        var contact = hasher.Hash("petition-phone", number);
        var signature = await db.Set<Signature>().FirstOrDefaultAsync(s => s.PetitionId == petition.Id && s.EmailHash == contact, cancellationToken);
        if (signature is null || signature.State != Signature.Pending)
        {
            return new ConfirmOutcome(wrong, petition, null);
        }

        // Each try uses up an attempt before the code is compared, in one conditional update: parallel guesses cannot
        // slip past the limit.
        var limit = options.Value.CodeAttempts;
        var allowed = await db.Set<Signature>().Where(s => s.Id == signature.Id && s.State == Signature.Pending && s.ConfirmAttempts < limit)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ConfirmAttempts, s => s.ConfirmAttempts + 1), cancellationToken);
        if (allowed == 0 || !CryptographicOperations.FixedTimeEquals(signature.ConfirmKeyHash, CodeHash(petition.Id, contact, code)))
        {
            return new ConfirmOutcome(wrong, petition, null);
        }

        return await ConfirmAsync(signature, petition, "This code has expired. Sign again to get a new one.", cancellationToken);
    }

    private async Task<ConfirmOutcome> ConfirmAsync(Signature signature, Petition petition, string expired, CancellationToken cancellationToken)
    {
        if (signature.State == Signature.Confirmed)
        {
            return new ConfirmOutcome(null, petition, signature.LogLeaf);
        }

        if (signature.State != Signature.Pending)
        {
            return new ConfirmOutcome("This signature does not count.", petition, null);
        }

        if (clock.GetUtcNow() - signature.CreatedAt > options.Value.ConfirmationLifetime)
        {
            return new ConfirmOutcome(expired, petition, null);
        }

        if (petition.State is not (Petition.Open or Petition.GatheringSupport) || petition.ClosesAt <= clock.GetUtcNow())
        {
            return new ConfirmOutcome("This petition is no longer open for signatures.", petition, null);
        }

        signature.State = Signature.Confirmed;
        signature.ConfirmedAt = clock.GetUtcNow();
        var commitment = hasher.Hash("petition-signature", $"{petition.Id}:{signature.Id}:{signature.EmailHash}");
        var stored = await events.PublishAsync(new SignatureConfirmed(petition.Id, signature.Id, commitment, signature.Region), Actor.System, cancellationToken: cancellationToken);
        signature.LogLeaf = stored.LogLeaf;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Confirmed (a double click) or invalidated meanwhile: that change stands, with its one log entry.
            db.ChangeTracker.Clear();
            var now = await db.Set<Signature>().AsNoTracking().Where(s => s.Id == signature.Id).Select(s => new { s.State, s.LogLeaf }).SingleAsync(cancellationToken);
            return now.State == Signature.Confirmed ? new ConfirmOutcome(null, petition, now.LogLeaf) : new ConfirmOutcome("This signature does not count.", petition, null);
        }

        return new ConfirmOutcome(null, petition, signature.LogLeaf);
    }

    public async Task<(Signature? Signature, Petition? Petition)> FindAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 64)
        {
            return (null, null);
        }

        var hash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(key));
        var signature = await db.Set<Signature>().FirstOrDefaultAsync(s => s.ConfirmKeyHash == hash, cancellationToken);
        return signature is null ? (null, null) : (signature, await db.Set<Petition>().FirstOrDefaultAsync(p => p.Id == signature.PetitionId, cancellationToken));
    }

    /// <summary>Address (email, or mobile number for SMS), language and channel of confirmed signers who asked to hear about the petition.</summary>
    public async Task<IReadOnlyList<Recipient>> NotifyListAsync(long petitionId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Signature>().AsNoTracking()
            .Where(s => s.PetitionId == petitionId && s.State == Signature.Confirmed && s.Notify)
            .Select(s => s.ProtectedContact).ToListAsync(cancellationToken);
        return [.. rows.Select(r => JsonSerializer.Deserialize<Contact>(protector.Unprotect(r))!).Select(c => new Recipient(c.Email, c.Culture, c.Sms ? Channel.Sms : Channel.Email))];
    }

    /// <summary>Lower case, trimmed, and (when configured) without a "+tag": the form the uniqueness rule compares.</summary>
    public static string? Normalize(string? email, bool stripPlusTags)
    {
        var value = email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value) || value.Length > 254 || !MailAddress.TryCreate(value, out var parsed) || parsed.Address != value
            || parsed.Host.IndexOf('.', StringComparison.Ordinal) < 1 || parsed.Host.EndsWith('.') || value.Any(char.IsWhiteSpace))
        {
            return null;
        }

        var user = parsed.User;
        if (stripPlusTags && user.IndexOf('+', StringComparison.Ordinal) is > 0 and var plus)
        {
            user = user[..plus];
        }

        return $"{user}@{parsed.Host}";
    }

    private static byte[] CodeHash(long petitionId, string contactHash, string code) =>
        SHA256.HashData(System.Text.Encoding.ASCII.GetBytes($"sms:{petitionId}:{contactHash}:{code}"));

    // An SMS is short: a long title is cut.
    private static string Clip(string title) => title.Length > 60 ? title[..57] + "…" : title;

    private bool Allowed(string domain)
    {
        static bool Within(string domain, string listed) => domain == listed || domain.EndsWith("." + listed, StringComparison.Ordinal);
        var settings = options.Value;
        return !settings.BlockedDomains.Any(b => Within(domain, b.ToLowerInvariant()))
            && (settings.AllowedDomains.Count == 0 || settings.AllowedDomains.Any(a => Within(domain, a.ToLowerInvariant())));
    }

    /// <summary>The network, not the address: IPv4 /24, IPv6 /48.</summary>
    public static string? Network(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (bytes.Length == 4)
        {
            return $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24";
        }

        Array.Clear(bytes, 6, 10);
        return new IPAddress(bytes) + "/48";
    }

    private static string WebEncoders(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What the signer gave; <paramref name="Email"/> holds the mobile number when <paramref name="Sms"/>.</summary>
    private sealed record Contact(string Name, string Email, string Culture, bool Sms = false);
}
