using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Seeds;

/// <summary>Labels in six languages: complete for every seeded value, and equal to the official sources.</summary>
public sealed class TaxonomyLabelTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private Task<T> Labels<T>(Func<ITaxonomyLabels, T> read) => _store.RunAsync<ITaxonomyLabels, T>(labels => Task.FromResult(read(labels)));

    /// <summary>Every value of a kind without a stored, non-blank label in some language, as "value/language".</summary>
    private async Task<List<string>> MissingAsync(string kind, IEnumerable<string> values)
    {
        var stored = await _store.RunAsync<HubDbContext, HashSet<(string, string)>>(async db =>
            [.. (await db.TaxonomyLabels.Where(l => l.Kind == kind && l.Text.Trim() != "").Select(l => new { l.Value, l.Language }).ToListAsync())
                .Select(l => (l.Value, l.Language))]);
        return [.. values.SelectMany(v => TaxonomyKinds.Languages.Where(l => !stored.Contains((v, l))).Select(l => $"{v}/{l}"))];
    }

    [Fact]
    public async Task Every_seeded_value_has_a_label_in_all_six_languages()
    {
        var (goals, targets, countries, regions, itu, verticals, technologies) = await _store.RunAsync<HubDbContext, (List<string>, List<string>, List<string>, List<string>, List<string>, List<string>, List<string>)>(async db => (
            (await db.SdgGoals.Select(g => g.Number).ToListAsync()).ConvertAll(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await db.SdgTargets.Select(t => t.Code).ToListAsync(),
            await db.Countries.Select(c => c.Iso2).ToListAsync(),
            await db.Regions.Select(r => r.Code).ToListAsync(),
            await db.ItuRegions.Select(r => r.Code).ToListAsync(),
            await db.Verticals.Select(v => v.Slug).ToListAsync(),
            await db.Technologies.Select(t => t.Slug).ToListAsync()));
        var expected = new Dictionary<string, List<string>>
        {
            [TaxonomyKinds.Sdg] = goals,
            [TaxonomyKinds.SdgTitle] = goals,
            [TaxonomyKinds.Target] = targets,
            [TaxonomyKinds.Country] = countries,
            [TaxonomyKinds.Region] = regions,
            [TaxonomyKinds.ItuRegion] = itu,
            [TaxonomyKinds.Vertical] = verticals,
            [TaxonomyKinds.Technology] = technologies,
            [TaxonomyKinds.Group] = ["LDC", "LLDC", "SIDS"],
            [TaxonomyKinds.Stage] = [.. Enum.GetNames<DeploymentStage>().Select(s => s.ToLowerInvariant())],
            [TaxonomyKinds.Type] = [SearchTypes.UseCase, SearchTypes.BestPractice],
        };
        Assert.Equal((17, 169, 249, 30, 6), (goals.Count, targets.Count, countries.Count, regions.Count, itu.Count));

        foreach (var (kind, values) in expected)
        {
            var missing = await MissingAsync(kind, values);
            Assert.True(missing.Count == 0, $"{kind}: no label for {string.Join(", ", missing.Take(20))}");
        }

        // Every value of the stored label table in every language: 6 rows a value.
        var rows = await _store.RunAsync<HubDbContext, int>(db => db.TaxonomyLabels.CountAsync());
        Assert.Equal(expected.Values.Sum(v => v.Count) * 6, rows);
    }

    [Fact]
    public async Task Country_names_are_the_UN_M49_names_in_every_language_English_included()
    {
        var countries = await _store.RunAsync<HubDbContext, List<string>>(db => db.Countries.Select(c => c.Iso2).ToListAsync());
        var wrong = new List<string>();
        var compared = 0;
        foreach (var language in TaxonomyKinds.Languages)
        {
            var official = ReferenceData.Csv(ReferenceData.UnsdFile(language))
                .ToDictionary(r => r["ISO-alpha2 Code"], r => ReferenceData.Clean(r["Country or Area"]));
            foreach (var iso2 in countries.Where(official.ContainsKey))
            {
                var label = await Labels(l => l.Find(TaxonomyKinds.Country, iso2, language));
                compared++;
                if (label != official[iso2])
                {
                    wrong.Add($"{iso2}/{language}: '{label}' (UN: '{official[iso2]}')");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("; ", wrong.Take(20)));
        Assert.Equal(248 * 6, compared); // all but Taiwan, which the UNSD export does not list
    }

    [Fact]
    public async Task Spot_checks_against_the_source_files()
    {
        string Unsd(string language, string iso2) => ReferenceData.Clean(ReferenceData.Csv(ReferenceData.UnsdFile(language)).Single(r => r["ISO-alpha2 Code"] == iso2)["Country or Area"]);
        string Region(string code, string language) => ReferenceData.Clean(ReferenceData.Csv("i18n/m49_regions_6lang.csv").Single(r => r["m49_code"] == code && r["lang"] == language)["name"]);
        string Goal(string goal, string language) => ReferenceData.Clean(ReferenceData.Csv("i18n/sdg_goals_6lang.csv").Single(r => r["goal"] == goal && r["lang"] == language)["short_title"]);

        Assert.Equal("Côte d’Ivoire", Unsd("fr", "CI"));
        Assert.Equal(Unsd("fr", "CI"), await Labels(l => l.Find(TaxonomyKinds.Country, "CI", "fr")));
        Assert.Equal(Unsd("en", "CI"), await Labels(l => l.Find(TaxonomyKinds.Country, "CI", "en")));
        Assert.Equal("Côte d’Ivoire", await _store.RunAsync<HubDbContext, string>(db => db.Countries.Where(c => c.Iso2 == "CI").Select(c => c.Name).SingleAsync()));
        Assert.Equal(Region("014", "zh"), await Labels(l => l.Find(TaxonomyKinds.Region, "014", "zh")));
        Assert.Equal(Region("419", "ru"), await Labels(l => l.Find(Facets.Subregion, "419", "ru")));
        Assert.Equal(Goal("6", "ar"), await Labels(l => l.Find(TaxonomyKinds.Sdg, "6", "ar")));
        Assert.Equal(Goal("6", "en"), await Labels(l => l.Find(TaxonomyKinds.Sdg, "6", "en")));
        Assert.Equal("Pays les moins avancés", await Labels(l => l.Find(TaxonomyKinds.Group, "LDC", "fr")));

        // A culture name counts as its language; an unknown language falls back to English.
        Assert.Equal(Goal("6", "zh"), await Labels(l => l.Find(TaxonomyKinds.Sdg, "6", "zh-Hans")));
        Assert.Equal(Goal("6", "en"), await Labels(l => l.Find(TaxonomyKinds.Sdg, "6", "de")));
        Assert.Null(await Labels(l => l.Find(TaxonomyKinds.Country, "XX", "fr")));
    }

    [Fact]
    public async Task Region_and_goal_labels_match_the_source_files_in_every_language()
    {
        var wrong = new List<string>();
        var (regions, goals) = (0, 0);
        foreach (var row in ReferenceData.Csv("i18n/m49_regions_6lang.csv"))
        {
            regions++;
            var label = await Labels(l => l.Find(TaxonomyKinds.Region, row["m49_code"], row["lang"]));
            if (label != ReferenceData.Clean(row["name"]))
            {
                wrong.Add($"region {row["m49_code"]}/{row["lang"]}: '{label}'");
            }
        }

        foreach (var row in ReferenceData.Csv("i18n/sdg_goals_6lang.csv"))
        {
            goals++;
            var label = await Labels(l => l.Find(TaxonomyKinds.Sdg, row["goal"], row["lang"]));
            if (label != ReferenceData.Clean(row["short_title"]))
            {
                wrong.Add($"sdg {row["goal"]}/{row["lang"]}: '{label}'");
            }
        }

        // Every region of the store and every goal, in six languages: a short or empty source file would compare nothing.
        var stored = await _store.RunAsync<HubDbContext, int>(db => db.Regions.CountAsync());
        Assert.Equal((6 * stored, 6 * 17), (regions, goals));
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public async Task Seeding_again_restores_the_labels_and_the_cache_follows_the_store()
    {
        var before = await _store.RunAsync<HubDbContext, int>(db => db.TaxonomyLabels.CountAsync());
        Assert.Equal("Kenya", await Labels(l => l.Find(TaxonomyKinds.Country, "KE", "fr")));
        await _store.RunAsync<HubDbContext>(async db =>
        {
            var label = await db.TaxonomyLabels.SingleAsync(l => l.Kind == TaxonomyKinds.Country && l.Value == "KE" && l.Language == "fr");
            label.Text = "changed";
            await db.SaveChangesAsync();
        });

        // Read once and kept until invalidated.
        Assert.Equal("Kenya", await Labels(l => l.Find(TaxonomyKinds.Country, "KE", "fr")));
        await _store.RunAsync<TaxonomyLabels>(labels => { labels.Invalidate(); return Task.CompletedTask; });
        Assert.Equal("changed", await Labels(l => l.Find(TaxonomyKinds.Country, "KE", "fr")));

        // The seeder puts the seed's label back and invalidates the cache itself.
        await _store.RunAsync<TaxonomySeeder>(s => s.SeedAsync());

        Assert.Equal(before, await _store.RunAsync<HubDbContext, int>(db => db.TaxonomyLabels.CountAsync()));
        Assert.Equal("Kenya", await Labels(l => l.Find(TaxonomyKinds.Country, "KE", "fr")));
    }
}
