using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Platform.Events;

/// <summary>
/// One typed event as written to the store in the same transaction as the change it describes.
/// The payload never holds personal data in clear: modules put identifiers and hashes in events.
/// </summary>
public sealed class StoredEvent
{
    public long Id { get; set; }

    public required string Type { get; set; }

    public required DateTimeOffset OccurredAt { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorRole { get; set; }

    public Guid? ActorAgencyId { get; set; }

    public Guid? OnBehalfOf { get; set; }

    public string? Reason { get; set; }

    public required string Data { get; set; }

    /// <summary>The public-log leaf hash, when a reactor logged this event: the receipt people get.</summary>
    public byte[]? LogLeaf { get; set; }

    internal static StoredEvent Create<T>(T payload, Actor actor, string? reason, DateTimeOffset at)
        where T : IEvent => new()
        {
            Type = T.EventType,
            OccurredAt = at,
            ActorId = actor.UserId,
            ActorRole = actor.Role,
            ActorAgencyId = actor.AgencyId,
            OnBehalfOf = actor.OnBehalfOf,
            Reason = reason,
            Data = JsonSerializer.Serialize(payload, EventJson.Options),
        };
}

internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> builder)
    {
        builder.ToTable("events");
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.ActorRole).HasMaxLength(40);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.HasIndex(e => e.Type);
        builder.HasIndex(e => e.OccurredAt);
    }
}

internal static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
