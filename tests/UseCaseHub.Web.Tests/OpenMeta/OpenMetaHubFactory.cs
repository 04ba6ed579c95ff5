using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Translations;

namespace UseCaseHub.Web.Tests.OpenMeta;

/// <summary>
/// The fixture content with its translations, OAI pages of four records (so every list resumes) and sitemap files of
/// sixty addresses (so the sitemap is an index). <see cref="PrepareAsync"/> gives one entry a hostile title and takes
/// one published entry out of public view (as an operator's import of <c>status: withdrawn</c> would): a deleted record;
/// it dates one translation's change after every entry's (a record carries its translations' titles). The content adds
/// a draft whose file keeps a <c>published:</c> date (the importer keeps it): never public, so never a record.
/// </summary>
public sealed class OpenMetaHubFactory : TranslationHubFactory
{
    public const string HostileTitle = "</script><script>alert(1)</script> & \"quoted\" <!-- {brace} 100% x_y";
    public const string WithdrawnPid = "UC-2026-00027";
    public const string DraftPid = "UC-2026-00005";
    public const string DatedDraftPid = "UC-2026-00092";
    public const string TranslatedPid = "UC-2026-00001";
    public const string ChangedTranslationSlug = "compteurs-eau-kenya";
    public const int OaiPageSize = 4;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _prepared;
    private string? _content;

    public override string ContentPath => LazyInitializer.EnsureInitialized(ref _content, () =>
    {
        var root = base.ContentPath;
        // A draft whose file keeps a publication date (ContentFolder's use case carries one): never a record.
        File.WriteAllText(Path.Combine(root, "use-cases", "dated-draft.md"), ContentFolder.UseCase(
            pid: DatedDraftPid, slug: "dated-draft", title: "A dated draft nobody may see", extra: "status: draft", body: "Never shown.")
            .ReplaceLineEndings("\n"));
        return root;
    });

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Oai:PageSize", OaiPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Metadata:SitemapMaxUrls", "60"), new("Metadata:SitemapCacheSeconds", "0")];

    /// <summary>When the hostile entry was changed: an incremental harvest from then finds it.</summary>
    public DateTimeOffset HostileChangedAt { get; private set; }

    public async Task PrepareAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_prepared)
            {
                return;
            }

            _ = Services; // starts the host (and its import) before the store is touched
            using var scope = Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var hostile = await db.Entries.SingleAsync(e => e.Slug == "hostile-markdown");
            hostile.Title = HostileTitle;
            var withdrawn = await db.Entries.SingleAsync(e => e.Pid == WithdrawnPid && e.RevisionOfId == null);
            withdrawn.Status = EntryStatus.Withdrawn;
            await db.SaveChangesAsync();
            HostileChangedAt = hostile.UpdatedAt;
            // Everything else dates from an hour before (the import may have run in the same second): a clean window edge.
            var before = HostileChangedAt.AddHours(-1);
            await db.Entries.Where(e => e.Id != hostile.Id && e.Id != withdrawn.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UpdatedAt, before));
            // Translations too, but one French translation changed with the hostile entry while its entry did not.
            await db.EntryTranslations.ExecuteUpdateAsync(s => s.SetProperty(t => t.UpdatedAt, before));
            Assert.Equal(1, await db.EntryTranslations.Where(t => t.Slug == ChangedTranslationSlug && t.Entry!.Pid == TranslatedPid)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UpdatedAt, HostileChangedAt)));
            _prepared = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>What the public may see, straight from the store: the PIDs of public entries and their visible translations.</summary>
    public async Task<(List<(Guid Id, string Pid, string Kind, string Slug, string Language)> Entries, List<(Guid EntryId, string Slug, string Language)> Translations)> PublicAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var entries = await db.Entries.AsNoTracking().Where(e => e.RevisionOfId == null && (e.Status == EntryStatus.Published || e.Status == EntryStatus.Retired))
            .ToListAsync();
        var ids = entries.Select(e => e.Id).ToList();
        var translations = await db.EntryTranslations.AsNoTracking().Where(t => ids.Contains(t.EntryId)).ToListAsync();
        return ([.. entries.Select(e => (e.Id, e.Pid, e.Kind.UrlSegment(), e.Slug, e.Language))], [.. translations.Select(t => (t.EntryId, t.Slug, t.Language))]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>One host for the metadata and OAI tests (starting a host is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class OpenMetaHostGroup : ICollectionFixture<OpenMetaHubFactory>
{
    public const string Name = "openmeta";
}
