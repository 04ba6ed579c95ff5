using UseCaseHub.Core.Search;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Search;

/// <summary>
/// The shipped content/ plus a few entries written for the contract (a French entry, a draft owned by an
/// organisation, one with markup in its text), in a real SQLite store, indexed by the engine under test.
/// </summary>
public abstract class SearchCorpus : IAsyncLifetime
{
    public TestStore Store { get; private set; } = null!;
    public ISearchEngine Engine { get; private set; } = null!;
    public string IndexFolder { get; } = TestPaths.NewTemporaryFolder();

    /// <summary>The engine under test over an index in <paramref name="folder"/>.</summary>
    protected abstract ISearchEngine CreateEngine(string folder);

    /// <summary>False for the shipped content alone (the relevance judgements know nothing of the contract's own entries).</summary>
    protected virtual bool ContractEntries => true;

    public async Task InitializeAsync()
    {
        Store = await TestStore.CreateAsync();
        var real = await Store.ImportAsync(TestPaths.Content);
        Assert.Equal(0, real.Failed);
        var extra = new ContentFolder();
        foreach (var (name, text) in ContractEntries ? Extra : [])
        {
            extra.Write(name, text);
        }

        var report = await Store.ImportAsync(extra.Root);
        Assert.True(report.Failed == 0, string.Join("\n", report.Errors));
        Engine = CreateEngine(IndexFolder);
        await Store.DocumentsAsync(async (db, documents) =>
        {
            await Engine.RebuildAsync(documents.AllAsync(db), await SearchDocuments.FingerprintAsync(db));
            return true;
        });
    }

    public async Task DisposeAsync()
    {
        (Engine as IDisposable)?.Dispose();
        await Store.DisposeAsync();
        TestPaths.DeleteTemporaryFolder(IndexFolder);
    }

    public static Guid IdOf(string pid) => ContentFolder.DeterministicGuid(pid);

    private static readonly (string Name, string Text)[] Extra =
    [
        ("use-cases/quokka-reef.md", Entry("UC-2099-00001", "quokka-reef", "Quokka telemetry for reef monitoring",
            "Buoys report water temperature so that coral bleaching alerts go out early.", "[14]", "[FJ]", "[environment-and-climate]",
            "The buoys send readings over satellite links every hour. Fishermen receive coral bleaching alerts by SMS.")),
        ("use-cases/quokka-farms.md", Entry("UC-2099-00002", "quokka-farms", "Quokka counting with LoRaWAN gateways",
            "Farmers count quokkas with camera traps connected through LoRaWAN gateways.", "[15]", "[AU]", "[agriculture]",
            "Camera traps detect animals at night. The counts reach the farm office through LoRaWAN gateways.")),
        ("use-cases/quokkaville-eclairage.md", Entry("UC-2099-00003", "quokkaville-eclairage", "Éclairage public intelligent à Quokkaville",
            "Des lampadaires connectés réduisent la consommation d'électricité de la ville.", "[7, 11]", "[SN]", "[energy]",
            "Les lampadaires connectés baissent leur intensité la nuit quand les rues sont vides.", language: "fr")),
        ("use-cases/quokka-draft.md", Entry("UC-2099-00004", "quokka-draft", "Quokka secret draft about wombats",
            "A draft only its organisation and curators may find.", "[6]", "[KE]", "[water]", "Wombats and quokkas share burrows.",
            extra: "status: draft\norganizations:\n  submitter: Quokka Research Institute")),
        ("use-cases/quokka-markup.md", Entry("UC-2099-00005", "quokka-markup", "Quokka <script>alert(1)</script> markup",
            "Quokka <b>bold</b> & ampersands in a summary.", "[9]", "[FJ]", "[environment-and-climate]", "Quokka text with <i>tags</i>.")),
        // The same word in the title, the summary or the body only: for the field boosts.
        ("use-cases/zorblax-title.md", Entry("UC-2099-00006", "zorblax-title", "Zorblax sensors for harbours",
            "Harbour sensors report berth use.", "[9]", "[NO]", "[mobility-and-transport]", "Sensors at each berth report whether it is free.")),
        ("use-cases/zorblax-summary.md", Entry("UC-2099-00007", "zorblax-summary", "Sensors for harbours",
            "Zorblax harbour sensors report berth use.", "[9]", "[NO]", "[mobility-and-transport]", "Sensors at each berth report whether it is free.")),
        ("use-cases/zorblax-body.md", Entry("UC-2099-00008", "zorblax-body", "Harbour sensors",
            "Harbour sensors report berth use.", "[9]", "[NO]", "[mobility-and-transport]", "Zorblax sensors at each berth report whether it is free.")),
    ];

    private static string Entry(string pid, string slug, string title, string summary, string sdgs, string countries, string verticals,
        string body, string language = "en", string extra = "") => $"""
        ---
        pid: {pid}
        uuid: {IdOf(pid)}
        slug: {slug}
        title: "{title.Replace("\"", "\\\"", StringComparison.Ordinal)}"
        summary: "{summary}"
        language: {language}
        verticals: {verticals}
        countries: {countries}
        sdgs: {sdgs}
        technologies: [LoRaWAN]
        stage: pilot
        start_year: 2024
        published: 2026-02-01
        {extra}
        ---
        {body}
        """;
}
