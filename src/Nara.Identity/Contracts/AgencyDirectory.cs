namespace Nara.Identity.Contracts;

public sealed record AgencyInfo(Guid Id, string Code, string Name);

public sealed record StaffInfo(Guid UserId, string Name, string Role, Guid? AgencyId);

public sealed record PersonInfo(Guid UserId, string Name, string? Email, string? Phone, string Culture);

/// <summary>What other modules may ask about agencies, staff and people. Answers are read-only records.</summary>
public interface IAgencyDirectory
{
    Task<IReadOnlyList<AgencyInfo>> AgenciesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffInfo>> StaffAsync(Guid agencyId, CancellationToken cancellationToken);

    Task<PersonInfo?> PersonAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Citizens whose email or phone is exactly this address (for a service-centre agent's search).</summary>
    Task<PersonInfo?> FindCitizenAsync(string address, CancellationToken cancellationToken);

    /// <summary>Registers a citizen who came to a service centre without an account; returns the existing one when the address is known.</summary>
    Task<PersonInfo> RegisterCitizenAsync(string name, string address, string culture, CancellationToken cancellationToken);
}

/// <summary>Whether text is an address people can be reached at: an email address, or a phone number in international form.</summary>
public static class ContactAddresses
{
    public static bool IsValid(string? address) => SignIn.ContactAddress.Parse(address) is not null;
}
