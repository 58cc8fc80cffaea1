using Microsoft.Extensions.DependencyInjection;

namespace Nara.Platform.OpenData;

/// <summary>
/// A dataset a module derives from its own records (applications by month, petitions by region, …). The module
/// that owns the records says what the rows are; the open-data module serves each file as CSV and JSON under
/// <c>/data/{file}.csv|json</c>, lists the feed in the catalogue and refreshes its metadata when the rows change.
/// Rows are public: a count below 5 must already be given as "&lt;5".
/// </summary>
public sealed record OpenDataFeed(string Name, string Title, string Description, string Theme, string Frequency, IReadOnlyList<string> Tags, IReadOnlyList<OpenDataFile> Files);

/// <summary>One table of a feed. <paramref name="Rows"/> (given a request's services) returns <paramref name="RowType"/> records whose public properties are the columns.</summary>
public sealed record OpenDataFile(string Name, string Title, Type RowType, Func<IServiceProvider, CancellationToken, Task<IReadOnlyList<object>>> Rows);

public static class OpenDataFeeds
{
    public static IServiceCollection AddOpenDataFeed(this IServiceCollection services, OpenDataFeed feed) => services.AddSingleton(feed);

    /// <summary>A count as public data gives it: 1 to 4 as "&lt;5", so that nobody in a small group can be singled out.</summary>
    public static string PublicCount(int count) => count is > 0 and < 5 ? "<5" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
