using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Outbox;
using Nara.Platform.People;
using Nara.Platform.Secrets;
using Nara.Platform.Storage;

namespace Nara.Identity.SignIn;

internal enum CodeProblem
{
    None,
    InvalidAddress,
    TooManyRequests,
    Expired,
    Wrong,
    StaffAccount,
}

internal sealed record CodeRequest(Guid? CodeId, CodeProblem Problem);

internal sealed record CodeCheck(NaraUser? User, CodeProblem Problem, int AttemptsLeft = 0);

/// <summary>Sends and checks one-time sign-in codes; signing up and signing in are the same journey.</summary>
internal sealed class SignInCodes(
    NaraDb db,
    PersonalHasher hasher,
    Outbox outbox,
    EventPublisher events,
    UserManager<NaraUser> users,
    IStringLocalizer<Strings> text,
    TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RequestWindow = TimeSpan.FromMinutes(15);
    public const int RequestsPerWindow = 5;

    public async Task<CodeRequest> RequestAsync(string? input, CancellationToken cancellationToken)
    {
        var address = ContactAddress.Parse(input);
        if (address is null)
        {
            return new(null, CodeProblem.InvalidAddress);
        }

        var now = clock.GetUtcNow();
        var addressHash = hasher.Hash("sign-in-address", address.Value);
        var since = now - RequestWindow;
        var recent = await db.Set<SignInCode>().CountAsync(c => c.AddressHash == addressHash && c.CreatedAt > since, cancellationToken);
        if (recent >= RequestsPerWindow)
        {
            return new(null, CodeProblem.TooManyRequests);
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var id = Guid.CreateVersion7(now);
        var entry = new SignInCode
        {
            Id = id,
            AddressHash = addressHash,
            CodeHash = HashCode(id, code),
            IsPhone = address.IsPhone,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Set<SignInCode>().Add(entry);

        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var subject = text["Your Nara sign-in code"];
        var body = text["Your sign-in code is {0}. It works once, for 10 minutes. If you did not ask for it, ignore this message.", code];
        outbox.Queue(address.IsPhone ? Channel.Sms : Channel.Email, address.Value, subject, body, culture, "identity.sign-in-code");
        await events.PublishAsync(new SignInCodeRequested(entry.Id, address.Channel), Actor.Anonymous, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new(entry.Id, CodeProblem.None);
    }

    /// <summary>Checks a code and, when right, returns the account (created on first sign-in). The code is then spent.</summary>
    public async Task<CodeCheck> VerifyAsync(Guid codeId, string? input, string? address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entry = await db.Set<SignInCode>().FirstOrDefaultAsync(c => c.Id == codeId, cancellationToken);
        var contact = ContactAddress.Parse(address);
        if (entry is null || contact is null || entry.UsedAt is not null || entry.ExpiresAt <= now || entry.Attempts >= SignInCode.MaxAttempts
            || entry.AddressHash != hasher.Hash("sign-in-address", contact.Value))
        {
            return new(null, CodeProblem.Expired);
        }

        var typed = new string((input ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashCode(entry.Id, typed)), Encoding.ASCII.GetBytes(entry.CodeHash)))
        {
            entry.Attempts++;
            await db.SaveChangesAsync(cancellationToken);
            return new(null, CodeProblem.Wrong, SignInCode.MaxAttempts - entry.Attempts);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Spend the code with a conditional update: of two simultaneous submissions only one wins.
        var spent = await db.Set<SignInCode>().Where(c => c.Id == codeId && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        if (spent == 0)
        {
            return new(null, CodeProblem.Expired);
        }

        var user = await users.FindByNameAsync(contact.Value);
        if (user is { Kind: AccountKind.Staff })
        {
            await transaction.CommitAsync(cancellationToken);
            return new(null, CodeProblem.StaffAccount);
        }

        if (user is null)
        {
            user = new NaraUser
            {
                Id = Guid.CreateVersion7(now),
                UserName = contact.Value,
                Email = contact.IsPhone ? null : contact.Value,
                EmailConfirmed = !contact.IsPhone,
                PhoneNumber = contact.IsPhone ? contact.Value : null,
                PhoneNumberConfirmed = contact.IsPhone,
                Kind = AccountKind.Citizen,
                PreferredCulture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
                CreatedAt = now,
            };
            await events.PublishAsync(new AccountRegistered(user.Id, "citizen", contact.Channel), new Actor(user.Id, "citizen"), cancellationToken: cancellationToken);
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Account could not be created: " + string.Join(", ", created.Errors.Select(e => e.Code)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new(user, CodeProblem.None);
    }

    private string HashCode(Guid id, string code) => hasher.Hash("sign-in-code", $"{id:N}:{code}");
}
