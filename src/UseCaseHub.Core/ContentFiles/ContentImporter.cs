using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Core.ContentFiles;

/// <summary>
/// Imports content/ into the store by persistent identifier. Unchanged files are skipped; a bad file is
/// reported and skipped while the rest still load; each file is saved on its own, so a failure or a
/// crash loses at most the file being written.
/// </summary>
public sealed partial class ContentImporter(HubDbContext db, HubPaths paths, ILogger<ContentImporter> logger)
{
    /// <summary>Part of every file hash: bump it when the mapping changes, so every file is imported again.</summary>
    private const string FormatVersion = "1";

    private sealed record Candidate(string File, string Hash, EntryFile Entry);

    public Task<ImportReport> ImportAsync(IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ImportAsync(paths.Content, progress, cancellationToken);

    public async Task<ImportReport> ImportAsync(string root, IProgress<ImportProgress>? progress, CancellationToken cancellationToken = default)
    {
        var report = new ImportReport();
        var entryFiles = Files(root, "use-cases").Select(f => (f, EntryKind.UseCase))
            .Concat(Files(root, "best-practices").Select(f => (f, EntryKind.BestPractice))).ToList();
        var pageFiles = Files(root, "pages").ToList();
        var translationFiles = TranslationFiles(root);
        var total = entryFiles.Count + pageFiles.Count + translationFiles.Count;
        var done = 0;

        var taxonomy = await TaxonomyLookup.LoadAsync(db, cancellationToken);
        var candidates = new List<Candidate>();
        foreach (var (file, kind) in entryFiles)
        {
            var relative = Path.GetRelativePath(root, file);
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            var problems = new List<ContentProblem>();
            var warnings = new List<string>();
            var entry = FrontMatter.Parse(relative, text, problems) is { } fm ? EntryFile.Read(fm, kind, taxonomy, warnings) : null;
            report.Warnings.AddRange(warnings.Select(w => new ContentProblem(relative, 1, null, w)));
            if (entry is null)
            {
                Fail(report, problems);
                progress?.Report(new(++done, total, relative));
                continue;
            }

            candidates.Add(new Candidate(relative, Hash(text), entry));
        }

        candidates = await RemoveConflictsAsync(candidates, report, cancellationToken);
        foreach (var candidate in candidates.OrderBy(c => c.Entry.Kind))
        {
            await ImportEntryAsync(candidate, report, cancellationToken);
            progress?.Report(new(++done, total, candidate.File));
        }

        // After the entries: a translation links to an entry by its identifier.
        done = await ImportTranslationsAsync(root, translationFiles, report, progress, done, total, cancellationToken);

        foreach (var file in pageFiles)
        {
            await ImportPageAsync(root, file, report, cancellationToken);
            progress?.Report(new(++done, total, Path.GetRelativePath(root, file)));
        }

        foreach (var problem in report.Errors)
        {
            logger.LogError("Content file skipped: {Problem}", problem);
        }

        foreach (var warning in report.Warnings)
        {
            logger.LogWarning("Content file: {Warning}", warning);
        }

        logger.LogInformation("Content import from {Root}: {Report}", root, report);
        return report;
    }

    private static IEnumerable<string> Files(string root, string folder)
    {
        var path = Path.Combine(root, folder);
        return Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.md").Order(StringComparer.Ordinal)
            : [];
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FormatVersion + "\n" + text)));

    private static void Fail(ImportReport report, IEnumerable<ContentProblem> problems)
    {
        report.Failed++;
        report.Errors.AddRange(problems);
    }

    /// <summary>Identifiers and slugs are unique across files and must not move between stored entries.</summary>
    private async Task<List<Candidate>> RemoveConflictsAsync(List<Candidate> candidates, ImportReport report, CancellationToken cancellationToken)
    {
        // Revisions share their entry's PID and slug; a file describes the entry itself.
        var stored = await db.Entries.AsNoTracking().Canonical().Select(e => new { e.Pid, e.Id, e.Slug }).ToListAsync(cancellationToken);
        var pidById = stored.ToDictionary(e => e.Id, e => e.Pid);
        var pidBySlug = stored.ToDictionary(e => e.Slug, e => e.Pid, StringComparer.Ordinal);
        var idByPid = stored.ToDictionary(e => e.Pid, e => e.Id, StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            var entry = candidate.Entry;
            string? conflict = null;
            foreach (var (field, value) in new[] { ("pid", entry.Pid), ("uuid", entry.Id.ToString()), ("slug", entry.Slug) })
            {
                if (seen.TryGetValue(field + ":" + value, out var other))
                {
                    conflict ??= $"{field}: '{value}' is already used by {other}.";
                }
            }

            if (idByPid.TryGetValue(entry.Pid, out var storedId) && storedId != entry.Id)
            {
                conflict ??= $"uuid: {entry.Pid} is stored with uuid {storedId}; identifiers never change.";
            }
            else if (pidById.TryGetValue(entry.Id, out var pidOfId) && pidOfId != entry.Pid)
            {
                conflict ??= $"uuid: '{entry.Id}' belongs to stored entry {pidOfId}.";
            }
            else if (pidBySlug.TryGetValue(entry.Slug, out var pidOfSlug) && pidOfSlug != entry.Pid)
            {
                conflict ??= $"slug: '{entry.Slug}' belongs to stored entry {pidOfSlug}.";
            }

            if (conflict is not null)
            {
                var field = conflict[..conflict.IndexOf(':', StringComparison.Ordinal)];
                Fail(report, [new ContentProblem(candidate.File, 2, field, conflict[(field.Length + 2)..])]);
                continue;
            }

            seen["pid:" + entry.Pid] = candidate.File;
            seen["uuid:" + entry.Id] = candidate.File;
            seen["slug:" + entry.Slug] = candidate.File;
            kept.Add(candidate);
        }

        return kept;
    }

    private async Task ImportEntryAsync(Candidate candidate, ImportReport report, CancellationToken cancellationToken)
    {
        var file = candidate.Entry;
        var storedHash = await db.Entries.Canonical().Where(e => e.Pid == file.Pid).Select(e => new { e.ContentHash }).FirstOrDefaultAsync(cancellationToken);
        if (storedHash?.ContentHash == candidate.Hash)
        {
            report.Unchanged++;
            return;
        }

        var drawsOn = new List<UseCase>();
        foreach (var (pid, line) in file.DrawsOn)
        {
            var useCase = await db.UseCases.Canonical().FirstOrDefaultAsync(u => u.Pid == pid, cancellationToken);
            if (useCase is null)
            {
                Fail(report, [new ContentProblem(candidate.File, line, "draws_on", $"'{pid}' is not a known use case.")]);
                return;
            }

            drawsOn.Add(useCase);
        }

        foreach (var name in file.Partners.Prepend(file.Submitter).OfType<string>())
        {
            var slug = Slugs.From(name);
            var named = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
            if (named is not null && !Organizations.AcceptsCuratedEntries(named))
            {
                Fail(report, [new ContentProblem(candidate.File, 1, name == file.Submitter ? "submitter" : "partners",
                    $"'{name}' names an organisation founded through a registration; curated entries are not attached to it.")]);
                return;
            }
        }

        var entry = storedHash is null ? null : await LoadForUpdateAsync(file.Pid, cancellationToken);
        var isNew = entry is null;
        entry ??= file.Kind == EntryKind.UseCase ? new UseCase() : new BestPractice();
        file.ApplyTo(entry, FindOrAddOrganization);
        entry.ContentHash = candidate.Hash;
        if (entry is BestPractice practice)
        {
            practice.DrawsOn.RemoveAll(u => !drawsOn.Contains(u));
            practice.DrawsOn.AddRange(drawsOn.Where(u => !practice.DrawsOn.Contains(u)));
        }

        if (isNew)
        {
            db.Entries.Add(entry);
        }

        // One row per stored entry, saved with it (a failed file's row is cleared with its changes below).
        db.Audit(AuditActor.ContentImport, AuditActions.EntryImport, entry, note: candidate.File, details: new { added = isNew });

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            _ = isNew ? report.Added++ : report.Updated++;
        }
        catch (DbUpdateException exception)
        {
            db.ChangeTracker.Clear();
            Fail(report, [new ContentProblem(candidate.File, 1, null, $"could not be stored: {exception.InnerException?.Message ?? exception.Message}")]);
        }
    }

    private Task<Entry?> LoadForUpdateAsync(string pid, CancellationToken cancellationToken) =>
        db.Entries.Canonical()
            .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
            .Include(e => e.Technologies).Include(e => e.Standards).Include(e => e.Organization).Include(e => e.Partners)
            .Include(e => ((BestPractice)e).DrawsOn)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Pid == pid, cancellationToken);

    private Organization FindOrAddOrganization(string name)
    {
        var slug = Slugs.From(name);
        var organization = db.Organizations.Local.FirstOrDefault(o => o.Slug == slug)
            ?? db.Organizations.FirstOrDefault(o => o.Slug == slug);
        if (organization is null)
        {
            organization = new Organization { Id = Guid.NewGuid(), Slug = slug, Name = name };
            db.Organizations.Add(organization);
        }

        return organization;
    }

    private async Task ImportPageAsync(string root, string path, ImportReport report, CancellationToken cancellationToken)
    {
        var relative = Path.GetRelativePath(root, path);
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var problems = new List<ContentProblem>();
        var page = FrontMatter.Parse(relative, text, problems) is { } fm ? PageFile.Read(fm) : null;
        if (page is null)
        {
            Fail(report, problems);
            return;
        }

        var hash = Hash(text);
        var stored = await db.Pages.FirstOrDefaultAsync(p => p.Slug == page.Slug && p.Language == page.Language, cancellationToken);
        if (stored?.ContentHash == hash)
        {
            report.Unchanged++;
            return;
        }

        var isNew = stored is null;
        stored ??= db.Pages.Add(new Page { Slug = page.Slug, Language = page.Language }).Entity;
        stored.Title = page.Title;
        stored.Body = page.Body;
        stored.Order = page.Order;
        stored.ContentHash = hash;
        stored.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        _ = isNew ? report.Added++ : report.Updated++;
    }
}
