using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Search;

/// <summary>
/// The order of hits on small corpora built for each rule (invented words, so nothing else matches): title and exact
/// phrase first, the reader's language and the words as typed before shared stems. Every engine runs it by subclassing.
/// </summary>
public abstract partial class RankingContract(Func<string, ISearchEngine> newEngine)
{
    private static int _next;

    /// <summary>A published entry; only what a test sets differs from plain filler.</summary>
    protected static SearchDocument Document(string title, string summary, string body, string language = "en")
    {
        var number = Interlocked.Increment(ref _next);
        var pid = $"UC-2098-{number:00000}";
        return new SearchDocument
        {
            Id = ContentFolder.DeterministicGuid(pid),
            Pid = pid,
            Type = SearchTypes.UseCase,
            Slug = $"ranking-{number}",
            Title = title,
            Summary = summary,
            Body = body,
            Language = language,
            Status = EntryStatus.Published.ToString(),
            PublishedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
    }

    /// <summary>The pids of the hits, best first, for <paramref name="query"/> over an index of <paramref name="documents"/> alone.</summary>
    protected async Task<List<string>> RankAsync(IReadOnlyList<SearchDocument> documents, string query, string? language)
    {
        var folder = TestPaths.NewTemporaryFolder();
        var engine = newEngine(folder);
        try
        {
            await engine.RebuildAsync(All(documents), "ranking");
            var result = await engine.SearchAsync(new SearchRequest { Query = query, Language = language, Highlight = false, PageSize = 50 });
            return result.Hits.Select(h => h.Pid).ToList();
        }
        finally
        {
            (engine as IDisposable)?.Dispose();
            TestPaths.DeleteTemporaryFolder(folder);
        }
    }

    private static async IAsyncEnumerable<SearchDocument> All(IReadOnlyList<SearchDocument> documents)
    {
        foreach (var document in documents)
        {
            yield return document;
        }

        await Task.CompletedTask;
    }

    /// <summary>Plain English text that says nothing the queries ask for, to make an entry long.</summary>
    private static string Filler(int sentences) =>
        string.Join(' ', Enumerable.Repeat("The district office keeps the records of every household and reports them each month.", sentences));

    [ContractFact]
    public async Task An_entry_with_the_words_in_its_title_ranks_above_one_that_only_repeats_them_in_its_body()
    {
        var title = Document("Quorble sensors for harbour berths", "Harbour berths report whether they are free.", Filler(6));
        var body = Document("Berth monitoring", "Berths report whether they are free.",
            string.Join(' ', Enumerable.Repeat("Quorble sensors count boats.", 8)));

        var ranked = await RankAsync([body, title], "quorble sensors", "en");

        Assert.Equal([title.Pid, body.Pid], ranked);
    }

    [ContractFact]
    public async Task The_words_as_an_exact_phrase_rank_above_the_same_words_apart()
    {
        var phrase = Document("Berth monitoring", "Berths report whether they are free.", "The harbour installed zentix quorble units last year. " + Filler(4));
        var apart = Document("Harbour records", "Boats are counted.",
            string.Join(' ', Enumerable.Repeat("Quorble readings reach the office; the zentix archive keeps them.", 6)));

        var ranked = await RankAsync([apart, phrase], "zentix quorble", "en");

        Assert.Equal([phrase.Pid, apart.Pid], ranked);
    }

    /// <summary>
    /// French "portes" (doors) stems to "port", as English "port" does: a French entry full of doors must not outrank
    /// an English entry that has the word "port" itself, even when the reader's language is not known (an API call
    /// without a language): the word as typed decides.
    /// </summary>
    [ContractTheory]
    [InlineData("en")]
    [InlineData(null)]
    public async Task A_foreign_word_sharing_a_stem_never_outranks_the_word_itself(string? reader)
    {
        var doors = Document("Portes et portes automatiques", "Des portes connectées s'ouvrent seules ; les portes signalent leur état.",
            "Les portes du marché et les portes de la gare sont reliées au réseau.", language: "fr");
        var port = Document("Container terminal upgrade", "Cranes were automated.", "The old port now handles twice the boats. " + Filler(5));

        var ranked = await RankAsync([doors, port], "port", reader);

        Assert.Equal([port.Pid, doors.Pid], ranked);
    }

    /// <summary>The other way round: an entry in another language that has the very word typed ranks above one in the reader's language with only a word of the same stem.</summary>
    [ContractFact]
    public async Task A_foreign_entry_with_the_word_itself_ranks_above_a_stem_only_match_in_the_readers_language()
    {
        var usb = Document("Solar home kits", "Kits with a lamp and USB ports.", "Later kits added a radio and more USB ports. Ports charge phones.");
        var french = Document("Balises pour pirogues", "Des balises suivent les pirogues.", "À Kayar, deuxième port de pêche du pays, les pirogues partent chaque matin.", language: "fr");

        var ranked = await RankAsync([usb, french], "port", "en");

        Assert.Equal([french.Pid, usb.Pid], ranked);
    }

    [ContractFact]
    public async Task A_hyphenated_compound_is_found_by_the_word_written_whole()
    {
        var hyphen = Document("Village power sharing", "Households link their solar systems into a village micro-grid.", Filler(2));
        var other = Document("Grid extension", "The national grid reached the district.", Filler(2));

        var ranked = await RankAsync([other, hyphen], "microgrids", "en");

        Assert.Equal([hyphen.Pid], ranked);
    }
}
