using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.Identity.Tokens;

internal sealed record TokenSummary(Guid Id, string Name, string Scopes, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>Creates, lists and revokes a person's API tokens.</summary>
internal sealed class ApiTokens(NaraDb db, EventPublisher events, TimeProvider clock)
{
    public const string TokenPrefix = "nara_";

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a token and returns its secret value — shown once, never stored.</summary>
    public async Task<string> CreateAsync(Guid userId, string name, IEnumerable<string> scopes, int days, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var secret = TokenPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = name.Trim(),
            Scopes = string.Join(' ', scopes.Distinct().Order(StringComparer.Ordinal)),
            Hash = HashOf(secret),
            Prefix = secret[..12],
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.Set<ApiToken>().Add(token);
        await events.PublishAsync(new ApiTokenCreated(token.Id, userId, token.Scopes, token.ExpiresAt), new Actor(userId, "account-holder"), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public Task<List<TokenSummary>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<ApiToken>().AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Name, t.Scopes, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt))
            .ToListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt = clock.GetUtcNow();
        await events.PublishAsync(new ApiTokenRevoked(token.Id, userId), new Actor(userId, "account-holder"), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
