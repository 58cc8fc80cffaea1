using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Nara.Petitions;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Petitions;

/// <summary>Drives petitions through their pages, as people do, reading links from the emails Nara sends.</summary>
internal static partial class PetitionDriver
{
    public static async Task<long> CreateAsync(this WebSession citizen, string title, string action = "Build a footbridge over the river at the market.", string background = "People cross by canoe, which is dangerous in the rainy season.")
    {
        var form = await citizen.OpenAsync("/petitions/new");
        var page = await citizen.SubmitAsync(form, new Dictionary<string, string?> { ["Title"] = title, ["Action"] = action, ["Background"] = background });
        if (page.Document.QuerySelector("input[name=Anyway]") is not null)
        {
            page = await citizen.SubmitAsync(page, new Dictionary<string, string?>());
        }

        var created = CreatedId().Match(page.Url);
        Assert.True(created.Success, $"Not created: {page.Url} {string.Join(", ", page.Errors)}");
        return long.Parse(created.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The private supporters' link, as the creator's page shows it.</summary>
    public static async Task<string> SupportLinkAsync(this WebSession creator, long id)
    {
        var mine = await creator.OpenAsync("/petitions/mine");
        var link = mine.Document.QuerySelector($"#link-{id}")?.GetAttribute("value") ?? throw new InvalidOperationException("No support link shown");
        return new Uri(link).PathAndQuery;
    }

    /// <summary>Fills in the signing form on a petition page (public or supporters' link).</summary>
    public static async Task<WebSession.PageResult> SignAsync(this NaraApp app, string path, string email, string region = "north", bool notify = false, string name = "Kofi Mensah", bool declaration = true)
    {
        using var visitor = app.Session();
        var page = await visitor.OpenAsync(path);
        return await visitor.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["name"] = name,
            ["email"] = email,
            ["region"] = region,
            ["declaration"] = declaration ? "true" : null,
            ["notify"] = notify ? "true" : null,
        }, "form[action*='handler=Sign']");
    }

    /// <summary>Opens the confirmation link from the newest confirmation email to <paramref name="email"/> and presses the button.</summary>
    public static async Task<WebSession.PageResult> ConfirmAsync(this NaraApp app, string email)
    {
        var message = await app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").StartsWith("Confirm your signature", StringComparison.Ordinal));
        var path = ConfirmLink().Match(message.TextBody ?? "").Value;
        using var visitor = app.Session();
        var page = await visitor.OpenAsync(path);
        // Once confirmed, the link shows the confirmation again, with no button.
        return page.Document.QuerySelector("main form") is null ? page : await visitor.SubmitAsync(page, new Dictionary<string, string?>());
    }

    public static async Task SignAndConfirmAsync(this NaraApp app, string path, string email, string region = "north", bool notify = false)
    {
        var signed = await app.SignAsync(path, email, region, notify);
        Assert.True(signed.Errors.Count == 0, string.Join(", ", signed.Errors));
        var confirmed = await app.ConfirmAsync(email);
        Assert.Equal("Your signature is confirmed", confirmed.Title);
    }

    /// <summary>A published petition: created by a new citizen, supported through its private link, published for a new agency.</summary>
    public static async Task<(long Id, Guid AgencyId)> OpenPetitionAsync(this NaraApp app, int supporters, string? title = null)
    {
        using var creator = await app.SignInCitizenAsync();
        var id = await creator.CreateAsync(title ?? TestData.Unique("Footbridge"));
        var link = await creator.SupportLinkAsync(id);
        for (var i = 0; i < supporters; i++)
        {
            await app.SignAndConfirmAsync(link, $"supporter{i}-{id}@support.example");
        }

        await app.TallyAsync();
        var (agencyId, _) = await app.CreateAgencyAsync();
        await app.PublishAsync(id, agencyId);
        return (id, agencyId);
    }

    /// <summary>Publishes a petition waiting for moderation, as a moderator would.</summary>
    public static Task PublishAsync(this NaraApp app, long id, Guid agencyId) =>
        app.WithScopeAsync(async sp =>
        {
            var work = sp.GetRequiredService<PetitionWork>();
            Assert.True((await work.PublishAsync((await work.FindAsync(id, default))!, agencyId, new Nara.Platform.Events.Actor(null, "moderator", null), default)).Succeeded);
            return 0;
        });

    /// <summary>One pass of the tally (the background service runs the same every few seconds).</summary>
    public static Task<int> TallyAsync(this NaraApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<TallyWork>().RunAsync(CancellationToken.None));

    [GeneratedRegex(@"/petitions/mine\?created=(\d+)")]
    private static partial Regex CreatedId();

    [GeneratedRegex(@"/petitions/confirm/[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();
}
