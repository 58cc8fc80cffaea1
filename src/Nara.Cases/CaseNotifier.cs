using Microsoft.Extensions.Localization;
using Nara.Blueprints;
using Nara.Identity.Contracts;
using Nara.Platform.Localization;
using Nara.Platform.Outbox;

namespace Nara.Cases;

/// <summary>Tells the applicant, in their language, by email or else SMS, about each step of their case.</summary>
internal sealed class CaseNotifier(Outbox outbox, IAgencyDirectory directory, IStringLocalizer<Strings> text)
{
    public Task SubmittedAsync(Case @case, Blueprint blueprint, CancellationToken cancellationToken) =>
        SendAsync(@case, blueprint, "cases.submitted", (service, _) => (
            text["We have received your application {0}", @case.Reference],
            text["Your application for \"{0}\" has the reference {1}. We will tell you at each step. You can follow it under \"Your applications\" when you sign in.", service, @case.Reference]), cancellationToken);

    public Task StateChangedAsync(Case @case, Blueprint blueprint, string? comment, CancellationToken cancellationToken) =>
        SendAsync(@case, blueprint, "cases.state-changed", (service, words) => (
            text["Your application {0} has moved on", @case.Reference],
            text["Your application for \"{0}\" ({1}) is now: {2}.", service, @case.Reference, words.State(@case.State)]
                + (string.IsNullOrWhiteSpace(comment) ? "" : " " + text["The officer wrote: {0}", comment.Trim()])), cancellationToken);

    public Task MessageAsync(Case @case, Blueprint blueprint, CancellationToken cancellationToken) =>
        SendAsync(@case, blueprint, "cases.message", (service, _) => (
            text["New message about your application {0}", @case.Reference],
            text["There is a new message about your application for \"{0}\" ({1}). Sign in to read it and reply.", service, @case.Reference]), cancellationToken);

    private async Task SendAsync(Case @case, Blueprint blueprint, string template, Func<string, BlueprintText, (string Subject, string Body)> compose, CancellationToken cancellationToken)
    {
        var person = await directory.PersonAsync(@case.ApplicantId, cancellationToken);
        if (person is null || (person.Email is null && person.Phone is null))
        {
            return;
        }

        using var language = new CultureScope(person.Culture);
        var words = new BlueprintText(blueprint, NaraCultures.Normalize(person.Culture));
        var (subject, body) = compose(words.Title, words);
        if (person.Email is not null)
        {
            outbox.Queue(Channel.Email, person.Email, subject, body, person.Culture, template);
        }
        else
        {
            outbox.Queue(Channel.Sms, person.Phone!, subject, body, person.Culture, template);
        }
    }
}
