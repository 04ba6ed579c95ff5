using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.ContentFiles;

/// <summary>Linked translations in content/translations/&lt;language&gt;/: import, bad files, export round trip.</summary>
public sealed class TranslationImportTests
{
    private static string Translation(string of = "UC-2026-00001", string language = "fr", string slug = "compteurs-eau-embu",
        string standpoints = "interoperability: |\n  NB-IoT standard.\ndata_and_identifiers: |\n  Numéros de compteur.\nsecurity_and_trust: |\n  Les sources ne disent rien.\nlessons_learned: |\n  Commencer petit.",
        string extra = "", string title = "Compteurs d'eau NB-IoT à Embu") => $"""
        ---
        translation_of: {of}
        language: {language}
        slug: {slug}
        title: "{title}"
        summary: >-
          Un service des eaux relève les compteurs des ménages par NB-IoT.
        translated_by: Équipe de traduction
        translated_on: 2026-11-30
        reviewed_by: Relectrice
        {standpoints}
        {extra}
        ---
        Comment les compteurs transmettent.
        """;

    private const string Scale = "scale:\n  - label: Ménages\n    value: \"20\"";

    private static ContentFolder Folder()
    {
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase());
        content.Write("best-practices/b.md", ContentFolder.BestPractice());
        return content;
    }

    [Fact]
    public async Task Translations_import_linked_to_their_entry_by_identifier_and_language_and_again_only_when_changed()
    {
        var content = Folder();
        content.Write("translations/fr/compteurs-eau-embu.md", Translation(extra: Scale));
        content.Write("translations/es/elegir-lpwan.md", Translation(of: "BP-2026-00001", language: "es", slug: "elegir-lpwan", standpoints: "", title: "Elegir LPWAN"));
        // Notes beside the language folders document the translations; they are not translations.
        content.Write("translations/README.md", "# Translations\n\nWho translated what.\n");
        await using var store = await TestStore.CreateAsync();

        var first = await store.ImportAsync(content.Root);
        var again = await store.ImportAsync(content.Root);
        content.Write("translations/fr/compteurs-eau-embu.md", Translation(title: "Compteurs d'eau à Embu", extra: Scale));
        var changed = await store.ImportAsync(content.Root);

        Assert.True(first.Failed == 0, string.Join("\n", first.Errors));
        Assert.Equal((4, 0), (first.Added, first.Updated));
        Assert.Equal((0, 0, 4), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal((0, 1, 3), (changed.Added, changed.Updated, changed.Unchanged));
        var french = await store.RunAsync<HubDbContext, EntryTranslation>(db => db.EntryTranslations.Include(t => t.Entry).SingleAsync(t => t.Language == "fr"));
        Assert.Equal(("UC-2026-00001", "compteurs-eau-embu", "Compteurs d'eau à Embu"), (french.Entry!.Pid, french.Slug, french.Title));
        Assert.Equal(TranslationRules.IdOf(ContentFolder.DeterministicGuid("UC-2026-00001"), "fr"), french.Id);
        Assert.Equal(("Équipe de traduction", new DateOnly(2026, 11, 30), "Relectrice"), (french.TranslatedBy, french.TranslatedOn, french.ReviewedBy));
        Assert.Equal(("NB-IoT standard.", "Commencer petit."), (french.Interoperability, french.LessonsLearned));
        Assert.Equal(("Ménages", "20"), (Assert.Single(french.Scale).Label, french.Scale[0].Value));
        Assert.StartsWith("Comment les compteurs", french.Body, StringComparison.Ordinal);
        Assert.Equal(2, await store.RunAsync<HubDbContext, int>(db => db.EntryTranslations.CountAsync()));
    }

    [Theory]
    [InlineData("translation_of: UC-2026-00099", "translation_of")]
    [InlineData("language: en", "language")]
    [InlineData("language: pt", "language")]
    [InlineData("slug: kenya-water-meters", "slug")]
    [InlineData("sdgs: [6]", "sdgs")]
    [InlineData("sources: [\"https://example.org/x\"]", "sources")]
    [InlineData("licence: CC0-1.0", "licence")]
    [InlineData("stage: pilot", "stage")]
    [InlineData("organizations:\n  submitter: Someone", "organizations")]
    [InlineData("no_lessons", "lessons_learned")]
    [InlineData("scale:\n  - label: A\n    value: \"1\"\n  - label: B\n    value: \"2\"", "scale")]
    [InlineData("translated_on: 30/11/2026", "translated_on")]
    [InlineData("no_translator", "translated_by")]
    public async Task A_bad_translation_file_is_reported_with_its_file_line_and_field_while_the_others_load(string change, string field)
    {
        var content = Folder();
        var text = Translation(slug: "mauvais");
        text = change switch
        {
            "no_lessons" => text.Replace("lessons_learned: |\n  Commencer petit.\n", "", StringComparison.Ordinal),
            "no_translator" => text.Replace("translated_by: Équipe de traduction\n", "", StringComparison.Ordinal),
            _ when change.StartsWith("translation_of:", StringComparison.Ordinal) => text.Replace("translation_of: UC-2026-00001", change, StringComparison.Ordinal),
            _ when change.StartsWith("language:", StringComparison.Ordinal) => text.Replace("language: fr", change, StringComparison.Ordinal),
            _ when change.StartsWith("slug:", StringComparison.Ordinal) => text.Replace("slug: mauvais", change, StringComparison.Ordinal),
            _ when change.StartsWith("translated_on:", StringComparison.Ordinal) => text.Replace("translated_on: 2026-11-30", change, StringComparison.Ordinal),
            _ => text.Replace("reviewed_by: Relectrice", "reviewed_by: Relectrice\n" + change, StringComparison.Ordinal),
        };
        Assert.NotEqual(Translation(slug: "mauvais"), text);
        var folder = change.StartsWith("language:", StringComparison.Ordinal) ? change[10..] : "fr";
        content.Write($"translations/{folder}/bad.md", text);
        content.Write("translations/es/elegir-lpwan.md", Translation(of: "BP-2026-00001", language: "es", slug: "elegir-lpwan", standpoints: ""));
        await using var store = await TestStore.CreateAsync();

        var report = await store.ImportAsync(content.Root);

        var problem = Assert.Single(report.Errors);
        Assert.Equal((Path.Combine("translations", folder, "bad.md"), field), (problem.File, problem.Field));
        var line = text.Split('\n').ToList().FindIndex(l => l.StartsWith(field + ":", StringComparison.Ordinal)) + 1;
        Assert.True(line <= 1 || problem.Line == line, $"{problem} (expected line {line})");
        Assert.Equal((3, 1), (report.Added, report.Failed));
        Assert.Equal(["es"], await store.RunAsync<HubDbContext, List<string>>(db => db.EntryTranslations.Select(t => t.Language).ToListAsync()));
    }

    [Fact]
    public async Task A_second_translation_into_the_same_language_or_with_a_taken_slug_is_refused()
    {
        var content = Folder();
        content.Write("translations/fr/a.md", Translation(slug: "premier"));
        content.Write("translations/fr/b.md", Translation(slug: "second"));
        // Files load in path order: ar/d, fr/a, fr/b, ru/c.
        content.Write("translations/ru/c.md", Translation(language: "ru", slug: "premier"));
        content.Write("translations/ar/d.md", Translation(language: "ar", slug: "choose-lpwan"));
        await using var store = await TestStore.CreateAsync();

        var report = await store.ImportAsync(content.Root);

        Assert.Equal(3, report.Failed);
        Assert.Contains(report.Errors, e => e.File.EndsWith("b.md", StringComparison.Ordinal) && e.Field == "translation_of");
        Assert.Contains(report.Errors, e => e.File.EndsWith("c.md", StringComparison.Ordinal) && e.Field == "slug");
        Assert.Contains(report.Errors, e => e.File.EndsWith("d.md", StringComparison.Ordinal) && e.Field == "slug");
    }

    [Fact]
    public async Task Exported_translations_import_into_a_fresh_store_as_the_same_translations()
    {
        var content = Folder();
        content.Write("translations/fr/compteurs-eau-embu.md", Translation(extra: Scale));
        content.Write("translations/es/elegir-lpwan.md", Translation(of: "BP-2026-00001", language: "es", slug: "elegir-lpwan", standpoints: ""));
        var exported = TestPaths.NewTemporaryFolder();
        string original;
        await using (var first = await TestStore.CreateAsync())
        {
            await first.ImportAsync(content.Root);
            original = await first.RunAsync<HubDbContext, string>(Describe);
            Assert.Equal(4, await first.RunAsync<ContentExporter, int>(e => e.ExportAsync(exported)));
        }

        Assert.True(File.Exists(Path.Combine(exported, "translations", "fr", "compteurs-eau-embu.md")));
        await using var second = await TestStore.CreateAsync();
        var report = await second.ImportAsync(exported);

        Assert.True(report.Failed == 0, string.Join("\n", report.Errors));
        Assert.Equal(4, report.Added);
        Assert.Equal(original, await second.RunAsync<HubDbContext, string>(Describe));
    }

    private static async Task<string> Describe(HubDbContext db)
    {
        var translations = await db.EntryTranslations.AsNoTracking().Include(t => t.Entry).OrderBy(t => t.Slug).ToListAsync();
        return string.Join("\n", translations.Select(t => string.Join("|", t.Id, t.Entry!.Pid, t.Language, t.Slug, t.Title, t.Summary, t.Body,
            t.Interoperability, t.DataAndIdentifiers, t.SecurityAndTrust, t.LessonsLearned, string.Join(",", t.Scale.Select(s => s.Label + s.Value)),
            t.TranslatedBy, t.TranslatedOn, t.ReviewedBy)));
    }
}
