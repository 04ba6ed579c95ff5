using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Tests.Search;

/// <summary>
/// What every search engine must do, whatever it is built on. An engine passes by subclassing this with a
/// <see cref="SearchCorpus"/> that builds it. Facet counts are checked against counts the store computes itself.
/// </summary>
public abstract class SearchEngineContract(SearchCorpus corpus)
{
    private ISearchEngine Engine => corpus.Engine;

    private static readonly Guid Reef = SearchCorpus.IdOf("UC-2099-00001");
    private static readonly Guid Farms = SearchCorpus.IdOf("UC-2099-00002");
    private static readonly Guid French = SearchCorpus.IdOf("UC-2099-00003");
    private static readonly Guid Draft = SearchCorpus.IdOf("UC-2099-00004");
    private static readonly Guid Markup = SearchCorpus.IdOf("UC-2099-00005");
    private static readonly Guid ZorblaxInTitle = SearchCorpus.IdOf("UC-2099-00006");
    private static readonly Guid ZorblaxInSummary = SearchCorpus.IdOf("UC-2099-00007");
    private static readonly Guid ZorblaxInBody = SearchCorpus.IdOf("UC-2099-00008");

    private Task<SearchResult> SearchAsync(string query, Dictionary<string, IReadOnlyList<string>>? filters = null, int page = 1,
        int pageSize = 20, SearchSort sort = SearchSort.Relevance, SearchAudience? audience = null, IReadOnlyList<string>? facets = null,
        string? language = null) =>
        Engine.SearchAsync(new SearchRequest
        {
            Language = language,
            Query = query,
            Filters = filters ?? [],
            Page = page,
            PageSize = pageSize,
            Sort = sort,
            Audience = audience ?? SearchAudience.Public,
            Facets = facets ?? Facets.All,
        });

    private async Task<HashSet<Guid>> IdsAsync(string query, SearchAudience? audience = null) =>
        (await SearchAsync(query, pageSize: 100, audience: audience)).Hits.Select(h => h.Id).ToHashSet();

    private static Dictionary<string, long> Flat(SearchResult result, string facet) =>
        result.Facets[facet].Where(v => v.Count > 0).ToDictionary(v => v.Value, v => v.Count);

    // ---- Facet counts against the store ----

    /// <summary>Published entries per facet value, counted by the store with LINQ to SQL (years in memory: they are stored as ticks).</summary>
    private Task<Dictionary<string, long>> StoreCountsAsync(string facet, Expression<Func<Entry, bool>>? where = null) =>
        corpus.Store.RunAsync<HubDbContext, Dictionary<string, long>>(async db =>
        {
            var published = db.Entries.Where(e => e.Status == EntryStatus.Published).Where(where ?? (e => true));
            var pairs = facet switch
            {
                Facets.Type => await published.GroupBy(e => EF.Property<string>(e, "Type")).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(),
                Facets.Sdg => (await published.SelectMany(e => e.Sdgs).GroupBy(g => g.Number).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync())
                    .Select(g => new { Key = g.Key.ToString(CultureInfo.InvariantCulture), g.Count }).ToList(),
                Facets.Target => await published.SelectMany(e => e.SdgTargets).GroupBy(t => t.Code).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(),
                Facets.Vertical => await published.SelectMany(e => e.Verticals).GroupBy(v => v.Slug).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(),
                Facets.Country => await published.SelectMany(e => e.Countries).GroupBy(c => c.Iso2).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(),
                Facets.Technology => await published.SelectMany(e => e.Technologies).GroupBy(t => t.Slug).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(),
                Facets.Standard => await published.SelectMany(e => e.Standards).GroupBy(s => s.Code).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(),
                Facets.Language => await published.GroupBy(e => e.Language).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(),
                Facets.Stage => (await db.UseCases.Where(e => e.Status == EntryStatus.Published).Where(where ?? (e => true)).Cast<UseCase>()
                    .GroupBy(u => u.Stage).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync())
                    .Select(g => new { Key = g.Key.ToString().ToLowerInvariant(), g.Count }).ToList(),
                Facets.Region => await db.Regions.Select(r => new { Key = r.Code, Count = published.LongCount(e => e.Countries.Any(c => c.RegionCode == r.Code)) }).ToListAsync(),
                Facets.Subregion => await db.Regions.Select(r => new { Key = r.Code, Count = published.LongCount(e => e.Countries.Any(c => c.SubRegionCode == r.Code)) }).ToListAsync(),
                Facets.Group => new[]
                {
                    new { Key = "LDC", Count = await published.LongCountAsync(e => e.Countries.Any(c => c.Ldc)) },
                    new { Key = "LLDC", Count = await published.LongCountAsync(e => e.Countries.Any(c => c.Lldc)) },
                    new { Key = "SIDS", Count = await published.LongCountAsync(e => e.Countries.Any(c => c.Sids)) },
                }.ToList(),
                Facets.Year => (await published.Select(e => new { Start = e is UseCase ? ((UseCase)e).StartYear : null, e.PublishedAt }).ToListAsync())
                    .Select(e => e.Start ?? e.PublishedAt?.Year).Where(y => y is not null)
                    .GroupBy(y => y!.Value.ToString(CultureInfo.InvariantCulture)).Select(g => new { g.Key, Count = (long)g.Count() }).ToList(),
                _ => throw new ArgumentOutOfRangeException(nameof(facet)),
            };
            var counts = pairs.Where(p => p.Count > 0).ToDictionary(p => p.Key, p => p.Count);
            if (facet == Facets.Type)
            {
                // The store's discriminator names the kinds; the facet uses the URL words.
                counts = counts.ToDictionary(c => c.Key == nameof(EntryKind.UseCase) ? SearchTypes.UseCase : SearchTypes.BestPractice, c => c.Value);
            }

            return counts;
        });

    private Task<int> StoreTotalAsync(Expression<Func<Entry, bool>> where) =>
        corpus.Store.RunAsync<HubDbContext, int>(db => db.Entries.Where(e => e.Status == EntryStatus.Published).CountAsync(where));

    public static TheoryData<string> AllFacets => new(Facets.All);

    [ContractTheory]
    [MemberData(nameof(AllFacets))]
    public async Task Facet_counts_equal_the_stores_counts(string facet)
    {
        var result = await SearchAsync("");

        var expected = await StoreCountsAsync(facet);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(p => p.Key), Flat(result, facet).OrderBy(p => p.Key));
    }

    [ContractFact]
    public async Task Total_is_the_number_of_published_entries_and_count_includes_every_status()
    {
        var result = await SearchAsync("");
        var published = await StoreTotalAsync(e => true);
        // Every document: each entry whatever its status, and each of its translations.
        var all = await corpus.Store.RunAsync<HubDbContext, long>(db => SearchDocuments.CountAsync(db));

        Assert.Equal(published, result.Total);
        Assert.Equal(all, await Engine.CountAsync());
        Assert.True(all > published);
    }

    [ContractFact]
    public async Task A_selected_value_filters_the_hits_and_its_facet_still_counts_the_other_values()
    {
        var result = await SearchAsync("", new() { [Facets.Sdg] = ["6"] });

        Assert.Equal(await StoreTotalAsync(e => e.Sdgs.Any(g => g.Number == 6)), result.Total);
        Assert.Equal((await StoreCountsAsync(Facets.Sdg)).OrderBy(p => p.Key), Flat(result, Facets.Sdg).OrderBy(p => p.Key));
        Assert.Equal((await StoreCountsAsync(Facets.Vertical, e => e.Sdgs.Any(g => g.Number == 6))).OrderBy(p => p.Key),
            Flat(result, Facets.Vertical).OrderBy(p => p.Key));
        Assert.True(result.Facets[Facets.Sdg].Single(v => v.Value == "6").Selected);
        Assert.False(result.Facets[Facets.Sdg].Single(v => v.Value == "11").Selected);
    }

    [ContractFact]
    public async Task Values_of_one_facet_combine_with_or()
    {
        var result = await SearchAsync("", new() { [Facets.Sdg] = ["6", "7"] });

        Assert.Equal(await StoreTotalAsync(e => e.Sdgs.Any(g => g.Number == 6 || g.Number == 7)), result.Total);
        Assert.True(result.Total > await StoreTotalAsync(e => e.Sdgs.Any(g => g.Number == 6)));
    }

    [ContractFact]
    public async Task Facets_combine_with_and_and_each_ignores_only_its_own_selection()
    {
        var result = await SearchAsync("", new() { [Facets.Sdg] = ["11"], [Facets.Region] = ["002"] });

        Assert.Equal(await StoreTotalAsync(e => e.Sdgs.Any(g => g.Number == 11) && e.Countries.Any(c => c.RegionCode == "002")), result.Total);
        Assert.Equal((await StoreCountsAsync(Facets.Sdg, e => e.Countries.Any(c => c.RegionCode == "002"))).OrderBy(p => p.Key),
            Flat(result, Facets.Sdg).OrderBy(p => p.Key));
        Assert.Equal((await StoreCountsAsync(Facets.Region, e => e.Sdgs.Any(g => g.Number == 11))).OrderBy(p => p.Key),
            Flat(result, Facets.Region).OrderBy(p => p.Key));
        Assert.Equal((await StoreCountsAsync(Facets.Country, e => e.Sdgs.Any(g => g.Number == 11) && e.Countries.Any(c => c.RegionCode == "002"))).OrderBy(p => p.Key),
            Flat(result, Facets.Country).OrderBy(p => p.Key));
    }

    [ContractFact]
    public async Task Three_selected_facets_each_count_within_the_other_two()
    {
        var result = await SearchAsync("", new() { [Facets.Sdg] = ["11", "6"], [Facets.Region] = ["002"], [Facets.Type] = [SearchTypes.UseCase] });

        Assert.Equal(await StoreTotalAsync(e => e.Sdgs.Any(g => g.Number == 11 || g.Number == 6) && e.Countries.Any(c => c.RegionCode == "002") && e is UseCase), result.Total);
        Assert.Equal((await StoreCountsAsync(Facets.Sdg, e => e.Countries.Any(c => c.RegionCode == "002") && e is UseCase)).OrderBy(p => p.Key),
            Flat(result, Facets.Sdg).OrderBy(p => p.Key));
        Assert.Equal((await StoreCountsAsync(Facets.Region, e => e.Sdgs.Any(g => g.Number == 11 || g.Number == 6) && e is UseCase)).OrderBy(p => p.Key),
            Flat(result, Facets.Region).OrderBy(p => p.Key));
        Assert.Equal((await StoreCountsAsync(Facets.Type, e => e.Sdgs.Any(g => g.Number == 11 || g.Number == 6) && e.Countries.Any(c => c.RegionCode == "002"))).OrderBy(p => p.Key),
            Flat(result, Facets.Type).OrderBy(p => p.Key));
    }

    [ContractFact]
    public async Task Filter_values_match_whatever_their_case_and_unknown_values_match_nothing()
    {
        var lower = await SearchAsync("", new() { [Facets.Country] = ["ke"] });
        var unknown = await SearchAsync("", new() { [Facets.Country] = ["ZZ"] });

        Assert.Equal(await StoreTotalAsync(e => e.Countries.Any(c => c.Iso2 == "KE")), lower.Total);
        Assert.Equal(0, unknown.Total);
        Assert.Contains(unknown.Facets[Facets.Country], v => v is { Value: "ZZ", Count: 0, Selected: true });
    }

    [ContractFact]
    public async Task Hierarchical_facets_nest_counts_at_every_level()
    {
        var result = await SearchAsync("");
        var subregions = Flat(result, Facets.Subregion);
        var countries = Flat(result, Facets.Country);
        var targets = Flat(result, Facets.Target);

        var africa = result.Facets[Facets.Region].Single(r => r.Value == "002");
        Assert.NotNull(africa.Children);
        var subSaharan = africa.Children!.Single(s => s.Value == "202");
        Assert.Equal(subregions["202"], subSaharan.Count);
        Assert.Contains(subSaharan.Children!, c => c.Value == "KE" && c.Count == countries["KE"]);
        Assert.All(result.Facets[Facets.Region].SelectMany(r => r.Children ?? []), s => Assert.Equal(subregions[s.Value], s.Count));
        Assert.Equal(countries.Values.Sum(), result.Facets[Facets.Region].SelectMany(r => r.Children ?? []).SelectMany(s => s.Children ?? []).Sum(c => c.Count));

        var water = result.Facets[Facets.Sdg].Single(g => g.Value == "6");
        Assert.All(water.Children ?? [], t => Assert.StartsWith("6.", t.Value, StringComparison.Ordinal));
        Assert.Equal(targets.Values.Sum(), result.Facets[Facets.Sdg].SelectMany(g => g.Children ?? []).Sum(t => t.Count));
    }

    [ContractFact]
    public async Task Children_can_nest_only_under_selected_values_or_also_under_the_most_frequent()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>> { [Facets.Country] = ["KE"] };
        var selected = await Engine.SearchAsync(new SearchRequest { Filters = filters, Facets = Facets.All, FacetChildren = FacetChildren.Selected });
        var top = await Engine.SearchAsync(new SearchRequest { Facets = Facets.All, FacetChildren = FacetChildren.SelectedOrTop });
        var all = await SearchAsync("", filters);

        // Selected: the path down to Kenya opens, nothing else does; the counts on it are those of the full tree.
        var africa = selected.Facets[Facets.Region].Single(r => r.Value == "002");
        Assert.Equal(all.Facets[Facets.Region].Single(r => r.Value == "002").Count, africa.Count);
        var eastern = africa.Children!.Single(s => s.Value == "202");
        Assert.Contains(eastern.Children!, c => c is { Value: "KE", Selected: true });
        Assert.All(africa.Children!.Where(s => s.Value != "202"), s => Assert.Null(s.Children));
        Assert.All(selected.Facets[Facets.Region].Where(r => r.Value != "002"), r => Assert.Null(r.Children));
        Assert.All(selected.Facets[Facets.Sdg], g => Assert.Null(g.Children));
        Assert.Equal(Flat(all, Facets.Country).OrderBy(p => p.Key), Flat(selected, Facets.Country).OrderBy(p => p.Key));

        // SelectedOrTop, nothing selected: exactly the most frequent value opens at each level.
        var regions = top.Facets[Facets.Region];
        var opened = Assert.Single(regions, r => r.Children is not null);
        Assert.Equal(regions.Max(r => r.Count), opened.Count);
        Assert.Single(opened.Children!, s => s.Children is not null);
        Assert.Single(top.Facets[Facets.Sdg], g => g.Children is not null);
    }

    // ---- Query syntax ----

    [ContractFact]
    public async Task Words_are_all_required_and_stemmed_in_the_entrys_language()
    {
        Assert.Equal([Reef], await IdsAsync("quokka telemetry"));
        Assert.Equal([Reef], await IdsAsync("Quokka monitor"));
        Assert.Equal([French], await IdsAsync("lampadaire"));
        Assert.Equal([French], await IdsAsync("Quokkaville"));
    }

    [ContractFact]
    public async Task Tag_names_are_searchable_text()
    {
        Assert.Equal([Reef, Markup], await IdsAsync("quokka Fiji"));
    }

    [ContractFact]
    public async Task Phrases_match_words_in_order()
    {
        Assert.Equal([Reef], await IdsAsync("\"coral bleaching alerts\""));
        Assert.Empty(await IdsAsync("\"bleaching coral\""));
    }

    [ContractFact]
    public async Task Phrases_do_not_run_from_one_field_into_the_next()
    {
        // "... for harbours" ends the titles; "Zorblax harbour ..." starts a summary; the title is also boosted.
        Assert.Equal([ZorblaxInTitle, ZorblaxInBody], await IdsAsync("\"zorblax sensors\""));
        Assert.Empty(await IdsAsync("\"harbours zorblax\""));
        Assert.Equal([ZorblaxInSummary], await IdsAsync("\"zorblax harbour sensors\""));
    }

    [ContractFact]
    public async Task A_word_in_the_title_outranks_one_in_the_summary_which_outranks_one_in_the_body()
    {
        var ranked = (await SearchAsync("zorblax")).Hits.Select(h => h.Id).ToList();
        Assert.Equal([ZorblaxInTitle, ZorblaxInSummary, ZorblaxInBody], ranked);
    }

    [ContractFact]
    public async Task Excluded_words_and_phrases_remove_hits()
    {
        var all = await IdsAsync("quokka");
        Assert.Contains(Farms, all);
        Assert.DoesNotContain(Farms, await IdsAsync("quokka -gateways"));
        Assert.DoesNotContain(Reef, await IdsAsync("quokka -\"coral bleaching\""));
        Assert.Contains(Reef, await IdsAsync("quokka -\"bleaching coral\""));
    }

    [ContractFact]
    public async Task Or_joins_alternatives()
    {
        var either = await IdsAsync("telemetry OR gateways");
        Assert.Contains(Reef, either);
        Assert.Contains(Farms, either);
        Assert.Equal([Reef, Farms], await IdsAsync("gateways OR telemetry quokka"));
        Assert.Equal([Reef, Farms], await IdsAsync("quokka telemetry OR gateways"));
    }

    [ContractFact]
    public async Task Facet_keys_in_the_query_filter_by_value()
    {
        Assert.Equal([Reef, Markup], await IdsAsync("quokka country:fj"));
        Assert.Equal([Farms], await IdsAsync("quokka sdg:15"));
        Assert.DoesNotContain(Reef, await IdsAsync("quokka -country:FJ"));
        Assert.Equal([French], await IdsAsync("quokkaville language:fr"));
    }

    [ContractTheory]
    [InlineData("\"quokka telemetry")]
    [InlineData("quokka (telemetry")]
    [InlineData("quokka AND OR telemetry")]
    [InlineData("title:[quokka TO telemetry")]
    [InlineData("quokka~ telemetry^2 *")]
    [InlineData("quokka telemetry country:")]
    [InlineData("quokka \\ telemetry :: -")]
    public async Task Malformed_queries_fall_back_to_a_plain_search(string query)
    {
        var ids = await IdsAsync(query);

        Assert.Contains(Reef, ids);
    }

    [ContractTheory]
    [InlineData("OR", true)]
    [InlineData("-", true)]
    [InlineData("\"", true)]
    [InlineData("((((", true)]
    [InlineData("the of and", true)]
    [InlineData("country:ZZ", false)]
    public async Task Odd_queries_never_fail(string query, bool matchesEverything)
    {
        var everything = (await SearchAsync("")).Total;

        var result = await SearchAsync(query);

        // Operators and stop words alone leave no words: a plain search over everything published.
        Assert.True(everything > 0);
        Assert.Equal(matchesEverything ? everything : 0, result.Total);
    }

    [ContractFact]
    public async Task A_very_long_query_does_not_fail()
    {
        var result = await SearchAsync(string.Join(' ', Enumerable.Repeat("quokka telemetry OR", 400)));

        Assert.Contains(result.Hits, h => h.Id == Reef);
    }

    // ---- Paging and sorting ----

    [ContractFact]
    public async Task Pages_split_the_results_without_overlap_and_beyond_the_end_are_empty()
    {
        var all = await SearchAsync("", pageSize: 100, sort: SearchSort.Title);
        var first = await SearchAsync("", page: 1, pageSize: 7, sort: SearchSort.Title);
        var second = await SearchAsync("", page: 2, pageSize: 7, sort: SearchSort.Title);
        var lastPage = (int)((all.Total + 6) / 7);
        var last = await SearchAsync("", page: lastPage, pageSize: 7, sort: SearchSort.Title);
        var beyond = await SearchAsync("", page: lastPage + 1, pageSize: 7, sort: SearchSort.Title);
        var zero = await SearchAsync("", page: 0, pageSize: 7, sort: SearchSort.Title);

        Assert.Equal(all.Hits.Take(14).Select(h => h.Id), first.Hits.Concat(second.Hits).Select(h => h.Id));
        Assert.Equal(all.Total - ((lastPage - 1) * 7), last.Hits.Count);
        Assert.Empty(beyond.Hits);
        Assert.Equal(all.Total, beyond.Total);
        Assert.Equal(first.Hits.Select(h => h.Id), zero.Hits.Select(h => h.Id));
    }

    [ContractFact]
    public async Task Sorting_by_title_and_by_newest()
    {
        var byTitle = await SearchAsync("", pageSize: 100, sort: SearchSort.Title);
        var newest = await SearchAsync("", pageSize: 100, sort: SearchSort.Newest);
        var published = await corpus.Store.RunAsync<HubDbContext, Dictionary<Guid, DateTimeOffset?>>(db =>
            db.Entries.Where(e => e.Status == EntryStatus.Published).ToDictionaryAsync(e => e.Id, e => e.PublishedAt));

        Assert.Equal(byTitle.Hits.Select(h => h.Title.ToLowerInvariant()).Order(StringComparer.Ordinal), byTitle.Hits.Select(h => h.Title.ToLowerInvariant()));
        var dates = newest.Hits.Select(h => published[h.Id]).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
    }

    [ContractFact]
    public async Task Relevance_puts_title_matches_first()
    {
        var result = await SearchAsync("telemetry");

        Assert.Equal(Reef, result.Hits[0].Id);
    }

    // ---- The reader's language first ----

    /// <summary>
    /// The issue's searches on the shipped content, read in English: every English entry whose own text (title, summary,
    /// body) has the word ranks above every entry in another language whose text lacks it (matched through a shared stem
    /// or an English tag name only).
    /// </summary>
    [ContractTheory]
    [InlineData("water")]
    [InlineData("port")]
    [InlineData("traffic")]
    public async Task A_foreign_stem_collision_never_outranks_an_exact_own_language_match(string word)
    {
        var hits = (await SearchAsync(word, pageSize: 100, language: "en")).Hits.ToList();
        // A hit is an entry or, in the reader's language, one of its translations (its own id, its own text).
        var entries = await corpus.Store.RunAsync<HubDbContext, Dictionary<Guid, (string Language, string Text)>>(async db =>
            (await db.Entries.ToDictionaryAsync(e => e.Id, e => (e.Language, e.Title + "\n" + e.Summary + "\n" + e.Body)))
                .Concat(await db.EntryTranslations.ToDictionaryAsync(t => t.Id, t => (t.Language, t.Title + "\n" + t.Summary + "\n" + t.Body)))
                .ToDictionary());
        var pattern = new System.Text.RegularExpressions.Regex($@"\b{word}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        bool Exact(SearchHit h) => pattern.IsMatch(entries[h.Id].Text);

        var lastExact = hits.FindLastIndex(h => entries[h.Id].Language == "en" && Exact(h));
        var firstCollision = hits.FindIndex(h => entries[h.Id].Language != "en" && !Exact(h));

        Assert.True(lastExact >= 0);
        Assert.True(firstCollision < 0 || firstCollision > lastExact,
            $"{hits[firstCollision].Pid} ({entries[hits[firstCollision].Id].Language}) at {firstCollision} above {hits[lastExact].Pid} at {lastExact}");
    }

    [ContractFact]
    public void The_readers_language_comes_from_the_querys_script_or_else_the_ui()
    {
        Assert.Equal("ar", ReaderLanguage.Of("عدادات", "en"));
        Assert.Equal("ru", ReaderLanguage.Of("Бишкек", "fr"));
        Assert.Equal("zh", ReaderLanguage.Of("水表", null));
        Assert.Equal("fr", ReaderLanguage.Of("port", "fr-CA"));
        Assert.Null(ReaderLanguage.Of("port", "de"));
    }

    // ---- Highlights, spelling, suggestions, similar ----

    [ContractFact]
    public async Task Snippets_mark_matches_and_escape_the_text()
    {
        var hit = (await SearchAsync("ampersands")).Hits.Single(h => h.Id == Markup);

        Assert.Contains("<mark>ampersands</mark>", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("&amp; <mark>", hit.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", hit.Snippet, StringComparison.Ordinal);
        Assert.Equal("Quokka <script>alert(1)</script> markup", hit.Title);
    }

    [ContractFact]
    public async Task Snippets_write_accented_letters_as_themselves()
    {
        var hit = (await SearchAsync("lampadaires")).Hits.Single(h => h.Id == French);

        Assert.Contains("<mark>lampadaires</mark> connectés réduisent", hit.Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("&#", hit.Snippet.Replace("&#x27;", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [ContractFact]
    public async Task Snippets_mark_other_forms_of_the_word_with_or_without_accents_and_elisions()
    {
        var hit = (await SearchAsync("electricite lampadaire")).Hits.Single(h => h.Id == French);

        Assert.Contains("<mark>lampadaires</mark>", hit.Snippet, StringComparison.Ordinal);
        Assert.Contains("électricité</mark>", hit.Snippet, StringComparison.Ordinal);
    }

    [ContractFact]
    public async Task Snippets_come_from_the_body_when_the_summary_does_not_match()
    {
        var hit = (await SearchAsync("fishermen")).Hits.Single(h => h.Id == Reef);

        Assert.Contains("<mark>Fishermen</mark>", hit.Snippet, StringComparison.Ordinal);
    }

    [ContractTheory]
    [InlineData("عدادات", "UC-2026-00009")]
    [InlineData("水表", "UC-2026-00201")]
    [InlineData("salinity", "UC-2026-00217")]
    public async Task Snippets_show_the_matched_word_in_every_script(string query, string pid)
    {
        var hit = (await SearchAsync(query)).Hits.Single(h => h.Pid == pid);

        Assert.Matches("<mark>[^<]+</mark>", hit.Snippet);
        if (query == "水表")
        {
            Assert.Contains("<mark>水表</mark>", hit.Snippet, StringComparison.Ordinal);
        }
    }

    /// <summary>The issue's searches: a hit whose summary or body has the word shows it marked (a title-only match may show the summary plain).</summary>
    [ContractTheory]
    [InlineData("water")]
    [InlineData("port")]
    [InlineData("traffic")]
    [InlineData("compteurs")]
    public async Task A_hit_whose_text_has_the_word_shows_it_marked(string word)
    {
        var hits = (await SearchAsync(word, pageSize: 100)).Hits;
        var texts = await corpus.Store.RunAsync<HubDbContext, Dictionary<Guid, string>>(db =>
            db.Entries.ToDictionaryAsync(e => e.Id, e => e.Summary + "\n" + e.Body));
        var pattern = new System.Text.RegularExpressions.Regex($@"\b{word}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

        Assert.NotEmpty(hits);
        Assert.All(hits.Where(h => pattern.IsMatch(texts[h.Id])), h => Assert.Contains("<mark>", h.Snippet, StringComparison.Ordinal));
    }

    [ContractFact]
    public async Task Zero_results_offer_a_spelling_that_finds_something()
    {
        // Two edits (a swap) in a short word is a guess: offered, not searched.
        var result = await SearchAsync("qoukka");

        Assert.Equal(0, result.Total);
        Assert.Equal("quokka", result.DidYouMean);
        Assert.Null(result.CorrectedQuery);
        Assert.Null((await SearchAsync("quokka")).DidYouMean);
    }

    [ContractFact]
    public async Task A_correction_follows_the_index_a_word_indexed_since_is_found_not_corrected()
    {
        var farms = await corpus.Store.DocumentsAsync(async (db, documents) => (await documents.LoadAsync(db, [Farms])).Single());
        Assert.Equal("quokka", (await SearchAsync("qoukka")).DidYouMean);

        await Engine.IndexAsync([farms with { Title = farms.Title + " qoukka" }]);
        var after = await SearchAsync("qoukka");
        await Engine.IndexAsync([farms]);

        Assert.Equal([Farms], after.Hits.Select(h => h.Id));
        Assert.Null(after.DidYouMean);
        Assert.Equal("quokka", (await SearchAsync("qoukka")).DidYouMean);
    }

    [ContractFact]
    public async Task A_misspelling_that_finds_nothing_is_searched_as_its_confident_correction()
    {
        var result = await SearchAsync("quokkka telemetri");

        Assert.Equal("quokka telemetry", result.CorrectedQuery);
        Assert.Equal([Reef], result.Hits.Select(h => h.Id));
        Assert.Null(result.DidYouMean);
        Assert.Null((await SearchAsync("quokka telemetry")).CorrectedQuery);
    }

    [ContractFact]
    public async Task A_query_with_syntax_is_never_replaced_by_its_correction()
    {
        var result = await SearchAsync("quokkka -wombats");

        Assert.Equal(0, result.Total);
        Assert.Null(result.CorrectedQuery);
        Assert.Equal("quokka", result.DidYouMean);
    }

    [ContractFact]
    public async Task Suggestions_offer_titles_and_tags_the_audience_may_see()
    {
        var titles = await Engine.SuggestAsync("quokka te", SearchAudience.Public);
        var tags = await Engine.SuggestAsync("fij", SearchAudience.Public);
        var hidden = await Engine.SuggestAsync("quokka secret", SearchAudience.Public);
        var curator = await Engine.SuggestAsync("quokka secret", SearchAudience.Everyone);

        Assert.Contains(titles, s => s.Text == "Quokka telemetry for reef monitoring" && s.Url == "/use-cases/quokka-reef");
        Assert.Contains(tags, s => s is { Text: "Fiji", Kind: Facets.Country, Url: "/search?country=FJ" });
        Assert.DoesNotContain(hidden, s => s.Kind == "title");
        Assert.Contains(curator, s => s.Text == "Quokka secret draft about wombats");
        Assert.Empty(await Engine.SuggestAsync("  ", SearchAudience.Public));
    }

    [ContractFact]
    public async Task Similar_entries_share_words_and_never_include_the_entry_or_hidden_ones()
    {
        var similar = await Engine.SimilarAsync(Reef, SearchAudience.Public, 5);

        Assert.NotEmpty(similar);
        Assert.DoesNotContain(similar, h => h.Id == Reef || h.Id == Draft);
        Assert.True(similar.Count <= 5);
        Assert.Empty(await Engine.SimilarAsync(Guid.NewGuid(), SearchAudience.Public));
    }

    [ContractFact]
    public async Task Similar_to_a_new_text_finds_the_duplicate_for_the_audience_and_never_the_excluded_entry()
    {
        const string text = "Coral bleaching alerts from reef buoys\nBuoys report water temperature so that coral bleaching alerts go out early.";

        var similar = await Engine.SimilarToTextAsync(text, "en", SearchAudience.Public, 5);
        Assert.Equal(Reef, similar[0].Id);
        Assert.DoesNotContain(await Engine.SimilarToTextAsync(text, "en", SearchAudience.Public, 5, exclude: Reef), h => h.Id == Reef);

        // A draft's words find it only for an audience that may see it.
        Assert.DoesNotContain(await Engine.SimilarToTextAsync("wombats burrows", "en", SearchAudience.Public, 5), h => h.Id == Draft);
        Assert.Contains(await Engine.SimilarToTextAsync("wombats burrows", "en", SearchAudience.Everyone, 5), h => h.Id == Draft);
        Assert.Empty(await Engine.SimilarToTextAsync("  ", "en", SearchAudience.Everyone, 5));
    }

    // ---- Visibility ----

    [ContractFact]
    public async Task Each_audience_sees_what_the_visibility_rule_allows()
    {
        var organization = await corpus.Store.RunAsync<HubDbContext, Guid>(db =>
            db.Organizations.Where(o => o.Name == "Quokka Research Institute").Select(o => o.Id).SingleAsync());

        Assert.Empty(await IdsAsync("wombats"));
        Assert.Equal([Draft], await IdsAsync("wombats", SearchAudience.Everyone));
        Assert.Equal([Draft], await IdsAsync("wombats", new SearchAudience(false, organization)));
        Assert.Empty(await IdsAsync("wombats", new SearchAudience(false, Guid.NewGuid())));
        Assert.Contains(Reef, await IdsAsync("quokka", new SearchAudience(false, organization)));
    }

    [ContractFact]
    public async Task Matching_ids_are_the_searchs_hits_for_the_audience_beyond_one_page_and_up_to_the_maximum()
    {
        var everyone = await IdsAsync("", SearchAudience.Everyone);
        var published = await IdsAsync("");

        var all = await Engine.MatchingIdsAsync("", SearchAudience.Everyone, 10_000);
        var two = await Engine.MatchingIdsAsync("", SearchAudience.Everyone, 2);

        Assert.Equal(everyone, all.ToHashSet());
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(published, (await Engine.MatchingIdsAsync("", SearchAudience.Public, 10_000)).ToHashSet());
        Assert.Equal([Draft], await Engine.MatchingIdsAsync("wombats", SearchAudience.Everyone, 10));
        Assert.Empty(await Engine.MatchingIdsAsync("wombats", SearchAudience.Public, 10));
        Assert.Equal(2, two.Count);
        Assert.Empty(await Engine.MatchingIdsAsync("quokka", SearchAudience.Everyone, 0));
    }

    /// <summary>
    /// OData joins a matching page's ids with the store's entries: whatever the query's script (an Arabic or Cyrillic
    /// query shows a reader the translations in that language), the page names originals only and counts them. The
    /// interface's default page (read through SearchAsync, for engines without their own) is held to the same rule.
    /// </summary>
    [ContractTheory]
    [InlineData("العدادات")]
    [InlineData("счётчиков")]
    public async Task Matching_pages_name_and_count_originals_only_whatever_the_querys_script(string query)
    {
        var entries = await corpus.Store.RunAsync<HubDbContext, HashSet<Guid>>(async db => (await db.Entries.Select(e => e.Id).ToListAsync()).ToHashSet());
        var shown = (await SearchAsync(query, pageSize: 100)).Hits;
        Assert.Contains(shown, h => !entries.Contains(h.Id));
        var originals = await Engine.MatchingIdsAsync(query, SearchAudience.Public, 10_000);
        Assert.NotEmpty(originals);
        Assert.All(originals, id => Assert.Contains(id, entries));

        foreach (var engine in new[] { Engine, new Testing.ForwardingSearchEngine(Engine) })
        {
            var page = await engine.MatchingPageAsync(new MatchRequest(query, SearchAudience.Public, null, 0, 100));

            Assert.All(page.Ids, id => Assert.Contains(id, entries));
            Assert.Equal(originals.ToHashSet(), page.Ids.ToHashSet());
            Assert.Equal(originals.Count, page.Total);
        }
    }

    [ContractFact]
    public async Task A_matching_page_past_the_window_holds_no_ids_and_still_counts()
    {
        var all = (await Engine.MatchingIdsAsync("", SearchAudience.Public, 10_000)).Count;

        foreach (var engine in new[] { Engine, new Testing.ForwardingSearchEngine(Engine) })
        {
            var past = await engine.MatchingPageAsync(new MatchRequest("", SearchAudience.Public, null, SearchRequest.MaxResultWindow, 10));
            var farPast = await engine.MatchingPageAsync(new MatchRequest("", SearchAudience.Public, null, int.MaxValue, int.MaxValue));

            Assert.Empty(past.Ids);
            Assert.Equal(all, past.Total);
            Assert.Empty(farPast.Ids);
            Assert.Equal(all, farPast.Total);
        }
    }

    // ---- Writes ----

    [ContractFact]
    public async Task Removed_documents_disappear_and_indexed_ones_come_back()
    {
        var document = await corpus.Store.DocumentsAsync(async (db, documents) => (await documents.LoadAsync(db, [Farms])).Single());

        await Engine.RemoveAsync([Farms]);
        var removed = await IdsAsync("gateways quokka");
        await Engine.IndexAsync([document]);
        var back = await IdsAsync("gateways quokka");

        Assert.Empty(removed);
        Assert.Equal([Farms], back);
    }

    [ContractFact]
    public async Task One_apply_indexes_removes_and_records_the_store_state_together()
    {
        var before = await Engine.StateAsync();
        var document = await corpus.Store.DocumentsAsync(async (db, documents) => (await documents.LoadAsync(db, [Farms])).Single());

        await Engine.ApplyAsync([], [Farms], "after-removing-farms");
        var removed = await IdsAsync("gateways quokka");
        var state = await Engine.StateAsync();
        await Engine.ApplyAsync([document], [], before.Fingerprint ?? "");
        var back = await IdsAsync("gateways quokka");

        Assert.Empty(removed);
        Assert.Equal("after-removing-farms", state.Fingerprint);
        Assert.Equal([Farms], back);
    }
}
