using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Benchmarks;

/// <summary>
/// Store writes through the real write path: entities added to <see cref="HubDbContext"/> and saved with SaveChanges
/// (change tracking, the link tables, the search outbox rows the context adds), 100 entries a save, on whichever
/// provider the store runs. The corpus itself is bulk-loaded faster in SQL (<see cref="CorpusGenerator"/>, <see cref="RealCorpus"/>);
/// this is what the API and the importer pay. The measured entries are removed afterwards (not timed), leaving the corpus as it was.
/// </summary>
internal static class StoreWrites
{
    private const int Batch = 100;
    /// <summary>Every entry written here starts so; the entries copied never do.</summary>
    private const string MeasuredPrefix = "bench-write-";

    /// <summary>Writes <paramref name="count"/> entries and removes them again: the write rate, the corpus unchanged.</summary>
    public static async Task<(int Written, double Seconds)> MeasureAsync(IServiceProvider services, int count, int seed)
    {
        var random = new Random(seed);
        var run = random.Next(100, 999);
        List<Entry> templates;
        await using (var scope = services.CreateAsyncScope())
        {
            // The entries to copy, read once and untracked (not timed per batch: a writer has its entry in hand).
            templates = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Entries.Canonical().AsNoTracking()
                .Where(e => !e.Slug.StartsWith("synthetic-") && !e.Slug.StartsWith(MeasuredPrefix)).OrderBy(e => e.Pid).Take(200)
                .Include(e => e.Sdgs).Include(e => e.Countries).Include(e => e.Verticals).Include(e => e.Technologies).Include(e => e.Standards)
                .AsSplitQuery().ToListAsync();
        }

        var clock = Stopwatch.StartNew();
        var written = 0;
        while (written < count)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            // The tags each save links, loaded into its context as a writer loads the tags it was sent.
            var sdgs = await db.SdgGoals.ToDictionaryAsync(g => g.Number);
            var countries = await db.Countries.ToDictionaryAsync(c => c.Iso2);
            var verticals = await db.Verticals.ToDictionaryAsync(v => v.Slug);
            var technologies = await db.Technologies.ToDictionaryAsync(t => t.Slug);
            var codes = templates.SelectMany(t => t.Standards.Select(s => s.Code)).Distinct().ToList();
            var standards = await db.Standards.Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code);
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < Batch && written < count; i++, written++)
            {
                var template = templates[random.Next(templates.Count)];
                Entry entry = template is UseCase useCase
                    ? new UseCase
                    {
                        Stage = useCase.Stage,
                        StartYear = useCase.StartYear,
                        Interoperability = useCase.Interoperability,
                        DataAndIdentifiers = useCase.DataAndIdentifiers,
                        SecurityAndTrust = useCase.SecurityAndTrust,
                        LessonsLearned = useCase.LessonsLearned,
                    }
                    : new BestPractice();
                entry.Id = Guid.NewGuid();
                entry.Pid = $"{(entry is UseCase ? "UC" : "BP")}-2031-{run}{written:D6}";
                entry.Slug = $"{MeasuredPrefix}{run}-{written}";
                entry.Title = template.Title;
                entry.Summary = template.Summary;
                entry.Body = template.Body;
                entry.Language = template.Language;
                entry.Status = EntryStatus.Published;
                entry.PublishedAt = entry.CreatedAt = entry.UpdatedAt = now;
                entry.Sdgs = [.. template.Sdgs.Select(g => sdgs[g.Number])];
                entry.Countries = [.. template.Countries.Select(c => countries[c.Iso2])];
                entry.Verticals = [.. template.Verticals.Select(v => verticals[v.Slug])];
                entry.Technologies = [.. template.Technologies.Select(t => technologies[t.Slug])];
                entry.Standards = [.. template.Standards.Select(c => standards[c.Code])];
                db.Add(entry);
            }

            await db.SaveChangesAsync();
        }

        var seconds = clock.Elapsed.TotalSeconds;

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            // Only this run's rows: the corpus and its outbox rows stay as they were.
            await db.SearchOutbox.Where(i => db.Entries.Any(e => e.Id == i.EntryId && e.Slug.StartsWith(MeasuredPrefix))).ExecuteDeleteAsync();
            await db.Entries.Where(e => e.Slug.StartsWith(MeasuredPrefix)).ExecuteDeleteAsync();
        }

        return (written, seconds);
    }
}
