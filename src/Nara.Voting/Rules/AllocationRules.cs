namespace Nara.Voting.Rules;

/// <summary>The rules by name, as a process or the command line chooses them.</summary>
public static class AllocationRules
{
    public static IReadOnlyDictionary<string, Func<Election, Outcome>> ByName { get; } = new Dictionary<string, Func<Election, Outcome>>(StringComparer.Ordinal)
    {
        [Greedy.Name] = Greedy.Run,
        [EqualShares.Name] = EqualShares.Run,
        [EqualShares.Add1Name] = EqualShares.RunAdd1,
        [EqualShares.CompletedGreedilyName] = EqualShares.RunCompletedGreedily,
        [Phragmen.Name] = Phragmen.Run,
    };
}
