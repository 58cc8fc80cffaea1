using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Outbox;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

public sealed class OutboxTests
{
    [Fact]
    public async Task Deliver_CrashAfterCommitBeforeDelivery_DeliveredOnceAfterRestart()
    {
        // Arrange: an instance that commits messages but dies before its worker sends them.
        var first = new NaraApp().With("Delivery:Enabled", "false");
        await first.InitializeAsync();
        var to = $"{TestData.Unique("crash")}@test.example";
        await QueueAsync(first, to, "Before the crash");
        await first.DisposeAsync();

        // Act: a new process on the same database, with its worker running.
        var second = new NaraApp(first);
        await second.InitializeAsync();
        try
        {
            var message = await second.Smtp.WaitForAsync(to);
            await Task.Delay(1500); // several more dispatcher cycles

            // Assert
            Assert.Equal("Before the crash", message.Subject);
            Assert.Single(second.Smtp.Messages, m => m.To.ToString() == to);
            var row = await second.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Outbox.AsNoTracking().SingleAsync());
            Assert.NotNull(row.SentAt);
            Assert.Null(row.LockToken);
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await first.Smtp.DisposeAsync();
        }
    }

    [Fact]
    public async Task Deliver_TwoInstancesOnOneDatabase_EachMessageSentExactlyOnce()
    {
        var first = new NaraApp().With("Delivery:Enabled", "false");
        await first.InitializeAsync();
        var second = new NaraApp(first).With("Delivery:Enabled", "false");
        await second.InitializeAsync();
        try
        {
            var recipients = Enumerable.Range(0, 40).Select(i => $"{TestData.Unique("pair" + i)}@test.example").ToList();
            foreach (var to in recipients)
            {
                await QueueAsync(first, to, "Hello");
            }

            // Both instances' dispatchers race for the same rows, repeatedly.
            var a = first.Services.GetRequiredService<OutboxDispatcher>();
            var b = second.Services.GetRequiredService<OutboxDispatcher>();
            for (var round = 0; round < 10; round++)
            {
                await Task.WhenAll(a.DeliverDueAsync(default), b.DeliverDueAsync(default));
            }

            var delivered = first.Smtp.Messages.Concat(second.Smtp.Messages).Select(m => m.To.ToString()).ToList();
            Assert.Equal(recipients.Order(), delivered.Order());
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    [Fact]
    public async Task Deliver_SmtpServerDown_RetriedWithBackoffAndKeptInOutbox()
    {
        var app = new NaraApp().With("Delivery:Enabled", "false").With("Delivery:Smtp:Port", SmtpSink.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await app.InitializeAsync();
        try
        {
            await QueueAsync(app, $"{TestData.Unique("down")}@test.example", "Nobody listens");

            await app.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(default);

            var row = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Outbox.AsNoTracking().SingleAsync());
            Assert.Null(row.SentAt);
            Assert.Equal(1, row.Attempts);
            Assert.True(row.NextAttemptAt > row.CreatedAt);
            Assert.NotNull(row.LastError);
            Assert.DoesNotContain("@", row.LastError, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Queue_RecipientAndBody_StoredProtectedNotInClear()
    {
        var app = new NaraApp().With("Delivery:Enabled", "false");
        await app.InitializeAsync();
        try
        {
            var to = $"{TestData.Unique("secret")}@test.example";
            await QueueAsync(app, to, "Private subject", "Your code is 424242");

            var row = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Outbox.AsNoTracking().SingleAsync());
            Assert.NotNull(row.ProtectedContent);
            Assert.DoesNotContain(to, row.ProtectedContent, StringComparison.Ordinal);
            Assert.DoesNotContain("Private subject", row.ProtectedContent, StringComparison.Ordinal);
            Assert.DoesNotContain("424242", row.ProtectedContent, StringComparison.Ordinal);
            Assert.Null(row.ProtectedRecipient);
            var opened = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("Nara.Outbox.v1").Unprotect(row.ProtectedContent)));
            Assert.Contains(to, opened, StringComparison.Ordinal);
            Assert.Contains("424242", opened, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Deliver_UnreadableMessage_SetAsideAsFailed_OthersStillDelivered()
    {
        var app = new NaraApp().With("Delivery:Enabled", "false");
        await app.InitializeAsync();
        try
        {
            var damaged = $"{TestData.Unique("damaged")}@test.example";
            var fine = $"{TestData.Unique("fine")}@test.example";
            await QueueAsync(app, damaged, "Damaged on disk");
            await QueueAsync(app, fine, "Queued after it");
            await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Outbox.Where(m => m.Template == "test")
                .OrderBy(m => m.CreatedAt).Take(1).ExecuteUpdateAsync(u => u.SetProperty(m => m.ProtectedContent, "not a protected payload")));

            await app.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(default);

            Assert.Single(app.Smtp.Messages, m => m.To.ToString() == fine);
            Assert.DoesNotContain(app.Smtp.Messages, m => m.To.ToString() == damaged);
            var rows = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Outbox.AsNoTracking().Where(m => m.Template == "test").ToListAsync());
            var setAside = Assert.Single(rows, r => r.FailedAt is not null);
            Assert.Equal("not a protected payload", setAside.ProtectedContent);
            Assert.NotNull(setAside.LastError);
            Assert.Null(setAside.LockToken);
            Assert.Single(rows, r => r.SentAt is not null);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Deliver_MessageQueuedInTheOlderThreeFieldForm_StillDelivered()
    {
        // Rows written before the outbox protected its content as one payload keep recipient, subject and body apart.
        var app = new NaraApp().With("Delivery:Enabled", "false");
        await app.InitializeAsync();
        try
        {
            var to = $"{TestData.Unique("legacy")}@test.example";
            await app.WithScopeAsync(async sp =>
            {
                var protector = sp.GetRequiredService<IDataProtectionProvider>().CreateProtector("Nara.Outbox.v1");
                var db = sp.GetRequiredService<NaraDb>();
                var now = DateTimeOffset.UtcNow;
                db.Outbox.Add(new OutboxMessage
                {
                    Id = Guid.CreateVersion7(),
                    Channel = Channel.Email,
                    ProtectedRecipient = protector.Protect(to),
                    ProtectedSubject = protector.Protect("Queued long ago"),
                    ProtectedBody = protector.Protect("Still on its way"),
                    Culture = "en",
                    Template = "test.legacy",
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
                return await db.SaveChangesAsync();
            });

            await app.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(default);

            var message = Assert.Single(app.Smtp.Messages, m => m.To.ToString() == to);
            Assert.Equal("Queued long ago", message.Subject);
            Assert.Contains("Still on its way", message.TextBody, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Theory]
    [InlineData(60, 0, "25:0,59:0")] // a fast transport: recorded once, at the end of the batch
    [InlineData(60, 100, "24:0,25:25,50:50,59:50")] // a slow one: every 25 messages
    [InlineData(100, 5, "49:0,50:50,75:50,99:50")] // in between: every 25, but not more often than every 250 ms
    public async Task Deliver_RecordsSentEvery25Messages_NotMoreOftenThanEvery250ms(int messages, int millisecondsPerMessage, string expected)
    {
        // Arrange: a batch of messages, and a transport that looks at the outbox before it hands back each message
        // and takes the given time per message (on the app's clock).
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = new NaraApp { Clock = clock }.With("Delivery:Enabled", "false");
        await app.InitializeAsync();
        try
        {
            for (var i = 0; i < messages; i++)
            {
                await QueueAsync(app, $"{TestData.Unique("pace" + i)}@test.example", "Hello");
            }

            var transport = new WatchingTransport(app, clock, TimeSpan.FromMilliseconds(millisecondsPerMessage));
            var sp = app.Services;
            var dispatcher = new OutboxDispatcher(
                sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<OutboxSignal>(), [transport],
                sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DeliveryOptions>>(), clock,
                sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OutboxDispatcher>>());

            // Act
            var handled = await dispatcher.DeliverDueAsync(default);

            // Assert: how many were recorded as sent just before the n-th message was handed back; all of them after.
            Assert.Equal(messages, handled);
            Assert.Equal(messages, transport.RecordedSeen.Count);
            foreach (var pair in expected.Split(','))
            {
                var (index, seen) = (int.Parse(pair.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(pair.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(transport.RecordedSeen[index] == seen, $"before message {index}: {transport.RecordedSeen[index]} recorded, expected {seen}");
            }

            if (millisecondsPerMessage == 0)
            {
                Assert.All(transport.RecordedSeen, seen => Assert.Equal(0, seen));
            }

            Assert.Equal(messages, await app.WithScopeAsync(s => s.GetRequiredService<NaraDb>().Outbox.CountAsync(m => m.SentAt != null)));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    /// <summary>Accepts every email; before each, notes how many messages the outbox has recorded as sent.</summary>
    private sealed class WatchingTransport(NaraApp app, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, TimeSpan perMessage) : IMessageTransport
    {
        public List<int> RecordedSeen { get; } = [];

        public Channel Channel => Channel.Email;

        public async Task SendAsync(IReadOnlyList<OutgoingMessage> messages, Func<OutgoingMessage, Exception?, Task> completed, CancellationToken cancellationToken)
        {
            foreach (var message in messages)
            {
                RecordedSeen.Add(await app.WithScopeAsync(s => s.GetRequiredService<NaraDb>().Outbox.CountAsync(m => m.SentAt != null)));
                clock.Advance(perMessage);
                await completed(message, null);
            }
        }
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(5, 80)]
    [InlineData(20, 3600)]
    public void Backoff_GrowsExponentiallyUpToAnHour(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxDispatcher.Backoff(attempts));

    private static Task<int> QueueAsync(NaraApp app, string to, string subject, string body = "Body") =>
        app.WithScopeAsync(async sp =>
        {
            sp.GetRequiredService<Outbox>().Queue(Channel.Email, to, subject, body, "en", "test");
            return await sp.GetRequiredService<NaraDb>().SaveChangesAsync();
        });
}
