using System.Text;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.ContentFiles;

/// <summary>
/// share: the one-entry Markdown export (<see cref="ContentExporter.ToMarkdown(Entry)"/> and its translation form, what
/// <c>/{kind}/{slug}/export.md</c> serves) read back by <see cref="ContentImporter"/> gives the same entries and
/// translations, field by field, for every shipped entry and translation in content/.
/// </summary>
public sealed class EntryMarkdownRoundTripTests
{
    [Fact]
    public async Task Every_shipped_entry_and_translation_exported_one_by_one_imports_as_itself()
    {
        var exported = TestPaths.NewTemporaryFolder();
        Snapshot original;
        await using (var first = await TestStore.CreateAsync())
        {
            var report = await first.ImportAsync(TestPaths.Content);
            Assert.Equal(0, report.Failed);
            original = await first.RunAsync<HubDbContext, Snapshot>(ReadAsync);
            await first.RunAsync<HubDbContext>(async db =>
            {
                foreach (var entry in await Loaded(db).ToListAsync())
                {
                    await WriteAsync(exported, Path.Combine(entry.Kind.UrlSegment(), entry.Slug + ".md"), ContentExporter.ToMarkdown(entry));
                }

                foreach (var translation in await db.EntryTranslations.AsNoTracking().Include(t => t.Entry).ToListAsync())
                {
                    await WriteAsync(exported, Path.Combine("translations", translation.Language, translation.Slug + ".md"), ContentExporter.ToMarkdown(translation));
                }
            });
        }

        await using var second = await TestStore.CreateAsync();
        var again = await second.ImportAsync(exported);
        Assert.Equal(0, again.Failed);
        var copy = await second.RunAsync<HubDbContext, Snapshot>(ReadAsync);

        Assert.True(original.Entries.Count >= 80, $"{original.Entries.Count} shipped entries");
        Assert.True(original.Translations.Count >= 40, $"{original.Translations.Count} shipped translations");
        Assert.Equal(original.Entries.Keys.Order(StringComparer.Ordinal), copy.Entries.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, fields) in original.Entries)
        {
            AssertSameFields(key, fields, copy.Entries[key]);
        }

        Assert.Equal(original.Translations.Keys.Order(StringComparer.Ordinal), copy.Translations.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, fields) in original.Translations)
        {
            AssertSameFields(key, fields, copy.Translations[key]);
        }
    }

    internal static void AssertSameFields(string key, IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual)
    {
        foreach (var (field, value) in expected)
        {
            Assert.True(actual.TryGetValue(field, out var got) && got == value, $"{key}.{field}: expected «{value}», got «{got}»");
        }
    }

    private static async Task WriteAsync(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false));
    }

    private static IQueryable<Entry> Loaded(HubDbContext db) => db.Entries.AsNoTracking()
        .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
        .Include(e => e.Technologies).Include(e => e.Standards).Include(e => e.Organization).Include(e => e.Partners)
        .Include(e => ((BestPractice)e).DrawsOn).AsSplitQuery();

    internal sealed record Snapshot(Dictionary<string, Dictionary<string, string>> Entries, Dictionary<string, Dictionary<string, string>> Translations);

    private static async Task<Snapshot> ReadAsync(HubDbContext db)
    {
        var entries = (await Loaded(db).ToListAsync()).ToDictionary(e => e.Pid, Fields);
        var translations = (await db.EntryTranslations.AsNoTracking().Include(t => t.Entry).ToListAsync())
            .ToDictionary(t => t.Entry!.Pid + "/" + t.Language, t => new Dictionary<string, string>
            {
                ["id"] = t.Id.ToString(),
                ["slug"] = t.Slug,
                ["title"] = t.Title,
                ["summary"] = t.Summary,
                ["body"] = t.Body,
                ["interoperability"] = t.Interoperability,
                ["dataAndIdentifiers"] = t.DataAndIdentifiers,
                ["securityAndTrust"] = t.SecurityAndTrust,
                ["lessonsLearned"] = t.LessonsLearned,
                ["scale"] = string.Join(" | ", t.Scale.Select(s => s.Label + "=" + s.Value)),
                ["translatedBy"] = t.TranslatedBy,
                ["translatedOn"] = t.TranslatedOn.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["reviewedBy"] = t.ReviewedBy ?? "",
            });
        return new Snapshot(entries, translations);
    }

    /// <summary>Every field a content file carries, by name.</summary>
    internal static Dictionary<string, string> Fields(Entry e)
    {
        var fields = new Dictionary<string, string>
        {
            ["kind"] = e.Kind.ToString(),
            ["id"] = e.Id.ToString(),
            ["slug"] = e.Slug,
            ["title"] = e.Title,
            ["summary"] = e.Summary,
            ["body"] = e.Body,
            ["language"] = e.Language,
            ["status"] = e.Status.ToString(),
            ["licence"] = e.Licence,
            ["contact"] = e.Contact ?? "",
            ["published"] = e.PublishedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["verticals"] = string.Join(",", e.Verticals.Select(v => v.Slug).Order(StringComparer.Ordinal)),
            ["countries"] = string.Join(",", e.Countries.Select(c => c.Iso2).Order(StringComparer.Ordinal)),
            ["sdgs"] = string.Join(",", e.Sdgs.Select(g => g.Number).Order()),
            ["targets"] = string.Join(",", e.SdgTargets.Select(t => t.Code).Order(StringComparer.Ordinal)),
            ["technologies"] = string.Join(",", e.Technologies.Select(t => t.Slug).Order(StringComparer.Ordinal)),
            ["standards"] = string.Join(",", e.Standards.Select(s => s.Code).Order(StringComparer.Ordinal)),
            ["organization"] = e.Organization?.Name ?? "",
            ["partners"] = string.Join(",", e.Partners.Select(p => p.Name).Order(StringComparer.Ordinal)),
            ["links"] = string.Join(" | ", e.Links.Select(l => l.Title + " " + l.Url)),
            ["sources"] = string.Join(" | ", e.Sources),
        };
        if (e is UseCase u)
        {
            fields["stage"] = u.Stage.ToString();
            fields["startYear"] = u.StartYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
            fields["scale"] = string.Join(" | ", u.Scale.Select(s => s.Label + "=" + s.Value));
            fields["interoperability"] = u.Interoperability;
            fields["dataAndIdentifiers"] = u.DataAndIdentifiers;
            fields["securityAndTrust"] = u.SecurityAndTrust;
            fields["lessonsLearned"] = u.LessonsLearned;
        }

        if (e is BestPractice b)
        {
            fields["drawsOn"] = string.Join(",", b.DrawsOn.Select(d => d.Pid).Order(StringComparer.Ordinal));
        }

        return fields;
    }
}
