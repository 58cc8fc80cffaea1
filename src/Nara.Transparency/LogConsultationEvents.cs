using Nara.Consultations.Contracts;
using Nara.Platform.Events;
using Nara.Transparency.Log;

namespace Nara.Transparency;

/// <summary>
/// Consultations in the public log: the opening with the draft's SHA-256 (so the text people commented on cannot be
/// quietly changed), every comment hidden with its reason, and the report with the revised text's SHA-256.
/// </summary>
internal sealed class LogConsultationEvents(PublicLog log)
    : IReactTo<ConsultationOpened>, IReactTo<ConsultationCommentHidden>, IReactTo<ConsultationReportPublished>
{
    public Task ReactAsync(ConsultationOpened payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, ConsultationOpened.EventType, new { consultation = payload.ConsultationId, title = payload.Title, agency = payload.AgencyId, closes = payload.ClosesAt, draftSha256 = payload.DraftSha256 });

    public Task ReactAsync(ConsultationCommentHidden payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, ConsultationCommentHidden.EventType, new { consultation = payload.ConsultationId, comment = payload.CommentId, reason = payload.Reason });

    public Task ReactAsync(ConsultationReportPublished payload, EventContext context, CancellationToken cancellationToken) =>
        Append(context, ConsultationReportPublished.EventType, new { consultation = payload.ConsultationId, comments = payload.Comments, paragraphs = payload.Paragraphs, answered = payload.Changed, revisedSha256 = payload.RevisedSha256 });

    private Task Append(EventContext context, string type, object fields)
    {
        context.Stored.LogLeaf = log.Append(type, fields);
        return Task.CompletedTask;
    }
}
