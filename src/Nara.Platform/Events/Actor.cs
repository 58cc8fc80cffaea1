namespace Nara.Platform.Events;

/// <summary>Who caused a change: a person acting in a role, or the system itself.</summary>
public sealed record Actor(Guid? UserId, string Role, Guid? AgencyId = null, Guid? OnBehalfOf = null)
{
    public static Actor System { get; } = new(null, "system");

    public static Actor Anonymous { get; } = new(null, "anonymous");
}
