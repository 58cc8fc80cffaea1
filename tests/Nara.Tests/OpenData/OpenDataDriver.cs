using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Nara.OpenData;
using Nara.Platform.Events;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.OpenData;

/// <summary>Datasets made through the same handler the publishing pages call.</summary>
internal static class OpenDataDriver
{
    public const string Csv = "district,clinics,beds\ncapital,12,420\nnorth,7,180\n";

    public static Task<Guid> CreateDatasetAsync(this NaraApp app, Guid agencyId, string name, string tags = "health", bool publish = true, string? title = null, string? notes = null) =>
        app.WithScopeAsync(async sp =>
        {
            var work = sp.GetRequiredService<DatasetWork>();
            var actor = new Actor(null, "officer", agencyId);
            var (dataset, result) = await work.CreateAsync(new DatasetDraft(agencyId, title ?? $"Dataset {name}", name, notes ?? "Clinics and beds by district.", "cc-by", "HEAL", "ANNUAL", tags, null, null), actor, default);
            Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => p.Problem.Message)));
            Assert.True((await work.AddFileAsync(dataset!, $"{name}.csv", Encoding.UTF8.GetBytes(Csv), null, null, actor, default)).Succeeded);
            if (publish)
            {
                Assert.True((await work.PublishAsync(dataset!, actor, default)).Succeeded);
            }

            return dataset!.Id;
        });
}
