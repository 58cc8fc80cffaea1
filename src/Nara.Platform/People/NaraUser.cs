using Microsoft.AspNetCore.Identity;

namespace Nara.Platform.People;

/// <summary>
/// A person's account: a citizen, a business representative or a member of staff.
/// Lives in the platform because every module refers to people; what they may do is the Identity module's business.
/// </summary>
public class NaraUser : IdentityUser<Guid>
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    public AccountKind Kind { get; set; } = AccountKind.Citizen;

    /// <summary>The language messages are sent in, as a culture name such as "fr" or "ar".</summary>
    public string PreferredCulture { get; set; } = "en";

    public DateTimeOffset CreatedAt { get; set; }
}

public enum AccountKind
{
    Citizen = 0,
    Staff = 1,
}
