using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>
/// What a data folder holds after a crash, read straight from its SQLite file (never through the host under test),
/// and the checks that nothing is half-written and that the search index agrees with it.
/// </summary>
internal static class StoreProbe
{
    public static HubDbContext Open(string dataPath) => new(new DbContextOptionsBuilder<HubDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "usecasehub.db"), Pooling = false, DefaultTimeout = 30 }.ToString())
        .Options);

    /// <summary>
    /// Every entry is whole: its tags, its creation (or import) record, a version and a record for each move it has made,
    /// and no outbox row points at an entry that does not exist.
    /// </summary>
    public static async Task AssertNothingHalfWrittenAsync(HubDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = await db.Entries.AsNoTracking().Canonical().Include(e => e.Sdgs).Include(e => e.Verticals).AsSplitQuery().ToListAsync();
        var audit = (await db.AuditEntries.AsNoTracking().Where(a => a.SubjectId != null).Select(a => new { a.SubjectId, a.Action }).ToListAsync())
            .ToLookup(a => a.SubjectId!, a => a.Action);
        var versions = (await db.EntryVersions.AsNoTracking().Select(v => v.Pid).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var id = entry.Id.ToString();
            // Content files and submitted entries always have both (the rulebook); the crash test's drafts are written with both.
            if (entry.Status != EntryStatus.Draft || entry.Title.StartsWith("Crash probe ", StringComparison.Ordinal))
            {
                Assert.True(entry.Sdgs.Count > 0 && entry.Verticals.Count > 0, $"{entry.Title}: stored without its tags");
            }

            Assert.True(audit[id].Any(a => a is AuditActions.EntryCreate or AuditActions.EntryImport), $"{entry.Title}: stored without its audit record");
            if (entry.Status != EntryStatus.Draft && audit[id].Any(a => a == AuditActions.EntryCreate))
            {
                Assert.True(versions.Contains(entry.Pid), $"{entry.Title}: {entry.Status} without a version");
                Assert.Contains(AuditActions.For(EntryOperation.Submit), audit[id]);
            }

            if (entry.Status is EntryStatus.UnderAssessment or EntryStatus.Published && audit[id].Any(a => a == AuditActions.EntryCreate))
            {
                Assert.Contains(AuditActions.For(EntryOperation.Claim), audit[id]);
            }

            if (entry.Status == EntryStatus.Published)
            {
                Assert.NotNull(entry.PublishedAt);
            }
        }

        var known = entries.Select(e => e.Id).Concat(await db.EntryTranslations.Select(t => t.Id).ToListAsync()).ToHashSet();
        var orphans = await db.SearchOutbox.AsNoTracking().Where(i => !known.Contains(i.EntryId)).CountAsync();
        Assert.Equal(0, orphans);
    }

    /// <summary>
    /// The index agrees with the store once the host has caught up: as many results as stored entries (a curator sees
    /// every status), and each sampled entry is found by its title as a phrase, with the title the store has now (a stale
    /// document carries the old title and is not found by the new one).
    /// </summary>
    public static async Task AssertIndexAgreesAsync(HttpClient curator, HubDbContext db, IReadOnlyCollection<Entry> sample)
    {
        ArgumentNullException.ThrowIfNull(curator);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sample);
        var stored = await db.Entries.Canonical().CountAsync();
        var all = await SearchAsync(curator, "pageSize=1");
        Assert.Equal(stored, (long)all["total"]!);
        foreach (var entry in sample)
        {
            var phrase = "\"" + entry.Title.Replace("\"", " ", StringComparison.Ordinal) + "\"";
            var found = await SearchAsync(curator, "pageSize=50&q=" + Uri.EscapeDataString(phrase));
            var hit = found["hits"]!.AsArray().SingleOrDefault(h => (string)h!["id"]! == entry.Id.ToString());
            Assert.True(hit is not null, $"'{entry.Title}' ({entry.Id}) is not found by its title");
            Assert.Equal(entry.Title, (string)hit!["title"]!);
        }
    }

    public static async Task<JsonNode> SearchAsync(HttpClient client, string query)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri("/api/search?" + query, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/api/search?{query}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
