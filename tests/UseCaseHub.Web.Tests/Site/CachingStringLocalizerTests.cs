using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UseCaseHub.Web.Localization;

namespace UseCaseHub.Web.Tests.Site;

/// <summary>The cache in front of the resource files answers each UI culture with that culture's string, as the files do.</summary>
public sealed class CachingStringLocalizerTests
{
    private static readonly ResourceManagerStringLocalizerFactory Files =
        new(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    [Fact]
    public void Each_culture_gets_its_own_string_and_formats_by_its_own_rules_however_often_asked()
    {
        var cached = new CachingStringLocalizerFactory(Files).Create(typeof(SharedResource));
        var files = Files.Create(typeof(SharedResource));
        var asked = new List<(string Culture, string Cached, string Files)>();
        foreach (var culture in new[] { "fr", "en", "ar", "fr", "zh", "en", "ru", "es", "fr" })
        {
            using var _ = new CultureScope(culture);
            asked.Add((culture, cached["Search"].Value, files["Search"].Value));
            asked.Add((culture, cached["Page {0} of {1}", 1234, 5678].Value, files["Page {0} of {1}", 1234, 5678].Value));
        }

        Assert.All(asked, a => Assert.Equal(a.Files, a.Cached));
        Assert.Contains(asked, a => a is { Culture: "fr", Cached: "Rechercher" });
        Assert.Contains(asked, a => a is { Culture: "en", Cached: "Search" });
        Assert.True(asked.Select(a => a.Cached).Distinct().Count() >= 12, "the cultures' strings differ");
    }

    [Fact]
    public void Every_localizer_of_one_resource_file_shares_one_cache()
    {
        // IStringLocalizer<T> and the view localizer ask the factory on every request: a cache per call caches nothing.
        var factory = new CachingStringLocalizerFactory(Files);

        var first = factory.Create(typeof(SharedResource));
        var again = factory.Create(typeof(SharedResource));

        Assert.Same(first, again);
        Assert.NotSame(first, new CachingStringLocalizerFactory(Files).Create(typeof(SharedResource)));
    }

    [Fact]
    public void A_name_no_resource_has_comes_back_as_itself_marked_not_found()
    {
        var cached = new CachingStringLocalizerFactory(Files).Create(typeof(SharedResource));
        using var _ = new CultureScope("fr");

        var missing = cached["No such resource {0}", 7];

        Assert.True(missing.ResourceNotFound);
        Assert.Equal("No such resource 7", missing.Value);
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _ui = CultureInfo.CurrentUICulture;

        public CultureScope(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _ui);
    }
}
