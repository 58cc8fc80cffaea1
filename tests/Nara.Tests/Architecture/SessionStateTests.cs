using System.Text.RegularExpressions;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Architecture;

/// <summary>
/// Pooled PostgreSQL connections are not reset when returned ("No Reset On Close", see StorageSettings), which is safe
/// only while Nara's own SQL leaves nothing behind in a session.
/// </summary>
public sealed partial class SessionStateTests
{
    [Fact]
    public void Source_SetsNoSessionState()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, number: i + 1)))
            .Where(l => SessionState().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(Repository.Root, l.path)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("await db.Database.ExecuteSqlRawAsync(\"SET search_path TO other\");")]
    [InlineData("command.CommandText = \"LISTEN outbox\";")]
    [InlineData("\"CREATE TEMP TABLE ids (id uuid)\"")]
    [InlineData("\"SELECT pg_advisory_lock(42)\"")]
    [InlineData("\"SET SESSION statement_timeout = 0\"")]
    public void Pattern_CatchesSessionStatements(string line) => Assert.Matches(SessionState(), line);

    [GeneratedRegex("\"\\s*(SET\\s+(?!LOCAL\\b)[a-z_]+|LISTEN\\s|CREATE\\s+TEMP(ORARY)?\\s|SELECT\\s+pg_advisory_lock\\()", RegexOptions.IgnoreCase)]
    private static partial Regex SessionState();
}
