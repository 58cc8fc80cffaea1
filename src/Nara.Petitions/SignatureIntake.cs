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
internal sealed record SignRequest(string? Name, string? Email, string? Region, bool Declaration, bool Notify);

/// <summary>Either field errors, or accepted: the same answer whether or not the address signed before.</summary>
internal sealed record SignOutcome(IReadOnlyDictionary<string, string> Errors)
{
    public bool Accepted => Errors.Count == 0;

    /// <summary>The new signature's confirmation key (it goes only into the email; the demo seeder confirms with it).</summary>
    internal string? ConfirmKey { get; init; }
}

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

        var email = Normalize(request.Email, options.Value.PlusTags == "strip");
        var domain = email?[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        if (email is null)
        {
            errors["email"] = "Enter an email address like name@example.org.";
        }
        else if (!Allowed(domain!))
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

        var emailHash = hasher.Hash("petition-email", email!);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var key = WebEncoders(RandomNumberGenerator.GetBytes(18));
        var row = new Signature
        {
            PetitionId = petition.Id,
            EmailHash = emailHash,
            ProtectedContact = protector.Protect(JsonSerializer.Serialize(new Contact(name!, email!, culture))),
            EmailDomain = domain!,
            Region = request.Region!,
            Notify = request.Notify,
            Network = Network(from),
            Channel = channel,
            State = Signature.Pending,
            ConfirmKeyHash = SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(key)),
            CreatedAt = clock.GetUtcNow(),
        };

        // The writer keeps one of these emails: the confirmation link for a new signature (or a fresh link for one still
        // unconfirmed), or, when the address's signature counts already, a note to its owner. The asker learns nothing new.
        var again = text["You have already signed \"{0}\"", petition.Title].Value;
        var counted = text["Someone (perhaps you) tried to sign the petition \"{0}\" again with this address. You have already signed it; it counts once.", petition.Title].Value;
        var pending = new PendingSignature(
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
            return new ConfirmOutcome("This link has expired. Sign again to get a new one.", petition, null);
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

    /// <summary>Name, address and language of confirmed signers who asked to hear about the petition.</summary>
    public async Task<IReadOnlyList<(string Email, string Culture)>> NotifyListAsync(long petitionId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Signature>().AsNoTracking()
            .Where(s => s.PetitionId == petitionId && s.State == Signature.Confirmed && s.Notify)
            .Select(s => s.ProtectedContact).ToListAsync(cancellationToken);
        return [.. rows.Select(r => JsonSerializer.Deserialize<Contact>(protector.Unprotect(r))!).Select(c => (c.Email, c.Culture))];
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

    private sealed record Contact(string Name, string Email, string Culture);
}
