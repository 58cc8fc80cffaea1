using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Nara.Identity.Contracts;
using Nara.Identity.SignIn;
using Nara.Identity.Staff;
using Nara.Platform.Events;
using Nara.Platform.People;
using Nara.Platform.Storage;

namespace Nara.Identity.Agencies;

internal sealed class AgencyDirectory(NaraDb db, UserManager<NaraUser> users, EventPublisher events, IMemoryCache cache, TimeProvider clock) : IAgencyDirectory
{
    /// <summary>Agencies change rarely and every case page asks for them: kept in memory for a few seconds.</summary>
    public static readonly TimeSpan AgencyCacheLifetime = TimeSpan.FromSeconds(10);

    private const string CacheKey = "nara:agencies";

    public async Task<IReadOnlyList<AgencyInfo>> AgenciesAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = AgencyCacheLifetime;
            return (IReadOnlyList<AgencyInfo>)await db.Set<Agency>().AsNoTracking().OrderBy(a => a.Name).Select(a => new AgencyInfo(a.Id, a.Code, a.Name)).ToListAsync(cancellationToken);
        }) ?? [];

    /// <summary>Called when an agency is created or changed on this instance, so its own pages see it at once.</summary>
    public static void Forget(IMemoryCache cache) => cache.Remove(CacheKey);

    public async Task<IReadOnlyList<StaffInfo>> StaffAsync(Guid agencyId, CancellationToken cancellationToken) =>
        await db.Set<StaffMembership>().AsNoTracking()
            .Where(m => m.AgencyId == agencyId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new StaffInfo(u.Id, u.DisplayName, m.Role, m.AgencyId))
            .ToListAsync(cancellationToken);

    public async Task<PersonInfo?> PersonAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new PersonInfo(u.Id, u.DisplayName, u.Email, u.PhoneNumber, u.PreferredCulture))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<PersonInfo?> FindCitizenAsync(string address, CancellationToken cancellationToken)
    {
        var contact = ContactAddress.Parse(address);
        if (contact is null)
        {
            return null;
        }

        var normalized = users.NormalizeName(contact.Value);
        return await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized && u.Kind == AccountKind.Citizen)
            .Select(u => new PersonInfo(u.Id, u.DisplayName, u.Email, u.PhoneNumber, u.PreferredCulture))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<PersonInfo> RegisterCitizenAsync(string name, string address, string culture, CancellationToken cancellationToken)
    {
        var contact = ContactAddress.Parse(address) ?? throw new ArgumentException("Not an email address or international phone number.", nameof(address));
        if (await FindCitizenAsync(contact.Value, cancellationToken) is { } existing)
        {
            return existing;
        }

        var now = clock.GetUtcNow();
        var user = new NaraUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = contact.Value,
            DisplayName = name.Trim(),
            Email = contact.IsPhone ? null : contact.Value,
            PhoneNumber = contact.IsPhone ? contact.Value : null,
            Kind = AccountKind.Citizen,
            PreferredCulture = culture,
            CreatedAt = now,
        };
        await events.PublishAsync(new AccountRegistered(user.Id, "citizen", "assisted"), Actor.System, cancellationToken: cancellationToken);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Account could not be created: " + string.Join(", ", created.Errors.Select(e => e.Code)));
        }

        return new PersonInfo(user.Id, user.DisplayName, user.Email, user.PhoneNumber, user.PreferredCulture);
    }
}
