using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.ContentFiles;

/// <summary>
/// Linked translations (<c>content/translations/&lt;language&gt;/*.md</c>): imported after the entries, idempotent by
/// (entry identifier, language) with a content hash like entries; a bad file is reported with its file, line and
/// field while the others load.
/// </summary>
public sealed partial class ContentImporter
{
    private const string TranslationsFolder = "translations";

    /// <summary>
    /// The files in the language folders (<c>translations/fr/*.md</c>); a file beside them, such as the folder's README,
    /// documents the translations and is not one.
    /// </summary>
    private static List<string> TranslationFiles(string root)
    {
        var path = Path.Combine(root, TranslationsFolder);
        return Directory.Exists(path)
            ? Directory.EnumerateDirectories(path).SelectMany(folder => Directory.EnumerateFiles(folder, "*.md"))
                .Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private sealed record StoredEntry(Guid Id, string Pid, string Slug, string Language, string Type, int ScaleCount);

    private async Task<int> ImportTranslationsAsync(string root, List<string> files, ImportReport report, IProgress<ImportProgress>? progress,
        int done, int total, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return done;
        }

        var entries = await db.Entries.AsNoTracking().Canonical()
            .Select(e => new { e.Id, e.Pid, e.Slug, e.Language, Type = EF.Property<string>(e, "Type") })
            .ToListAsync(cancellationToken);
        var scales = (await db.UseCases.AsNoTracking().Canonical().Select(u => new { u.Id, u.Scale }).ToListAsync(cancellationToken))
            .ToDictionary(u => u.Id, u => u.Scale.Count);
        var byPid = entries.ToDictionary(e => e.Pid, e => new StoredEntry(e.Id, e.Pid, e.Slug, e.Language, e.Type, scales.GetValueOrDefault(e.Id)),
            StringComparer.Ordinal);
        var entrySlugs = entries.Select(e => e.Slug).ToHashSet(StringComparer.Ordinal);
        var storedSlugs = await db.EntryTranslations.AsNoTracking()
            .ToDictionaryAsync(t => t.Slug, t => (t.EntryId, t.Language), StringComparer.Ordinal, cancellationToken);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var relative = Path.GetRelativePath(root, path);
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            var problems = new List<ContentProblem>();
            var file = FrontMatter.Parse(relative, text, problems) is { } fm ? TranslationFile.Read(fm) : null;
            var entry = file is null ? null : Check(relative, file, byPid, entrySlugs, storedSlugs, seen, problems);
            if (file is null || entry is null || problems.Count > 0)
            {
                Fail(report, problems);
            }
            else
            {
                await ImportTranslationAsync(relative, Hash(text), file, entry, report, cancellationToken);
            }

            progress?.Report(new(++done, total, relative));
        }

        return done;
    }

    /// <summary>What only the store can tell: the entry exists, the language is another, the slug is free, the parts match.</summary>
    private static StoredEntry? Check(string relative, TranslationFile file, Dictionary<string, StoredEntry> byPid, HashSet<string> entrySlugs,
        Dictionary<string, (Guid EntryId, string Language)> storedSlugs, Dictionary<string, string> seen, List<ContentProblem> problems)
    {
        void Problem(string field, string message) => problems.Add(new ContentProblem(relative, file.LineOf(field), field, message));

        if (!byPid.TryGetValue(file.TranslationOf, out var entry))
        {
            Problem("translation_of", $"'{file.TranslationOf}' is not a known entry.");
            return null;
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(relative));
        if (!string.Equals(folder, file.Language, StringComparison.Ordinal))
        {
            Problem("language", $"'{file.Language}' is not the language of its folder translations/{folder}/.");
        }

        if (string.Equals(TranslationRules.Primary(entry.Language), file.Language, StringComparison.Ordinal))
        {
            Problem("language", $"'{file.Language}' is the language of {entry.Pid} itself; a translation is into another language.");
        }

        if (seen.TryGetValue("entry:" + entry.Pid + ":" + file.Language, out var other))
        {
            Problem("translation_of", $"{entry.Pid} in '{file.Language}' is already translated by {other}.");
        }

        if (seen.TryGetValue("slug:" + file.Slug, out var sameSlug))
        {
            Problem("slug", $"'{file.Slug}' is already used by {sameSlug}.");
        }
        else if (entrySlugs.Contains(file.Slug) || (storedSlugs.TryGetValue(file.Slug, out var owner) && (owner.EntryId != entry.Id || owner.Language != file.Language)))
        {
            Problem("slug", $"'{file.Slug}' belongs to another entry or translation; slugs are unique among all entries.");
        }

        var isUseCase = entry.Type == nameof(EntryKind.UseCase);
        foreach (var (field, value) in file.Standpoints)
        {
            if (isUseCase && string.IsNullOrWhiteSpace(value))
            {
                Problem(field, "is required: a use case's translation translates all four standpoints.");
            }
            else if (!isUseCase && value is not null)
            {
                Problem(field, "is a use case's standpoint; a best practice has none.");
            }
        }

        if (file.Scale is { } scale && (!isUseCase || scale.Count != entry.ScaleCount))
        {
            Problem("scale", $"has {scale.Count} figures; {entry.Pid} has {entry.ScaleCount}: translate each of its figures, in order.");
        }

        seen["entry:" + entry.Pid + ":" + file.Language] = relative;
        seen["slug:" + file.Slug] = relative;
        return entry;
    }

    private async Task ImportTranslationAsync(string relative, string hash, TranslationFile file, StoredEntry entry, ImportReport report,
        CancellationToken cancellationToken)
    {
        var stored = await db.EntryTranslations.FirstOrDefaultAsync(t => t.EntryId == entry.Id && t.Language == file.Language, cancellationToken);
        if (stored?.ContentHash == hash)
        {
            report.Unchanged++;
            return;
        }

        var isNew = stored is null;
        var now = DateTimeOffset.UtcNow;
        stored ??= db.EntryTranslations.Add(new EntryTranslation { Id = TranslationRules.IdOf(entry.Id, file.Language), EntryId = entry.Id, Language = file.Language, CreatedAt = now }).Entity;
        file.ApplyTo(stored);
        stored.ContentHash = hash;
        stored.UpdatedAt = now;
        // Subject: the entry translated (a translation is part of its entry, like its tags).
        db.Audit(AuditActor.ContentImport, AuditActions.EntryImport, "entry", entry.Id.ToString(), $"{entry.Pid} ({file.Language})", note: relative,
            details: new { translation = file.Language, added = isNew });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            _ = isNew ? report.Added++ : report.Updated++;
        }
        catch (DbUpdateException exception)
        {
            db.ChangeTracker.Clear();
            Fail(report, [new ContentProblem(relative, 1, null, $"could not be stored: {exception.InnerException?.Message ?? exception.Message}")]);
        }
    }
}
