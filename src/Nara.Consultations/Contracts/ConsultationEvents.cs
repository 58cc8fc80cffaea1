using Nara.Platform.Events;

namespace Nara.Consultations.Contracts;

// Events carry public facts only: a comment's text is public once posted, but never its author's email or account.
public sealed record ConsultationOpened(long ConsultationId, string Title, Guid AgencyId, DateTimeOffset ClosesAt, string DraftSha256) : IEvent
{
    public static string EventType => "consultations.opened.v1";
}

public sealed record ConsultationCommentHidden(long ConsultationId, long CommentId, string Reason) : IEvent
{
    public static string EventType => "consultations.comment-hidden.v1";
}

public sealed record ConsultationReportPublished(long ConsultationId, int Comments, int Paragraphs, int Changed, string RevisedSha256) : IEvent
{
    public static string EventType => "consultations.report-published.v1";
}
