using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nara.Consultations.Contracts;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;
using Nara.Platform.Text;

namespace Nara.Consultations;

/// <summary>A refusal is a text key with its values, keyed by the form field it concerns; no errors means done.</summary>
internal sealed record ConsultationResult(long? Id, IReadOnlyDictionary<string, (string Message, object[] Values)> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static ConsultationResult Done(long id) => new(id, new Dictionary<string, (string, object[])>());

    public static ConsultationResult Refused(string field, string message, params object[] values) =>
        new(null, new Dictionary<string, (string, object[])> { [field] = (message, values) });
}

/// <summary>
/// Every change in a consultation: drafting, opening, comments and replies, agreeing or disagreeing, reporting and
/// hiding comments, and the response report with the revised text. Public steps go in the public log.
/// </summary>
internal sealed class ConsultationWork(NaraDb db, EventPublisher events, TimeProvider clock)
{
    public const int CommentLimit = 2000;

    /// <summary>Reasons a moderator may give for hiding a comment; shown in its place.</summary>
    public static readonly IReadOnlyList<string> HideReasons = ["offensive", "personal-data", "spam", "off-topic"];

    private static readonly string[] Managing = [StaffRoles.Officer, StaffRoles.Supervisor, StaffRoles.Director];

    public DateTimeOffset Now => clock.GetUtcNow();

    public static bool MayManage(ClaimsPrincipal user, Guid agencyId) =>
        user.IsStaffWithSecondFactor() && (user.HasRole(StaffRoles.Administrator, null) || Managing.Any(r => user.HasRole(r, agencyId)));

    /// <summary>The agency's staff and the platform's moderators may hide comments.</summary>
    public static bool MayModerate(ClaimsPrincipal user, Guid agencyId) =>
        MayManage(user, agencyId) || (user.IsStaffWithSecondFactor() && user.HasRole(StaffRoles.Moderator, null));

    public static HashSet<Guid> AgenciesOf(ClaimsPrincipal user) =>
        user.IsStaffWithSecondFactor() ? [.. user.Memberships().Where(m => Managing.Contains(m.Role) && m.AgencyId is not null).Select(m => m.AgencyId!.Value)] : [];

    /// <summary>Who acts: the agency's role, or an administrator; a moderator (hiding a comment) acts for no agency.</summary>
    public static Actor ActorIn(ClaimsPrincipal user, Guid agencyId, bool moderating = false) =>
        Managing.Reverse().FirstOrDefault(r => user.HasRole(r, agencyId)) is { } role ? new(user.UserId(), role, agencyId)
        : moderating && user.HasRole(StaffRoles.Moderator, null) ? new(user.UserId(), StaffRoles.Moderator)
        : new(user.UserId(), StaffRoles.Administrator, agencyId);

    /// <summary>Whether people can comment now: opened and before its closing time.</summary>
    public bool IsOpen(Consultation consultation) => consultation.State == Consultation.Open && Now < consultation.ClosesAt;

    public Task<Consultation?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<Consultation>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<List<ConsultationParagraph>> ParagraphsAsync(long id, CancellationToken cancellationToken) =>
        db.Set<ConsultationParagraph>().AsNoTracking().Where(p => p.ConsultationId == id).OrderBy(p => p.Number).ToListAsync(cancellationToken);

    /// <summary>Per paragraph: agreeing, disagreeing, and visible comments.</summary>
    public async Task<Dictionary<int, (int Agree, int Disagree, int Comments)>> TalliesAsync(long id, CancellationToken cancellationToken)
    {
        var reactions = await db.Set<ConsultationReaction>().Where(r => r.ConsultationId == id).GroupBy(r => new { r.Paragraph, r.Agrees })
            .Select(g => new { g.Key.Paragraph, g.Key.Agrees, Count = g.Count() }).ToListAsync(cancellationToken);
        var comments = await db.Set<ConsultationComment>().Where(c => c.ConsultationId == id && !c.Hidden).GroupBy(c => c.Paragraph)
            .Select(g => new { Paragraph = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return reactions.Select(r => r.Paragraph).Concat(comments.Select(c => c.Paragraph)).Distinct().ToDictionary(p => p, p => (
            reactions.Where(r => r.Paragraph == p && r.Agrees).Sum(r => r.Count),
            reactions.Where(r => r.Paragraph == p && !r.Agrees).Sum(r => r.Count),
            comments.Where(c => c.Paragraph == p).Sum(c => c.Count)));
    }

    public async Task<ConsultationResult> CreateAsync(Guid agencyId, string? title, string? summary, string? text, DateOnly? closesOn, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, (string, object[])>();
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 160)
        {
            errors["Title"] = ("Enter a title of at most {0} characters.", [160]);
        }

        if (string.IsNullOrWhiteSpace(summary) || summary.Trim().Length > 1000)
        {
            errors["Summary"] = ("Summarise the draft in at most {0} characters.", [1000]);
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > 100_000)
        {
            errors["Text"] = ("Paste the draft text (Markdown), at most {0} characters.", ["100,000"]);
        }
        else if (SafeMarkdown.Blocks(text) is var blocks && blocks.Count is 0 or > 500)
        {
            errors["Text"] = ("The draft must have between 1 and {0} paragraphs.", [500]);
        }
        else if (blocks.Any(b => b.Length > 20_000))
        {
            errors["Text"] = ("Each paragraph of the draft must have at most {0} characters; separate long parts with an empty line.", ["20,000"]);
        }

        if (new[] { title, summary, text }.Any(HasControlCharacters))
        {
            errors.TryAdd("Text", ("The text contains characters that cannot be shown. Type it again or paste it as plain text.", []));
        }

        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        if (closesOn is null || closesOn <= today || closesOn > today.AddYears(1))
        {
            errors["ClosesOn"] = ("Enter the day comments close: after today and within a year.", []);
        }

        if (errors.Count > 0)
        {
            return new ConsultationResult(null, errors);
        }

        var consultation = new Consultation
        {
            Title = title!.Trim(),
            Summary = summary!.Trim(),
            AgencyId = agencyId,
            Text = text!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
            State = Consultation.Draft,
            CreatedAt = Now,
            ClosesAt = new DateTimeOffset(closesOn!.Value.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero),
            Version = Guid.NewGuid(),
        };
        db.Add(consultation);
        await db.SaveChangesAsync(cancellationToken);
        return ConsultationResult.Done(consultation.Id);
    }

    /// <summary>Opens for comments: the draft's paragraphs are fixed and numbered, and the opening is logged with the draft's hash.</summary>
    public async Task<ConsultationResult> OpenAsync(Consultation consultation, Actor actor, CancellationToken cancellationToken)
    {
        if (consultation.State != Consultation.Draft || consultation.ClosesAt <= Now.AddDays(1))
        {
            return ConsultationResult.Refused("", "This consultation cannot be opened: it is already open, or its closing day has passed.");
        }

        var blocks = SafeMarkdown.Blocks(consultation.Text);
        for (var i = 0; i < blocks.Count; i++)
        {
            db.Add(new ConsultationParagraph { ConsultationId = consultation.Id, Number = i + 1, Text = blocks[i] });
        }

        consultation.State = Consultation.Open;
        consultation.OpenedAt = Now;
        consultation.Version = Guid.NewGuid();
        await events.PublishAsync(new ConsultationOpened(consultation.Id, consultation.Title, consultation.AgencyId, consultation.ClosesAt, Sha256(consultation.Text)), actor, cancellationToken: cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Opened twice at once: the other press opened it.
            db.ChangeTracker.Clear();
            return ConsultationResult.Refused("", "This consultation cannot be opened: it is already open, or its closing day has passed.");
        }

        return ConsultationResult.Done(consultation.Id);
    }

    public async Task<ConsultationResult> CommentAsync(Consultation consultation, int paragraph, long? parentId, Guid personId, string authorName, string? text, CancellationToken cancellationToken)
    {
        if (!IsOpen(consultation))
        {
            return ConsultationResult.Refused("", "Comments are closed.");
        }

        if (!await db.Set<ConsultationParagraph>().AnyAsync(p => p.ConsultationId == consultation.Id && p.Number == paragraph, cancellationToken))
        {
            return ConsultationResult.Refused("", "This draft has no such paragraph.");
        }

        if (parentId is { } parent && !await db.Set<ConsultationComment>().AnyAsync(c => c.Id == parent && c.ConsultationId == consultation.Id && c.Paragraph == paragraph && c.ParentId == null, cancellationToken))
        {
            return ConsultationResult.Refused("", "You can only reply to a comment on this paragraph.");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length is < 3 or > CommentLimit || HasControlCharacters(text))
        {
            return ConsultationResult.Refused("Text", "Write your comment in {0} to {1} characters.", 3, CommentLimit);
        }

        var comment = new ConsultationComment
        {
            ConsultationId = consultation.Id,
            Paragraph = paragraph,
            ParentId = parentId,
            AuthorId = personId,
            AuthorName = authorName,
            Text = text.Trim(),
            CreatedAt = Now,
        };
        db.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        return ConsultationResult.Done(comment.Id);
    }

    /// <summary>Agree or disagree with a paragraph; a second answer replaces the first.</summary>
    public async Task<ConsultationResult> ReactAsync(Consultation consultation, int paragraph, Guid personId, bool agrees, CancellationToken cancellationToken)
    {
        if (!IsOpen(consultation))
        {
            return ConsultationResult.Refused("", "Comments are closed.");
        }

        if (!await db.Set<ConsultationParagraph>().AnyAsync(p => p.ConsultationId == consultation.Id && p.Number == paragraph, cancellationToken))
        {
            return ConsultationResult.Refused("", "This draft has no such paragraph.");
        }

        var updated = await db.Set<ConsultationReaction>().Where(r => r.ConsultationId == consultation.Id && r.Paragraph == paragraph && r.PersonId == personId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Agrees, agrees), cancellationToken);
        if (updated == 0)
        {
            db.Add(new ConsultationReaction { ConsultationId = consultation.Id, Paragraph = paragraph, PersonId = personId, Agrees = agrees });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same person answered twice at once: one answer stands.
                db.ChangeTracker.Clear();
            }
        }

        return ConsultationResult.Done(consultation.Id);
    }

    /// <summary>Someone reports a comment to the moderators; each person counts once.</summary>
    public async Task ReportCommentAsync(ConsultationComment comment, Guid personId, CancellationToken cancellationToken)
    {
        if (await db.Set<ConsultationFlag>().AnyAsync(f => f.CommentId == comment.Id && f.PersonId == personId, cancellationToken))
        {
            return;
        }

        db.Add(new ConsultationFlag { CommentId = comment.Id, PersonId = personId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await db.Set<ConsultationComment>().Where(c => c.Id == comment.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Reports, c => c.Reports + 1), cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A moderator hides a comment with a public reason: its text is withheld, the reason shown in its place and logged.</summary>
    public async Task<ConsultationResult> HideAsync(ConsultationComment comment, string? reason, Actor moderator, CancellationToken cancellationToken)
    {
        if (reason is null || !HideReasons.Contains(reason))
        {
            return ConsultationResult.Refused("reason-" + comment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Choose why the comment is hidden.");
        }

        if (comment.Hidden)
        {
            return ConsultationResult.Done(comment.ConsultationId);
        }

        comment.Hidden = true;
        comment.HiddenReason = reason;
        await events.PublishAsync(new ConsultationCommentHidden(comment.ConsultationId, comment.Id, reason), moderator, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ConsultationResult.Done(comment.ConsultationId);
    }

    /// <summary>
    /// After comments close: the agency's response to each paragraph people commented on or reacted to, an overall
    /// summary, and the revised text. Published together, logged with the revised text's hash.
    /// </summary>
    public async Task<ConsultationResult> PublishReportAsync(Consultation consultation, string? summary, IReadOnlyDictionary<int, string?> responses, string? revised, Actor actor, CancellationToken cancellationToken)
    {
        if (consultation.State != Consultation.Open || Now < consultation.ClosesAt)
        {
            return ConsultationResult.Refused("", "The report is published once comments have closed, and only once.");
        }

        var errors = new Dictionary<string, (string, object[])>();
        if (new[] { summary, revised }.Concat(responses.Values).Any(HasControlCharacters))
        {
            errors["Revised"] = ("The text contains characters that cannot be shown. Type it again or paste it as plain text.", []);
        }

        if (string.IsNullOrWhiteSpace(summary) || summary.Trim().Length > 10_000)
        {
            errors["Summary"] = ("Say what the consultation showed and what the agency will do, in at most {0} characters.", ["10,000"]);
        }

        if (string.IsNullOrWhiteSpace(revised) || revised.Length > 100_000)
        {
            errors["Revised"] = ("Paste the revised text (Markdown), at most {0} characters.", ["100,000"]);
        }

        var tallies = await TalliesAsync(consultation.Id, cancellationToken);
        var paragraphs = await db.Set<ConsultationParagraph>().Where(p => p.ConsultationId == consultation.Id).OrderBy(p => p.Number).ToListAsync(cancellationToken);
        foreach (var paragraph in paragraphs)
        {
            var response = responses.GetValueOrDefault(paragraph.Number)?.Trim();
            if (string.IsNullOrEmpty(response) && tallies.TryGetValue(paragraph.Number, out var said) && said.Agree + said.Disagree + said.Comments > 0)
            {
                errors.TryAdd($"Response-{paragraph.Number}", ("Respond to paragraph {0}: people commented on it or said whether they agree.", [paragraph.Number]));
            }
            else if (response?.Length > 5000)
            {
                errors.TryAdd($"Response-{paragraph.Number}", ("Keep the response to paragraph {0} within {1} characters.", [paragraph.Number, 5000]));
            }

            paragraph.Response = string.IsNullOrEmpty(response) ? null : response;
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new ConsultationResult(null, errors);
        }

        consultation.State = Consultation.Reported;
        consultation.ReportSummary = summary!.Trim();
        consultation.Revised = revised!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        consultation.ReportedAt = Now;
        consultation.Version = Guid.NewGuid();
        var comments = await db.Set<ConsultationComment>().CountAsync(c => c.ConsultationId == consultation.Id && !c.Hidden, cancellationToken);
        await events.PublishAsync(new ConsultationReportPublished(consultation.Id, comments, paragraphs.Count, paragraphs.Count(p => p.Response is not null), Sha256(consultation.Revised)), actor, cancellationToken: cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ConsultationResult.Refused("", "The report is published once comments have closed, and only once.");
        }

        return ConsultationResult.Done(consultation.Id);
    }

    /// <summary>Control characters other than line breaks and tabs (a NUL cannot even be stored by PostgreSQL).</summary>
    private static bool HasControlCharacters(string? text) => text is not null && text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
