using System.Text.Json;
using System.Text.Json.Serialization;
using Nara.Ledger;
using Nara.Platform.Storage;

namespace Nara.Transparency.Log;

/// <summary>
/// Appends entries to the public log inside the caller's unit of work. An entry is version 1 canonical JSON:
/// <c>{"v":1,"type":…,"time":…,…fields}</c>, UTF-8, no whitespace, fields in the order the record declares
/// them (see docs/log.md). Only public facts and hashes go in; never personal data.
/// </summary>
public sealed class PublicLog(NaraDb db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Adds a pending entry; returns its leaf hash, the receipt's first half.</summary>
    public byte[] Append(string type, object fields)
    {
        var time = clock.GetUtcNow();
        var body = JsonSerializer.SerializeToNode(fields, Canonical)!.AsObject();
        var entry = new System.Text.Json.Nodes.JsonObject
        {
            ["v"] = 1,
            ["type"] = type,
            ["time"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            entry[key] = value;
        }

        var data = JsonSerializer.SerializeToUtf8Bytes(entry, Canonical);
        if (data.Length > ushort.MaxValue)
        {
            throw new InvalidOperationException("A log entry must fit in 65,535 bytes (tlog-tiles entry bundles)");
        }

        var leaf = MerkleHash.Leaf(data);
        db.Set<LogEntry>().Add(new LogEntry { Data = data, LeafHash = leaf, CreatedAt = time });
        return leaf;
    }
}
