using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Contracts;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Consultations;

internal sealed record ConsultationRow(long Id, string Title, string Agency, string State, DateTimeOffset? OpenedAt, DateTimeOffset ClosesAt, DateTimeOffset? ReportedAt, int Paragraphs, int Comments, string Draft, string? Revised, string? ReportSummary);

internal sealed record ParagraphRow(long Consultation, int Paragraph, string Text, int Agree, int Disagree, int Comments, string? Response);

/// <summary>A comment's public fields: never its author's name or account. A hidden comment keeps its place, its text withheld.</summary>
internal sealed record CommentRow(long Consultation, int Paragraph, long Comment, long? ReplyTo, DateTimeOffset Posted, string? Text, string? HiddenBecause);

/// <summary>
/// Consultations as open data: every opened consultation with its draft, revised text and report; each paragraph with
/// what people said (agree, disagree, comments) and the agency's response; and every comment's text. Served at
/// /data/consultations.csv|json, /data/consultation-paragraphs.csv|json and /data/consultation-comments.csv|json.
/// </summary>
internal static class ConsultationDatasets
{
    public static OpenDataFeed Feed { get; } = new(
        "consultations",
        "Consultations on draft texts",
        "Every public consultation on a draft policy, regulation or plan: the draft, the revised version and the response report; each paragraph with how many people agreed, disagreed and commented, and the agency's response; and the text of every comment (without its author). Hidden comments are listed with the reason, their text withheld.",
        "GOVE",
        "DAILY",
        ["consultations", "e-participation", "drafts"],
        [
            new("consultations", "Consultations", typeof(ConsultationRow), ConsultationsAsync),
            new("consultation-paragraphs", "What people said about each paragraph, and the response", typeof(ParagraphRow), ParagraphsAsync),
            new("consultation-comments", "Comments on draft texts", typeof(CommentRow), CommentsAsync),
        ]);

    private static async Task<IReadOnlyList<object>> ConsultationsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var agencies = (await services.GetRequiredService<IAgencyDirectory>().AgenciesAsync(cancellationToken)).ToDictionary(a => a.Id, a => a.Name);
        var consultations = await db.Set<Consultation>().AsNoTracking().Where(c => c.State != Consultation.Draft).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var paragraphs = await db.Set<ConsultationParagraph>().GroupBy(p => p.ConsultationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var comments = await db.Set<ConsultationComment>().Where(c => !c.Hidden).GroupBy(c => c.ConsultationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return [.. consultations.Select(c => new ConsultationRow(c.Id, c.Title, agencies.GetValueOrDefault(c.AgencyId, ""), c.State == Consultation.Open && now >= c.ClosesAt ? "closed" : c.State, c.OpenedAt, c.ClosesAt, c.ReportedAt,
            paragraphs.GetValueOrDefault(c.Id), comments.GetValueOrDefault(c.Id), c.Text, c.Revised, c.ReportSummary))];
    }

    private static async Task<IReadOnlyList<object>> ParagraphsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var paragraphs = await db.Set<ConsultationParagraph>().AsNoTracking().OrderBy(p => p.ConsultationId).ThenBy(p => p.Number).ToListAsync(cancellationToken);
        var reactions = await db.Set<ConsultationReaction>().GroupBy(r => new { r.ConsultationId, r.Paragraph, r.Agrees }).Select(g => new { g.Key.ConsultationId, g.Key.Paragraph, g.Key.Agrees, Count = g.Count() }).ToListAsync(cancellationToken);
        var comments = await db.Set<ConsultationComment>().Where(c => !c.Hidden).GroupBy(c => new { c.ConsultationId, c.Paragraph }).Select(g => new { g.Key.ConsultationId, g.Key.Paragraph, Count = g.Count() }).ToListAsync(cancellationToken);
        return [.. paragraphs.Select(p => new ParagraphRow(p.ConsultationId, p.Number, p.Text,
            reactions.Where(r => r.ConsultationId == p.ConsultationId && r.Paragraph == p.Number && r.Agrees).Sum(r => r.Count),
            reactions.Where(r => r.ConsultationId == p.ConsultationId && r.Paragraph == p.Number && !r.Agrees).Sum(r => r.Count),
            comments.Where(c => c.ConsultationId == p.ConsultationId && c.Paragraph == p.Number).Sum(c => c.Count), p.Response))];
    }

    private static async Task<IReadOnlyList<object>> CommentsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var comments = await db.Set<ConsultationComment>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return [.. comments.Select(c => new CommentRow(c.ConsultationId, c.Paragraph, c.Id, c.ParentId, c.CreatedAt, c.Hidden ? null : c.Text, c.HiddenReason))];
    }
}
