using System.Text.RegularExpressions;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Architecture;

/// <summary>
/// Pooled PostgreSQL connections are not reset when returned ("No Reset On Close", see StorageSettings), which is safe
/// only while Nara's own SQL — migrations included — leaves nothing behind in a session.
/// </summary>
public sealed partial class SessionStateTests
{
    [Fact]
    public void Source_SetsNoSessionState()
    {
        var separator = Path.DirectorySeparatorChar;
        var literals = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .SelectMany(path => StringLiterals().Matches(File.ReadAllText(path)).Select(literal => (path, literal.Value)))
            .ToList();

        var offenders = literals.Where(l => SessionState().IsMatch(l.Value)).Select(l => $"{Path.GetRelativePath(Repository.Root, l.path)}: {l.Value}");
        Assert.True(literals.Count > 1000, $"only {literals.Count} string literals found under src");
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("\"SET search_path TO other\"")]
    [InlineData("$\"SET {name} = 0\"")]
    [InlineData("\"BEGIN; SET SESSION statement_timeout = 0\"")]
    [InlineData("\"LISTEN outbox\"")]
    [InlineData("\"CREATE TEMP TABLE ids (id uuid)\"")]
    [InlineData("\"create temporary table ids (id uuid)\"")]
    [InlineData("\"SELECT pg_advisory_lock(42)\"")]
    [InlineData("\"SELECT pg_try_advisory_lock_shared (42)\"")]
    [InlineData("\"SELECT set_config('app.user', 'x', false)\"")]
    [InlineData("\"DECLARE c CURSOR WITH HOLD FOR SELECT 1\"")]
    [InlineData("\"PREPARE q AS SELECT 1\"")]
    [InlineData("\"\"\"\n    SELECT 1;\n    SET role nara;\n    \"\"\"")]
    public void Pattern_CatchesSessionStatements(string code) =>
        Assert.Contains(StringLiterals().Matches(code), literal => SessionState().IsMatch(literal.Value));

    [Theory]
    [InlineData("\"UPDATE outbox SET \\\"SentAt\\\" = @p0 WHERE \\\"Id\\\" = @p1\"")]
    [InlineData("\"SET LOCAL lock_timeout = '1s'\"")]
    [InlineData("\"SET TRANSACTION ISOLATION LEVEL SERIALIZABLE\"")]
    [InlineData("\"SELECT pg_advisory_xact_lock(42)\"")]
    [InlineData("\"Settings are kept in the database\"")]
    [InlineData("\"PRAGMA synchronous = NORMAL;\"")]
    public void Pattern_LeavesTransactionScopedAndOrdinaryStatements(string code) =>
        Assert.DoesNotContain(StringLiterals().Matches(code), literal => SessionState().IsMatch(literal.Value));

    // Raw ("""…"""), verbatim (@"…") and regular string literals, interpolated or not.
    [GeneratedRegex("\"\"\"[\\s\\S]*?\"\"\"|@\"(?:[^\"]|\"\")*\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"")]
    private static partial Regex StringLiterals();

    // A session-level SET at the start of a statement (not SET LOCAL or SET TRANSACTION; UPDATE … SET is mid-statement),
    // LISTEN, temporary tables, session advisory locks, set_config, holdable cursors and SQL-level PREPARE.
    [GeneratedRegex(
        "(^|[\";]|\\n)\\s*SET\\s+(?!LOCAL\\b|TRANSACTION\\b)\\S|\\bLISTEN\\s|\\bCREATE\\s+TEMP(ORARY)?\\s|\\bpg_(try_)?advisory_lock(_shared)?\\s*\\(|\\bset_config\\s*\\(|\\bWITH\\s+HOLD\\b|(^|[\";]|\\n)\\s*PREPARE\\s",
        RegexOptions.IgnoreCase)]
    private static partial Regex SessionState();
}
