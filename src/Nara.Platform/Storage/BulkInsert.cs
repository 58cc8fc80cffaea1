using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Nara.Platform.Storage;

/// <summary>
/// Inserts many new rows of one entity in the caller's open transaction, without change tracking: on SQLite through
/// one prepared statement run once per row, on PostgreSQL with one binary <c>COPY</c>. For group-commit writers, where
/// EF Core's per-entity work (tracking, a fresh statement per row) costs more than the database's own. Columns, names
/// and value conversions come from the EF Core model, so the rows are exactly what <c>SaveChanges</c> would write.
/// Keys the database generates (integer identities) are left to it and not read back; other generated values are refused. See docs/adr/0013.
/// </summary>
public static class BulkInsert
{
    public static async Task InsertManyAsync<T>(this NaraDb db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("InsertManyAsync writes in the caller's transaction; begin one first.");
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = new List<Column>();
        foreach (var property in entity.GetProperties())
        {
            if (property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd && property.ClrType.IsInteger())
            {
                continue; // an identity: the database numbers the rows (not read back)
            }

            if (property.IsShadowProperty() || (property.ValueGenerated != ValueGenerated.Never && !property.IsPrimaryKey()))
            {
                throw new NotSupportedException($"{typeof(T).Name}.{property.Name}: bulk inserts write only plain columns and client-set keys.");
            }

            columns.Add(new Column(property, sql.DelimitIdentifier(property.GetColumnName(store)!), property.GetRelationalTypeMapping()));
        }

        var target = sql.DelimitIdentifier(table, entity.GetSchema());
        var names = string.Join(", ", columns.Select(c => c.Name));
        var keys = columns.Where(c => c.Property.IsPrimaryKey() && c.Property.ClrType == typeof(Guid)).ToList();
        foreach (var row in rows)
        {
            if (keys.Any(k => k.Value(row) is Guid id && id == Guid.Empty))
            {
                throw new InvalidOperationException($"A {typeof(T).Name} has no key; bulk inserts do not generate keys.");
            }
        }

        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection postgres)
        {
            await using var copy = await postgres.BeginBinaryImportAsync($"COPY {target} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    await WriteAsync(copy, column.Value(row), cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
            return;
        }

        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)db.Database.CurrentTransaction.GetDbTransaction();
        command.CommandText = $"INSERT INTO {target} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = $"@p{i}" })).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = columns[i].Value(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static bool IsInteger(this Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short);

    private static Task WriteAsync(NpgsqlBinaryImporter copy, object? value, CancellationToken cancellationToken) => value switch
    {
        null => copy.WriteNullAsync(cancellationToken),
        string text => copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
        long number => copy.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
        int number => copy.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken),
        short number => copy.WriteAsync(number, NpgsqlDbType.Smallint, cancellationToken),
        bool flag => copy.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken),
        Guid id => copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken),
        byte[] bytes => copy.WriteAsync(bytes, NpgsqlDbType.Bytea, cancellationToken),
        DateTimeOffset time => copy.WriteAsync(time.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken),
        DateOnly day => copy.WriteAsync(day, NpgsqlDbType.Date, cancellationToken),
        decimal amount => copy.WriteAsync(amount, NpgsqlDbType.Numeric, cancellationToken),
        double real => copy.WriteAsync(real, NpgsqlDbType.Double, cancellationToken),
        _ => throw new NotSupportedException($"No COPY mapping for {value.GetType().Name}."),
    };

    /// <summary>A column: the property it stores and how its value is converted for the database (e.g. an enum to its number).</summary>
    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping)
    {
        private readonly Func<object, object?> getter = Property.GetGetter().GetClrValueUsingContainingEntity;

        public object? Value(object row)
        {
            var value = getter(row);
            return value is null || Mapping.Converter is null ? value : Mapping.Converter.ConvertToProvider(value);
        }
    }
}
