using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Outbox;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

public sealed class BulkInsertTests
{
    [Fact]
    public async Task InsertMany_ReadBackThroughEfCore_EveryColumnAsSaveChangesWouldWriteIt()
    {
        var app = new NaraApp().With("Delivery:Enabled", "false");
        await app.InitializeAsync();
        try
        {
            var at = new DateTimeOffset(2026, 11, 27, 23, 59, 58, 123, TimeSpan.Zero);
            var rows = Enumerable.Range(0, 30).Select(i => new OutboxMessage
            {
                Id = Guid.CreateVersion7(at.AddSeconds(i)),
                Channel = i % 2 == 0 ? Channel.Email : Channel.Sms,
                ProtectedContent = i % 3 == 0 ? null : $"content {i} — ünïcode",
                Culture = "ar",
                Template = "test.bulk",
                CreatedAt = at.AddMinutes(i),
                NextAttemptAt = at.AddMinutes(-i),
                Attempts = i,
                LockedUntil = i % 5 == 0 ? at : null,
            }).ToList();

            // Act: inserted in bulk in a transaction, then read back by EF Core's own queries.
            await app.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<NaraDb>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.InsertManyAsync(rows, default);
                await transaction.CommitAsync();
                return 0;
            });
            var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Outbox.AsNoTracking()
                .Where(m => m.Template == "test.bulk").OrderBy(m => m.CreatedAt).ToListAsync());
            // Comparisons on converted columns run in the database: times and enums must be stored as EF Core stores them.
            var late = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Outbox
                .CountAsync(m => m.Template == "test.bulk" && m.NextAttemptAt < at.AddMinutes(-20) && m.Channel == Channel.Sms));
            var byId = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Outbox.AsNoTracking().SingleAsync(m => m.Id == rows[7].Id));

            Assert.Equal(rows.Count, stored.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var (want, got) = (rows[i], stored[i]);
                Assert.Equal(
                    (want.Id, want.Channel, want.ProtectedContent, want.Culture, want.CreatedAt, want.NextAttemptAt, want.Attempts, want.LockedUntil, want.SentAt),
                    (got.Id, got.Channel, got.ProtectedContent, got.Culture, got.CreatedAt, got.NextAttemptAt, got.Attempts, got.LockedUntil, got.SentAt));
            }

            Assert.Equal(rows.Count(r => r.NextAttemptAt < at.AddMinutes(-20) && r.Channel == Channel.Sms), late);
            Assert.Equal("content 7 — ünïcode", byId.ProtectedContent);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task InsertMany_WithoutTransactionOrWithoutKey_Refused()
    {
        var app = new NaraApp().With("Delivery:Enabled", "false");
        await app.InitializeAsync();
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithScopeAsync(async sp =>
            {
                await sp.GetRequiredService<NaraDb>().InsertManyAsync([new OutboxMessage { Id = Guid.NewGuid(), Culture = "en", Template = "t" }], default);
                return 0;
            }));

            var keyless = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<NaraDb>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.InsertManyAsync([new OutboxMessage { Culture = "en", Template = "t" }], default);
                return 0;
            }));

            Assert.Contains("transaction", error.Message, StringComparison.Ordinal);
            Assert.Contains("no key", keyless.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
