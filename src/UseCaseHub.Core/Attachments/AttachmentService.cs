using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Streams;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.Attachments;

/// <summary>An attachment added or removed, or why not.</summary>
public sealed record AttachmentOutcome(Attachment? Attachment, AttachmentProblem? Problem, string? Message)
{
    public bool Succeeded => Problem is null;

    public static AttachmentOutcome Done(Attachment attachment) => new(attachment, null, null);

    public static AttachmentOutcome Refused(AttachmentProblem problem, string message) => new(null, problem, message);
}

/// <summary>
/// Adding and removing an entry's files, for every door. Who may: whoever may edit the entry
/// (<see cref="EntryWorkflow.EnsureMayEdit"/>, the one rule). Nothing is half-written: the bytes are stored before the
/// row and its audit record are saved together; a failed save deletes the stored bytes, a failed store write adds no row.
/// </summary>
public sealed class AttachmentService(HubDbContext db, IAttachmentStore store, IOptions<AttachmentOptions> options, HubPaths paths)
{
    /// <summary>The field name the workflow's edit rule is asked about (not a tag, so only a full editor may).</summary>
    public const string Field = "Attachments";

    private AttachmentOptions Limits => options.Value;

    public Task<List<Attachment>> ListAsync(Guid entryId, CancellationToken cancellationToken) =>
        db.Set<Attachment>().AsNoTracking().Where(a => a.EntryId == entryId).OrderBy(a => a.AddedAt).ToListAsync(cancellationToken);

    /// <summary>Whether the actor may add and remove this entry's files now.</summary>
    public static bool MayChange(Entry entry, Actor actor) => EntryWorkflow.MayEdit(entry, actor);

    /// <summary>
    /// Reads <paramref name="upload"/> once, as it arrives, into a temporary file, refusing it as soon as it passes the
    /// size limit; then decides its kind from the bytes, re-encodes images and stores what is kept.
    /// </summary>
    public async Task<AttachmentOutcome> AddAsync(Entry entry, Actor actor, AuditActor who, string? fileName, Stream upload,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(upload);
        if (Refusal(entry, actor) is { } refused)
        {
            return refused;
        }

        if (await db.Set<Attachment>().CountAsync(a => a.EntryId == entry.Id, cancellationToken) >= Limits.MaxPerEntry)
        {
            return AttachmentOutcome.Refused(AttachmentProblem.TooMany, $"An entry may carry at most {Limits.MaxPerEntry} files.");
        }

        var incoming = Path.Combine(paths.Data, "attachments", ".incoming");
        Directory.CreateDirectory(incoming);
        var received = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        var kept = received + ".kept";
        try
        {
            await using var original = new FileStream(received, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            if (!await CappedCopy.CopyCappedAsync(upload, original, Limits.MaxBytes, cancellationToken))
            {
                return AttachmentOutcome.Refused(AttachmentProblem.TooLarge, $"The file is larger than the limit of {Megabytes(Limits.MaxBytes)} MB.");
            }

            if (original.Length == 0)
            {
                return AttachmentOutcome.Refused(AttachmentProblem.Empty, "The file is empty.");
            }

            original.Position = 0;
            await using var output = new FileStream(kept, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            var (kind, problem) = await AttachmentContent.PrepareAsync(original, output, Limits.MaxPixels, cancellationToken);
            if (kind is null)
            {
                return AttachmentOutcome.Refused(problem!.Value, MessageFor(problem.Value));
            }

            output.Position = 0;
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(output, cancellationToken));
            var attachment = new Attachment
            {
                Id = Guid.NewGuid(),
                EntryId = entry.Id,
                Name = AttachmentNames.Safe(fileName, kind.Value),
                Kind = kind.Value,
                Size = output.Length,
                Sha256 = hash,
                StorageKey = AttachmentKeys.New(),
                AddedAt = DateTimeOffset.UtcNow,
                AddedById = who.Id,
                AddedByName = who.Name,
            };
            output.Position = 0;
            // Stored first: if this throws, no row was added.
            await store.PutAsync(attachment.StorageKey, output, cancellationToken);
            db.Add(attachment);
            var record = db.Audit(who, AuditActions.AttachmentAdd, entry, attachment.Name, Details(attachment));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                db.Entry(attachment).State = EntityState.Detached;
                db.Discard(record);
                await store.DeleteAsync(attachment.StorageKey, CancellationToken.None);
                throw;
            }

            return AttachmentOutcome.Done(attachment);
        }
        finally
        {
            File.Delete(received);
            File.Delete(kept);
        }
    }

    /// <summary>Removes the row (with its audit record), then the bytes: a failed save leaves both in place.</summary>
    public async Task<AttachmentOutcome> RemoveAsync(Entry entry, Actor actor, AuditActor who, Guid attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(who);
        if (Refusal(entry, actor) is { } refused)
        {
            return refused;
        }

        var attachment = await db.Set<Attachment>().FirstOrDefaultAsync(a => a.Id == attachmentId && a.EntryId == entry.Id, cancellationToken);
        if (attachment is null)
        {
            return AttachmentOutcome.Refused(AttachmentProblem.NotFound, "The entry has no such file.");
        }

        db.Remove(attachment);
        db.Audit(who, AuditActions.AttachmentRemove, entry, attachment.Name, Details(attachment));
        await db.SaveChangesAsync(cancellationToken);
        await store.DeleteAsync(attachment.StorageKey, CancellationToken.None);
        return AttachmentOutcome.Done(attachment);
    }

    private static AttachmentOutcome? Refusal(Entry entry, Actor actor)
    {
        try
        {
            EntryWorkflow.EnsureMayEdit(entry, actor, [Field]);
            return null;
        }
        catch (EntryStateException refusal)
        {
            return AttachmentOutcome.Refused(AttachmentProblem.NotPermitted, refusal.Message);
        }
    }

    private static object Details(Attachment a) => new { attachment = a.Id, type = a.ContentType, size = a.Size, sha256 = a.Sha256 };

    private static string Megabytes(long bytes) => (bytes / (1024d * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static string MessageFor(AttachmentProblem problem) => problem switch
    {
        AttachmentProblem.Executable => "The file is a program; only PDF, PNG, JPEG and WebP files are accepted.",
        AttachmentProblem.Markup => "HTML, SVG and XML files are not accepted; only PDF, PNG, JPEG and WebP files are.",
        AttachmentProblem.Unreadable => "The file does not decode as the image it claims to be (or has too many pixels).",
        _ => "Only PDF, PNG, JPEG and WebP files are accepted (the type is read from the file's content, not its name).",
    };
}
