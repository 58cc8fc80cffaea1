using Nara.Platform.Storage;
using Npgsql;

namespace Nara.Tests.Platform;

/// <summary>How a configured connection string selects and sets up the database.</summary>
public sealed class StorageSettingsTests
{
    [Fact]
    public void NothingConfigured_IsAnSqliteFileInTheDataFolder()
    {
        var settings = StorageSettings.Resolve(null, "/srv/nara");

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal($"Data Source={Path.Combine("/srv/nara", "nara.db")}", settings.ConnectionString);
    }

    [Fact]
    public void Postgres_PreparesRepeatedStatementsAndKeepsPooledConnectionsUnreset()
    {
        var settings = StorageSettings.Resolve("Host=db.internal;Username=nara;Database=nara;", "/srv/nara");

        var built = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(DatabaseProvider.Postgres, settings.Provider);
        Assert.Equal(64, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        Assert.True(built.NoResetOnClose);
        Assert.Equal("db.internal", built.Host);
        Assert.Equal("nara", built.Database);
    }

    [Theory]
    [InlineData("Host=db.internal;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db.internal;maxautoprepare=10;No Reset On Close=false", 10, false)]
    [InlineData("Host=db.internal;NoResetOnClose=true", 64, true)]
    public void Postgres_KeepsAnOperatorsOwnChoice(string configured, int maxAutoPrepare, bool noReset)
    {
        var settings = StorageSettings.Resolve(configured, "/srv/nara");

        var built = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.StartsWith(configured, settings.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(maxAutoPrepare, built.MaxAutoPrepare);
        Assert.Equal(noReset, built.NoResetOnClose);
    }
}
