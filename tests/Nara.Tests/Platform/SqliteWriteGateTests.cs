using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Storage;

namespace Nara.Tests.Platform;

/// <summary>Every save queues for the SQLite file's one write slot, and gives it back however it ends.</summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("nara-gate-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(folder, "gate.db")}";

    public async Task InitializeAsync()
    {
        await using var db = Context();
        await db.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        using (var pooled = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(1)] // one command: no transaction
    [InlineData(3)] // several: in a transaction EF Core begins
    public async Task Save_WaitsWhileAnotherWriterHoldsTheSlot_AndGivesItBack(int notes)
    {
        await using var db = Context();
        db.Notes.AddRange(Enumerable.Range(0, notes).Select(i => new Note { Text = $"note {i}" }));

        var slot = await SqliteWriteGate.EnterAsync(ConnectionString, default);
        Task<int> save;
        try
        {
            save = db.SaveChangesAsync();
            await Task.Delay(300);
            Assert.False(save.IsCompleted);
        }
        finally
        {
            slot.Dispose();
        }

        Assert.Equal(notes, await save.WaitAsync(TimeSpan.FromSeconds(30)));
        await AssertSlotFreeAsync();
        await using var check = Context();
        Assert.Equal(notes, await check.Notes.CountAsync());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task FailedSave_GivesTheSlotBack(int notes)
    {
        await using (var first = Context())
        {
            first.Notes.Add(new Note { Text = "taken" });
            await first.SaveChangesAsync();
        }

        await using var db = Context();
        db.Notes.AddRange(Enumerable.Range(0, notes - 1).Select(i => new Note { Text = $"new {i}" }).Append(new Note { Text = "taken" }));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        await AssertSlotFreeAsync();
        await using var check = Context();
        Assert.Equal(1, await check.Notes.CountAsync());
    }

    [Theory]
    [InlineData(false)] // the changed row alone: no transaction
    [InlineData(true)] // with another row: in a transaction EF Core begins
    public async Task ConcurrencyConflict_GivesTheSlotBack(bool withAnotherRow)
    {
        // Two officers load the same row; the first saves, the second's save finds the version changed. EF Core reports
        // that through its own interception point, not the one for other failures: the slot must come back either way.
        await using (var seed = Context())
        {
            seed.Notes.Add(new Note { Text = "case", Version = Guid.NewGuid() });
            await seed.SaveChangesAsync();
        }

        await using var first = Context();
        await using var second = Context();
        var mine = await first.Notes.SingleAsync();
        var theirs = await second.Notes.SingleAsync();
        mine.Version = Guid.NewGuid();
        await first.SaveChangesAsync();
        theirs.Version = Guid.NewGuid();
        if (withAnotherRow)
        {
            second.Notes.Add(new Note { Text = "other", Version = Guid.NewGuid() });
        }

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        await AssertSlotFreeAsync();
        await using var check = Context();
        Assert.Equal(mine.Version, (await check.Notes.SingleAsync()).Version);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SaveRefusedWhileDetectingChanges_GivesTheSlotBack(bool async)
    {
        // A programming error EF Core finds while detecting changes, before the part of a save that reports failures:
        // a tracked row's key changed.
        await using (var seed = Context())
        {
            seed.Notes.Add(new Note { Text = "row" });
            await seed.SaveChangesAsync();
        }

        await using var db = Context();
        var note = await db.Notes.SingleAsync();
        note.Id += 100;

        if (async)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }

        await AssertSlotFreeAsync();
    }

    [Fact]
    public async Task SaveInTheCallersTransaction_DoesNotWaitForTheSlotTheCallerHolds()
    {
        await using var db = Context();
        using (await SqliteWriteGate.EnterAsync(ConnectionString, default))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.AddRange(new Note { Text = "a" }, new Note { Text = "b" });
            await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(30));
            db.Notes.Add(new Note { Text = "c" });
            await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await transaction.CommitAsync();
        }

        await AssertSlotFreeAsync();
        Assert.Equal(3, await db.Notes.CountAsync());
    }

    [Fact]
    public async Task ConcurrentSaves_AllLand()
    {
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await using var db = Context();
                db.Notes.AddRange(Enumerable.Range(0, 1 + (i % 3)).Select(n => new Note { Text = $"{w}-{i}-{n}" }));
                await db.SaveChangesAsync();
            }
        }));

        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        await AssertSlotFreeAsync();
        await using var check = Context();
        Assert.Equal(8 * ((9 * 1) + (8 * 2) + (8 * 3)), await check.Notes.CountAsync());
    }

    private async Task AssertSlotFreeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        (await SqliteWriteGate.EnterAsync(ConnectionString, timeout.Token)).Dispose();
    }

    private DbContextOptions<GateDb>? options;

    private GateDb Context()
    {
        if (options is null)
        {
            var builder = new DbContextOptionsBuilder<GateDb>();
            StorageServices.Configure(builder, new StorageSettings(DatabaseProvider.Sqlite, ConnectionString, folder));
            options = builder.Options;
        }

        return new GateDb(options);
    }

    private sealed class GateDb(DbContextOptions<GateDb> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Note>().HasIndex(n => n.Text).IsUnique();
            modelBuilder.Entity<Note>().Property(n => n.Version).IsConcurrencyToken();
        }
    }

    private sealed class Note
    {
        public int Id { get; set; }

        public string Text { get; set; } = "";

        public Guid Version { get; set; }
    }
}
