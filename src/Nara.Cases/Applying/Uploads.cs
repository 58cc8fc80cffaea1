using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Platform.Storage;

namespace Nara.Cases.Applying;

/// <summary>Takes an uploaded document for a case: size within the blueprint's limit, type recognised from its bytes.</summary>
internal sealed class Uploads(NaraDb db, FileStore files, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector names = protection.CreateProtector("Nara.Cases.FileNames.v1");

    public async Task<AnswerError?> AttachAsync(OpenCase open, FieldSpec field, IFormFile file, Guid by, CancellationToken cancellationToken)
    {
        var document = open.Blueprint.Documents.FirstOrDefault(d => d.Id == field.Document);
        if (document is null)
        {
            return null;
        }

        if (file.Length > document.MaxKb * 1024L)
        {
            return new AnswerError(field.Id, "file-too-large", document.MaxKb.ToString(CultureInfo.InvariantCulture));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return await AttachAsync(open, field, buffer.ToArray(), file.FileName, by, cancellationToken);
    }

    /// <summary>Stores a document for one of the blueprint's file questions, replacing an earlier one; the pages and the API both come here.</summary>
    public async Task<AnswerError?> AttachAsync(OpenCase open, FieldSpec field, byte[] content, string fileName, Guid by, CancellationToken cancellationToken)
    {
        var document = open.Blueprint.Documents.FirstOrDefault(d => d.Id == field.Document);
        if (document is null || open.Case.State != Case.Draft)
        {
            return new AnswerError(field.Id, open.Case.State != Case.Draft ? "already-submitted" : "not-a-document");
        }

        if (content.Length > document.MaxKb * 1024L)
        {
            return new AnswerError(field.Id, "file-too-large", document.MaxKb.ToString(CultureInfo.InvariantCulture));
        }

        var kind = FileStore.Sniff(content);
        if (kind is null || !document.Types.Contains(kind))
        {
            return new AnswerError(field.Id, "file-type", string.Join(", ", document.Types.Select(t => t.ToUpperInvariant())));
        }

        var hash = await files.SaveAsync(content, cancellationToken);
        await db.Set<CaseDocument>().Where(d => d.CaseId == open.Case.Id && d.DocumentId == document.Id).ExecuteDeleteAsync(cancellationToken);
        db.Set<CaseDocument>().Add(new CaseDocument
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            CaseId = open.Case.Id,
            DocumentId = document.Id,
            Sha256 = hash,
            Size = content.Length,
            MediaType = FileStore.MediaTypes[kind],
            ProtectedFileName = names.Protect(Path.GetFileName(fileName)),
            UploadedBy = by,
            UploadedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public const int AttachmentMaxKb = 10240;

    /// <summary>A file given with an action (a reply, an inspection report): checked and stored, to be recorded with the action.</summary>
    public async Task<(CaseDocument? Document, AnswerError? Problem)> PrepareAttachmentAsync(OpenCase open, IFormFile? file, Guid by, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, null);
        }

        if (file.Length > AttachmentMaxKb * 1024L)
        {
            return (null, new AnswerError("attachment", "file-too-large", AttachmentMaxKb.ToString(CultureInfo.InvariantCulture)));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        if (FileStore.Sniff(content) is not { } kind)
        {
            return (null, new AnswerError("attachment", "file-type", "PDF, JPEG, PNG"));
        }

        var now = clock.GetUtcNow();
        return (new CaseDocument
        {
            Id = Guid.CreateVersion7(now),
            CaseId = open.Case.Id,
            DocumentId = "attachment",
            Sha256 = await files.SaveAsync(content, cancellationToken),
            Size = content.Length,
            MediaType = FileStore.MediaTypes[kind],
            ProtectedFileName = names.Protect(Path.GetFileName(file.FileName)),
            UploadedBy = by,
            UploadedAt = now,
        }, null);
    }

    public string ProtectName(string fileName) => names.Protect(fileName);

    public string FileName(CaseDocument document) => names.Unprotect(document.ProtectedFileName);
}
