using Microsoft.Playwright;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Browser;

/// <summary>
/// The fixture content plus one Arabic entry whose title mixes scripts and whose target is <c>6.b</c>, the code the
/// bidirectional algorithm scrambles ("b (1).6") when nothing isolates it.
/// </summary>
public sealed class RtlContentHubFactory : HubFactory
{
    private readonly string _content = CopyWithArabicEntry();

    public override string ContentPath => _content;

    private static string CopyWithArabicEntry()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "content");
        var target = TestPaths.NewTemporaryFolder();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        File.WriteAllText(Path.Combine(target, "use-cases", "jordan-water.md"), """
            ---
            pid: UC-2026-00990
            uuid: 3f1c2a9e-6b2d-4c1e-9a57-0d8e5b7c4a11
            slug: jordan-water
            title: "عدادات مياه ذكية بتقنية LoRaWAN في الأردن منذ 2021"
            summary: "تقرأ العدادات الاستهلاك كل ساعة وتبلغ عن التسرب عبر شبكة LoRaWAN."
            language: ar
            verticals: [water]
            countries: [JO]
            sdgs: [6]
            sdg_targets: ["6.b"]
            technologies: [LoRaWAN, Smart meters]
            standards: ["ITU-T Y.4900"]
            stage: pilot
            start_year: 2021
            organizations:
              submitter: Fixture Utility
            sources:
              - https://example.org/jordan-water
            interoperability: |
              تستخدم الشبكة معيار oneM2M.
            data_and_identifiers: |
              معرفات العدادات.
            security_and_trust: |
              لا تذكر المصادر الأمن.
            lessons_learned: |
              ابدأ بمشروع تجريبي.
            ---
            تقرأ العدادات استهلاك المياه كل ساعة.
            """);
        return target;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                TestPaths.DeleteTemporaryFolder(_content);
            }
            catch (IOException)
            {
                // Left for the OS to clean; the result does not depend on it.
            }
        }
    }
}

public sealed class RtlBrowserFixture() : BrowserFixture(new RtlContentHubFactory());

/// <summary>Issue 13, items 4 and 5: the Arabic search page mirrored and readable, and the search page on a phone.</summary>
public sealed class PhoneAndRtlInBrowserTests(RtlBrowserFixture browser) : IClassFixture<RtlBrowserFixture>
{
    private async Task<IPage> PageAsync(int width, int height, bool javaScript = true)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseAddress,
            ViewportSize = new() { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
        });
        return await context.NewPageAsync();
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} has no box");

    [Fact]
    public async Task The_arabic_search_page_is_mirrored_and_its_counts_and_target_codes_read_in_order()
    {
        var page = await PageAsync(1280, 900);
        await page.GotoAsync("/ar/search?sdg=6");

        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        // Mirrored: the filters stand right of the results, and text starts at the right edge.
        var facets = await BoxAsync(page.Locator(".facets"));
        var results = await BoxAsync(page.Locator(".results"));
        Assert.True(facets.X > results.X + results.Width - 1, $"facets at {facets.X} should be right of the results ({results.X}+{results.Width})");
        var count = await BoxAsync(page.Locator(".result-count bdi"));
        Assert.True(Math.Abs(count.X + count.Width - (results.X + results.Width)) < 2, "the result count is right-aligned");
        // "results Sort by ... 36": the count and the sort links are separate runs, the count first (rightmost).
        var sorts = await BoxAsync(page.Locator(".result-count .sorts"));
        Assert.True(sorts.X + sorts.Width <= count.X + 1, $"sort links ({sorts.X}+{sorts.Width}) should be left of the count ({count.X})");

        // "6.b (1)", not "b (1).6": the code reads 6 then b from left to right, and the count stands after the code
        // in reading order, which is to its left in Arabic.
        var target = page.Locator(".facet[data-facet=sdg] a[href*='target=6.b']");
        var code = await BoxAsync(target.Locator("bdi").First);
        var number = await BoxAsync(target.Locator("bdi.count"));
        Assert.True(number.X + number.Width <= code.X + 1, $"the count ({number.X}) should be left of the code ({code.X})");
        var order = await target.Locator("bdi").First.EvaluateAsync<double[]>("""
            e => {
              const text = e.firstChild, range = document.createRange(), x = i => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().x; };
              return [x(0), x(2)];
            }
            """);
        Assert.Equal("6.b", await target.Locator("bdi").First.InnerTextAsync());
        Assert.True(order[0] < order[1], $"'6' at {order[0]} should be left of 'b' at {order[1]}");
        Assert.Equal("(1)", await target.Locator("bdi.count").EvaluateAsync<string>(
            "e => getComputedStyle(e, '::before').content.replaceAll('\"', '') + e.textContent + getComputedStyle(e, '::after').content.replaceAll('\"', '')"));

        // A mixed-direction title runs right to left from its first letter, with its Latin word and year in place.
        var title = page.Locator(".search-hit h3", new() { HasTextString = "LoRaWAN" });
        Assert.Equal("rtl", await title.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Equal("ltr", await page.Locator(".search-hit .kind bdi").First.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
    }

    [Fact]
    public async Task On_a_phone_the_first_result_is_above_the_fold_and_the_filters_open_from_a_disclosure_without_javascript()
    {
        var page = await PageAsync(390, 844, javaScript: false);
        await page.GotoAsync("/search?q=water&sdg=6");

        var first = await BoxAsync(page.Locator(".search-hit").First);
        Assert.True(first.Y < 844, $"the first result starts at {first.Y}px, below the fold");
        var summary = page.Locator("details.filters > summary");
        Assert.Equal("Filters (1)", (await summary.InnerTextAsync()).Trim());
        Assert.False(await page.Locator(".facets").IsVisibleAsync());

        await summary.ClickAsync();

        Assert.True(await page.Locator(".facets").IsVisibleAsync());
        var targets = new List<(string, double)>();
        foreach (var selector in new[] { ".facets a", ".chips a", "details.filters > summary", ".facets .more summary", ".site-search input", ".site-search button", ".search-form button" })
        {
            foreach (var element in await page.Locator(selector).AllAsync())
            {
                if (await element.BoundingBoxAsync() is { } box)
                {
                    targets.Add(($"{selector} '{(await element.InnerTextAsync()).Trim()}'", box.Height));
                }
            }
        }

        Assert.Contains(targets, t => t.Item1.StartsWith(".facets a", StringComparison.Ordinal));
        Assert.Contains(targets, t => t.Item1.StartsWith(".chips a", StringComparison.Ordinal));
        var small = targets.Where(t => t.Item2 < 44).ToList();
        Assert.True(small.Count == 0, "touch targets under 44px: " + string.Join("; ", small.Select(t => $"{t.Item1} {t.Item2}px")));
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the screen");
    }

    [Fact]
    public async Task On_a_wide_screen_the_filters_stand_open_without_a_click()
    {
        var page = await PageAsync(1280, 900, javaScript: false);
        await page.GotoAsync("/search?q=water");

        Assert.True(await page.Locator(".facets").IsVisibleAsync());
        Assert.False(await page.Locator("details.filters > summary").IsVisibleAsync());
        var facets = await BoxAsync(page.Locator(".facets"));
        var results = await BoxAsync(page.Locator(".results"));
        Assert.True(facets.X + facets.Width <= results.X, "the filters stand beside the results, at the start");
    }

    [Fact]
    public async Task The_header_language_switcher_keeps_the_search_and_its_filters()
    {
        var page = await PageAsync(390, 844, javaScript: false);
        await page.GotoAsync("/search?q=water&sdg=6");

        await page.Locator(".language-switcher summary").ClickAsync();
        await page.Locator(".language-switcher a[hreflang=ar]").ClickAsync();

        Assert.EndsWith("/ar/search?q=water&sdg=6", page.Url, StringComparison.Ordinal);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal(1, await page.Locator(".chips a:not(.clear)").CountAsync());
    }
}
