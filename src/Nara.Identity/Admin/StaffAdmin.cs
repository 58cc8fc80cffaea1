using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nara.Identity.Agencies;
using Nara.Identity.Contracts;
using Nara.Identity.SignIn;
using Nara.Identity.Staff;
using Nara.Platform.Events;
using Nara.Platform.Localization;
using Nara.Platform.Outbox;
using Nara.Platform.People;
using Nara.Platform.Storage;

namespace Nara.Identity.Admin;

internal sealed record StaffSummary(Guid Id, string Name, string Email, bool SecondFactor, bool LockedOut, IReadOnlyList<MembershipSummary> Memberships);

internal sealed record MembershipSummary(Guid Id, string Role, Guid? AgencyId, string? AgencyName);

/// <summary>Creates staff accounts and manages who holds which role in which agency.</summary>
internal sealed class StaffAdmin(
    NaraDb db,
    UserManager<NaraUser> users,
    EventPublisher events,
    Outbox outbox,
    IStringLocalizer<Strings> text,
    TimeProvider clock)
{
    public async Task<List<StaffSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var staff = await db.Users.AsNoTracking().Where(u => u.Kind == AccountKind.Staff).OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.TwoFactorEnabled, u.LockoutEnd }).ToListAsync(cancellationToken);
        var memberships = await Memberships(staff.Select(s => s.Id).ToList(), cancellationToken);
        return [.. staff.Select(s => new StaffSummary(s.Id, s.DisplayName, s.Email ?? "", s.TwoFactorEnabled, s.LockoutEnd > now,
            memberships.Where(m => m.UserId == s.Id).Select(m => m.Summary).ToList()))];
    }

    public async Task<StaffSummary?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(s => s.Id == id);

    /// <summary>Creates a staff account. Without a password, the person is emailed a link to choose one.</summary>
    public async Task<(Guid? Id, FieldErrors Errors)> CreateAsync(string? name, string? email, string? password, Actor actor, string setPasswordBaseUrl, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var contact = ContactAddress.Parse(email);
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["Name"] = text["Enter the person's full name"];
        }
        else if (name.Trim().Length > 200)
        {
            errors["Name"] = text["The name must be 200 characters or fewer"];
        }

        if (contact is null || contact.IsPhone)
        {
            errors["Email"] = text["Enter an email address in the correct format, like name@example.org"];
        }
        else if (await users.FindByNameAsync(contact.Value) is not null)
        {
            errors["Email"] = text["There is already an account with this email address"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        var user = new NaraUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = contact!.Value,
            Email = contact.Value,
            EmailConfirmed = true,
            DisplayName = name!.Trim(),
            Kind = AccountKind.Staff,
            PreferredCulture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            CreatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await events.PublishAsync(new StaffAccountCreated(user.Id), actor, cancellationToken: cancellationToken);
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            errors["Password"] = text["The password must be at least 10 characters long"];
            return (null, errors);
        }

        if (password is null)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{setPasswordBaseUrl}?user={user.Id:D}&token={Uri.EscapeDataString(token)}";
            using var language = new CultureScope(user.PreferredCulture);
            outbox.Queue(Channel.Email, contact.Value, text["Your Nara staff account"],
                text["An account has been made for you on Nara. Choose your password here: {0} Then set up your authenticator app when you first sign in.", link],
                user.PreferredCulture, "identity.staff-welcome");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (user.Id, errors);
    }

    public async Task<string?> GrantAsync(Guid userId, string role, Guid? agencyId, Actor actor, CancellationToken cancellationToken)
    {
        if (!StaffRoles.All.Contains(role))
        {
            return text["Choose a role"];
        }

        if (StaffRoles.IsGlobal(role))
        {
            agencyId = null;
        }
        else if (agencyId is null || !await db.Set<Agency>().AnyAsync(a => a.Id == agencyId, cancellationToken))
        {
            return text["Choose the agency this role is in"];
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId && u.Kind == AccountKind.Staff, cancellationToken))
        {
            return text["This member of staff no longer exists"];
        }

        if (await db.Set<StaffMembership>().AnyAsync(m => m.UserId == userId && m.Role == role && m.AgencyId == agencyId, cancellationToken))
        {
            return text["This person already has that role"];
        }

        db.Set<StaffMembership>().Add(new StaffMembership { Id = Guid.CreateVersion7(), UserId = userId, Role = role, AgencyId = agencyId, GrantedAt = clock.GetUtcNow() });
        await events.PublishAsync(new MembershipGranted(userId, role, agencyId), actor, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task RevokeAsync(Guid userId, Guid membershipId, Actor actor, CancellationToken cancellationToken)
    {
        var membership = await db.Set<StaffMembership>().FirstOrDefaultAsync(m => m.Id == membershipId && m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            return;
        }

        db.Remove(membership);
        await events.PublishAsync(new MembershipRevoked(userId, membership.Role, membership.AgencyId), actor, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task UnlockAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is not null)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
    }

    public Task<bool> AnyAdministratorAsync(CancellationToken cancellationToken) =>
        db.Set<StaffMembership>().AnyAsync(m => m.Role == StaffRoles.Administrator, cancellationToken);

    private async Task<List<(Guid UserId, MembershipSummary Summary)>> Memberships(List<Guid> userIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<StaffMembership>().AsNoTracking().Where(m => userIds.Contains(m.UserId))
            .Select(m => new { m.UserId, m.Id, m.Role, m.AgencyId, AgencyName = m.Agency == null ? null : m.Agency.Name })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.UserId, new MembershipSummary(r.Id, r.Role, r.AgencyId, r.AgencyName)))];
    }
}
