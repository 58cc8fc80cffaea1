using Fractions;

namespace Nara.Voting.Rules;

/// <summary>
/// Per-voter exact amounts (remaining shares, or loads) stored as a class index per voter into a small table of
/// distinct values, because voters who have paid the same hold the same amount.
/// </summary>
internal sealed class ShareClasses
{
    private readonly List<Fraction> values = [];
    private readonly Dictionary<Fraction, int> classOf = [];
    private readonly int[] voterClass;

    public ShareClasses(Fraction initial, int voters)
    {
        voterClass = new int[voters];
        ClassFor(initial);
    }

    public Fraction Value(int shareClass) => values[shareClass];

    public Fraction ValueOf(int voter) => values[voterClass[voter]];

    public int ClassFor(Fraction value)
    {
        var reduced = value.Reduce();
        if (!classOf.TryGetValue(reduced, out var index))
        {
            index = values.Count;
            values.Add(reduced);
            classOf[reduced] = index;
        }

        return index;
    }

    public void Set(int voter, int shareClass) => voterClass[voter] = shareClass;

    public int ClassOfVoter(int voter) => voterClass[voter];

    private int[] counts = new int[16];
    private readonly List<int> touched = [];

    /// <summary>Counts supporters by (class, points). Hot path: approval ballots (all points 1) count into an array.</summary>
    public IEnumerable<KeyValuePair<(int Class, int Points), int>> Group((int Voter, int Points)[] supporters)
    {
        if (supporters.Length > 0 && Array.TrueForAll(supporters, s => s.Points == supporters[0].Points))
        {
            var points = supporters[0].Points;
            if (counts.Length < values.Count)
            {
                counts = new int[Math.Max(values.Count, counts.Length * 2)];
            }

            touched.Clear();
            foreach (var (voter, _) in supporters)
            {
                var c = voterClass[voter];
                if (counts[c]++ == 0)
                {
                    touched.Add(c);
                }
            }

            var result = new KeyValuePair<(int, int), int>[touched.Count];
            for (var i = 0; i < touched.Count; i++)
            {
                result[i] = new((touched[i], points), counts[touched[i]]);
                counts[touched[i]] = 0;
            }

            return result;
        }

        var groups = new Dictionary<(int, int), int>();
        foreach (var (voter, points) in supporters)
        {
            var key = (voterClass[voter], points);
            groups[key] = groups.GetValueOrDefault(key) + 1;
        }

        return groups;
    }

    /// <summary>Each supporter pays min(share, ρ·points·unit); returns who paid what, grouped.</summary>
    public IReadOnlyList<SupporterPayment> Charge((int Voter, int Points)[] supporters, Fraction rho, Fraction unit)
    {
        var moved = new Dictionary<(int, int), (int NewClass, Fraction Paid)>();
        var paidBy = new Dictionary<Fraction, int>();
        foreach (var (voter, points) in supporters)
        {
            var key = (voterClass[voter], points);
            if (!moved.TryGetValue(key, out var move))
            {
                var share = values[key.Item1];
                var due = rho * unit * points;
                var paid = due < share ? due : share;
                move = (ClassFor(share - paid), paid.Reduce());
                moved[key] = move;
            }

            voterClass[voter] = move.NewClass;
            paidBy[move.Paid] = paidBy.GetValueOrDefault(move.Paid) + 1;
        }

        return [.. paidBy.OrderByDescending(p => p.Key).Select(p => new SupporterPayment(p.Value, p.Key.ToDecimal()))];
    }
}
