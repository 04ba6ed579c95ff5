using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Search;

/// <summary>What the one place that turns entries into search documents puts in them (every engine indexes the result).</summary>
public sealed class SearchDocumentsTests
{
    [Fact]
    public async Task An_entry_and_its_translation_are_found_by_their_organisations_names()
    {
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase());
        content.Write("translations/fr/compteurs-eau-embu.md", """
            ---
            translation_of: UC-2026-00001
            language: fr
            slug: compteurs-eau-embu
            title: Compteurs d'eau NB-IoT à Embu
            summary: Un service des eaux relève les compteurs des ménages par NB-IoT.
            translated_by: Équipe de traduction
            translated_on: 2026-11-30
            interoperability: |
              NB-IoT standard.
            data_and_identifiers: |
              Numéros de compteur.
            security_and_trust: |
              Les sources ne disent rien.
            lessons_learned: |
              Commencer petit.
            ---
            Comment les compteurs transmettent.
            """);
        await using var store = await TestStore.CreateAsync();
        var report = await store.ImportAsync(content.Root);
        Assert.True(report.Failed == 0, string.Join("\n", report.Errors));

        var all = await store.DocumentsAsync(async (db, documents) => await documents.AllAsync(db).ToListAsync());
        var loaded = await store.DocumentsAsync((db, documents) => documents.LoadAsync(db, [ContentFolder.DeterministicGuid("UC-2026-00001")]));

        Assert.Equal(2, all.Count);
        Assert.Equal(2, loaded.Count);
        // The submitter and the partner, as the body's last paragraph (body weight: the least), in every document.
        Assert.All(all.Concat(loaded), d => Assert.EndsWith("\n\nEmbu Water and Sanitation Company · Safaricom", d.Body, StringComparison.Ordinal));
    }
}
