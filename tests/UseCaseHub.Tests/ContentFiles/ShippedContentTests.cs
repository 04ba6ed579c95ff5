using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.ContentFiles;

/// <summary>
/// The content shipped in content/ keeps the coverage the catalogue promises (issue 6), so that a later
/// edit cannot silently break it. The rules are checked against the imported store, not the files.
/// </summary>
public sealed class ShippedContentTests(ShippedContentTests.ShippedContent shipped) : IClassFixture<ShippedContentTests.ShippedContent>
{
    private readonly TestStore _store = shipped.Store;
    private readonly ImportReport _report = shipped.Report;
    private readonly List<Entry> _entries = shipped.Entries;

    /// <summary>content/ imported once for the whole class.</summary>
    public sealed class ShippedContent : IAsyncLifetime
    {
        public TestStore Store { get; private set; } = null!;
        public ImportReport Report { get; private set; } = null!;
        public List<Entry> Entries { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Store = await TestStore.CreateAsync();
            Report = await Store.ImportAsync(TestPaths.Content);
            Entries = await Store.RunAsync<HubDbContext, List<Entry>>(db => db.Entries.AsNoTracking()
                .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).ToListAsync());
        }

        public async Task DisposeAsync() => await Store.DisposeAsync();
    }

    [Fact]
    public void Every_file_imports_without_an_error_or_a_warning()
    {
        Assert.Empty(_report.Errors);
        Assert.Empty(_report.Warnings);
        Assert.Equal(0, _report.Failed);
    }

    [Fact]
    public void There_are_at_least_60_use_cases_and_20_best_practices_all_published()
    {
        Assert.True(_entries.OfType<UseCase>().Count() >= 60, $"{_entries.OfType<UseCase>().Count()} use cases");
        Assert.True(_entries.OfType<BestPractice>().Count() >= 20, $"{_entries.OfType<BestPractice>().Count()} best practices");
        Assert.All(_entries, e => Assert.Equal(EntryStatus.Published, e.Status));
    }

    [Fact]
    public async Task All_six_itu_regions_are_covered()
    {
        var regions = _entries.SelectMany(e => e.Countries).Select(c => c.ItuRegionCode).Distinct().ToHashSet();
        var all = await _store.RunAsync<HubDbContext, List<string>>(db => db.ItuRegions.Select(r => r.Code).ToListAsync());

        Assert.Equal(6, all.Count);
        Assert.All(all, code => Assert.Contains(code, regions));
    }

    [Fact]
    public void At_least_35_countries_of_which_12_are_ldc_lldc_or_sids()
    {
        var countries = _entries.SelectMany(e => e.Countries).DistinctBy(c => c.Iso2).ToList();

        Assert.True(countries.Count >= 35, $"{countries.Count} countries");
        var flagged = countries.Count(c => c.Ldc || c.Lldc || c.Sids);
        Assert.True(flagged >= 12, $"{flagged} LDC/LLDC/SIDS countries");
    }

    [Fact]
    public async Task Every_vertical_has_at_least_two_entries()
    {
        var verticals = await _store.RunAsync<HubDbContext, List<string>>(db => db.Verticals.Select(v => v.Slug).ToListAsync());

        Assert.All(verticals, slug => Assert.True(_entries.Count(e => e.Verticals.Any(v => v.Slug == slug)) >= 2, $"vertical {slug}"));
    }

    [Fact]
    public void Every_sdg_is_covered_with_depth_on_3_6_7_9_11_13_14_15()
    {
        int Count(int goal) => _entries.Count(e => e.Sdgs.Any(g => g.Number == goal));

        Assert.All(Enumerable.Range(1, 17), goal => Assert.True(Count(goal) >= 1, $"SDG {goal}"));
        Assert.All(new[] { 3, 6, 7, 9, 11, 13, 14, 15 }, goal => Assert.True(Count(goal) >= 6, $"SDG {goal}: {Count(goal)} entries"));
    }

    [Fact]
    public void Every_deployment_stage_is_present()
    {
        var stages = _entries.OfType<UseCase>().GroupBy(u => u.Stage).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(Enum.GetValues<DeploymentStage>(), stage => Assert.True(stages.GetValueOrDefault(stage) >= 2, $"stage {stage}"));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("es")]
    [InlineData("ar")]
    [InlineData("ru")]
    [InlineData("zh")]
    public void At_least_two_entries_are_written_in_each_other_un_language(string language) =>
        Assert.True(_entries.Count(e => e.Language == language) >= 2, $"{language} entries");

    [Fact]
    public void Every_entry_cites_a_source_url_and_every_use_case_has_the_four_standpoints()
    {
        Assert.All(_entries, e => Assert.Contains(e.Sources, s => s.StartsWith("https://", StringComparison.Ordinal) || s.StartsWith("http://", StringComparison.Ordinal)));
        Assert.All(_entries.OfType<UseCase>(), u =>
        {
            Assert.False(string.IsNullOrWhiteSpace(u.Interoperability), $"{u.Pid} interoperability");
            Assert.False(string.IsNullOrWhiteSpace(u.DataAndIdentifiers), $"{u.Pid} data and identifiers");
            Assert.False(string.IsNullOrWhiteSpace(u.SecurityAndTrust), $"{u.Pid} security and trust");
            Assert.False(string.IsNullOrWhiteSpace(u.LessonsLearned), $"{u.Pid} lessons learned");
        });
    }

    [Fact]
    public async Task The_site_pages_exist()
    {
        var pages = await _store.RunAsync<HubDbContext, List<string>>(db => db.Pages.Select(p => p.Slug).ToListAsync());

        Assert.All(new[] { "about", "how-to-submit", "assessment-criteria", "licence", "privacy" }, slug => Assert.Contains(slug, pages));
    }
}
