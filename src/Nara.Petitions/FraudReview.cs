using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nara.Petitions.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.Petitions;

internal sealed record Trend(string Key, int Count);

/// <summary>
/// What moderators use against fake signatures, modelled on the UK petitions site: which networks and email domains
/// a petition's signatures came from in the last hour, and bulk invalidation by domain, network or time window with a
/// recorded reason. An invalidation is an event in the public log; the tally takes the signatures off the counts.
/// </summary>
internal sealed class FraudReview(NaraDb db, EventPublisher events, Nara.Platform.Secrets.PersonalHasher hasher, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Patterns = ["domain", "network", "window"];

    public async Task<(IReadOnlyList<Trend> Networks, IReadOnlyList<Trend> Domains, int Total)> TrendsAsync(long petitionId, TimeSpan period, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - period;
        var recent = db.Set<Signature>().AsNoTracking().Where(s => s.PetitionId == petitionId && s.CreatedAt >= since && s.State != Signature.Invalidated);
        var networks = await recent.GroupBy(s => s.Network).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(t => t.Count).Take(20).ToListAsync(cancellationToken);
        var domains = await recent.GroupBy(s => s.EmailDomain).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(t => t.Count).Take(20).ToListAsync(cancellationToken);
        return ([.. networks.Select(n => new Trend(n.Key ?? "", n.Count))], [.. domains.Select(d => new Trend(d.Key, d.Count))], await recent.CountAsync(cancellationToken));
    }

    /// <summary>Invalidates every signature of the petition that matches; returns how many, or a refusal (a text key).</summary>
    public async Task<(int Count, string? Refusal)> InvalidateAsync(long petitionId, string? pattern, string? value, DateTimeOffset? from, DateTimeOffset? to, string? reason, Actor moderator, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10 || reason.Length > 500)
        {
            return (0, "Give the reason for the invalidation (10 to 500 characters); it is published.");
        }

        var matching = db.Set<Signature>().Where(s => s.PetitionId == petitionId && s.State != Signature.Invalidated);
        string described;
        switch (pattern)
        {
            case "domain" when value?.Trim().ToLowerInvariant() is { Length: > 2 } domain && domain.Contains('.', StringComparison.Ordinal):
                var suffix = "." + domain;
                matching = matching.Where(s => s.EmailDomain == domain || s.EmailDomain.EndsWith(suffix));
                // A domain or a network can be one family's: the public log gets a keyed hash, moderators the value.
                described = "domain " + hasher.Hash("invalidated-pattern", domain)[..16];
                break;
            case "network" when value?.Trim() is { Length: > 0 } network && SignatureIntake.Network(System.Net.IPAddress.TryParse(network.Split('/')[0], out var address) ? address : null) is { } prefix:
                matching = matching.Where(s => s.Network == prefix);
                described = "network " + hasher.Hash("invalidated-pattern", prefix)[..16];
                break;
            case "window" when from?.ToUniversalTime() is { } start && to?.ToUniversalTime() is { } end && start < end:
                matching = matching.Where(s => s.CreatedAt >= start && s.CreatedAt <= end);
                described = string.Create(CultureInfo.InvariantCulture, $"signed between {start:u} and {end:u}");
                break;
            default:
                return (0, "Choose what to match and give a valid domain, network address or time window.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Confirmed ones are in the log and the counts; unconfirmed ones never were. The log says how many of each.
        var confirmed = await matching.Where(s => s.State == Signature.Confirmed)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, Signature.Invalidated).SetProperty(s => s.InvalidationReason, reason.Trim()), cancellationToken);
        var count = confirmed + await matching.Where(s => s.State == Signature.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, Signature.Invalidated).SetProperty(s => s.InvalidationReason, reason.Trim()), cancellationToken);
        if (count > 0)
        {
            await events.PublishAsync(new SignaturesInvalidated(petitionId, count, confirmed, reason.Trim(), described), moderator, cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (count, null);
    }
}
