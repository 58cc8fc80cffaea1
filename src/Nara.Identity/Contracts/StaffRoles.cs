namespace Nara.Identity.Contracts;

/// <summary>The staff roles. Officers, supervisors and agents act within an agency; administrators, auditors and moderators across all.</summary>
public static class StaffRoles
{
    public const string Officer = "officer";
    public const string Supervisor = "supervisor";
    public const string Administrator = "administrator";
    public const string Auditor = "auditor";
    public const string Agent = "agent";

    /// <summary>Checks petitions before they are published, across all agencies.</summary>
    public const string Moderator = "moderator";

    /// <summary>Heads an agency: takes the last decision where a workflow goes up a chain.</summary>
    public const string Director = "director";

    public static IReadOnlyList<string> All { get; } = [Officer, Supervisor, Director, Administrator, Auditor, Agent, Moderator];

    /// <summary>Roles that hold across every agency rather than within one.</summary>
    public static bool IsGlobal(string role) => role is Administrator or Auditor or Moderator;
}

/// <summary>Claim types Nara adds to a signed-in person.</summary>
public static class NaraClaims
{
    public const string Kind = "nara:kind";

    /// <summary>One per membership: "role@agencyId", or "role@*" for a global role.</summary>
    public const string Membership = "nara:membership";

    /// <summary>Authentication methods (RFC 8176): "mfa" after a second factor, "pop" after a passkey.</summary>
    public const string AuthenticationMethod = "amr";
}

/// <summary>Authorization policy names other modules use on their pages and endpoints.</summary>
public static class NaraPolicies
{
    /// <summary>Any signed-in person.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Staff who signed in with a second factor or a passkey.</summary>
    public const string Staff = "staff";

    public const string Administrator = "administrator";

    public const string Auditor = "auditor";

    /// <summary>Petition moderators.</summary>
    public const string Moderator = "moderator";

    /// <summary>Service-centre agents, in any agency: they apply for people at the desk and record cash payments.</summary>
    public const string Agent = "agent";
}
