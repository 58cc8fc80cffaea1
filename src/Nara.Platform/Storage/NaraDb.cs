using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Events;
using Nara.Platform.Outbox;
using Nara.Platform.People;

namespace Nara.Platform.Storage;

/// <summary>
/// The one unit of work of the program. Every module's entities live in it so that a change, its event,
/// its outbox rows and its public-log entry share one transaction (see docs/adr/0002).
/// Modules contribute their entity configurations through <see cref="NaraModelParts"/>.
/// </summary>
public class NaraDb(DbContextOptions<NaraDb> options)
    : IdentityUserContext<NaraUser, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<StoredEvent> Events => Set<StoredEvent>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Set while a save that adds outbox rows is in flight, so the dispatcher is woken after commit.</summary>
    internal bool OutboxPending { get; set; }

    // A backstop for SQLite's write slot: a context going back to its pool (or away) never keeps it.
    public override void Dispose()
    {
        SqliteWriteGate.ReleaseHeldBy(this);
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        SqliteWriteGate.ReleaseHeldBy(this);
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<NaraUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.PreferredCulture).HasMaxLength(10);
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.ApplyConfigurationsFromAssembly(typeof(NaraDb).Assembly);
        // The context is pooled, so it takes only its options; the modules' parts come from the application's services.
        var parts = options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<NaraModelParts>()
            ?? throw new InvalidOperationException("NaraDb needs the application's services (AddNaraStorage)");
        foreach (var assembly in parts.Assemblies)
        {
            builder.ApplyConfigurationsFromAssembly(assembly);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite has no date type; EF cannot order or compare DateTimeOffset stored as text.
            // All times are UTC, so the binary form sorts correctly.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}

/// <summary>The assemblies whose <c>IEntityTypeConfiguration</c> classes make up the model.</summary>
public sealed class NaraModelParts
{
    private readonly List<Assembly> assemblies = [];

    public IReadOnlyList<Assembly> Assemblies => assemblies;

    public NaraModelParts Add(Assembly assembly)
    {
        if (!assemblies.Contains(assembly))
        {
            assemblies.Add(assembly);
        }

        return this;
    }
}
