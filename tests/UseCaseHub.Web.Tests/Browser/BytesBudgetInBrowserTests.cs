using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace UseCaseHub.Web.Tests.Browser;

/// <summary>
/// What a reader on a costly connection pays, measured on the wire by chromium (encoded bytes, headers included, of
/// every response the page needed): the search page with facets at most 50 KB on a first visit and 15 KB on a repeat
/// visit (fingerprinted files from the cache, the page answered 304), an entry page at most 40 KB plus its images,
/// in every language.
/// </summary>
public sealed class BytesBudgetInBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int SearchFirst = 50 * 1024;
    private const int SearchRepeat = 15 * 1024;
    private const int EntryFirst = 40 * 1024;

    public static TheoryData<string> Languages => new() { "", "/fr", "/es", "/ar", "/ru", "/zh" };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_search_page_with_facets_fits_its_budget_first_and_again(string prefix)
    {
        var meter = await WireMeter.OpenAsync(browser);
        var path = prefix + "/search?q=water&sdg=6&facetLimit=20";

        var first = await meter.VisitAsync(path);
        var repeat = await meter.VisitAsync(path);

        output.WriteLine($"{path}: first visit {first.Total} bytes in {first.Responses} responses, repeat visit {repeat.Total} bytes in {repeat.Responses}");
        Assert.True(first.Responses >= 3, $"the page, its stylesheet and its script were measured ({first.Responses} responses)");
        Assert.True(first.Total <= SearchFirst, $"{path}: {first.Total} bytes on a first visit, budget {SearchFirst}");
        Assert.True(repeat.Total <= SearchRepeat, $"{path}: {repeat.Total} bytes on a repeat visit, budget {SearchRepeat}");
        Assert.True(repeat.Total < first.Total / 3, $"a repeat visit ({repeat.Total}) reuses what the first ({first.Total}) fetched");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_entry_page_fits_its_budget(string prefix)
    {
        var meter = await WireMeter.OpenAsync(browser);
        var path = prefix + "/use-cases/kenya-water";

        var first = await meter.VisitAsync(path);

        output.WriteLine($"{path}: first visit {first.Total} bytes ({first.Images} of them images) in {first.Responses} responses");
        Assert.True(first.Total - first.Images <= EntryFirst, $"{path}: {first.Total - first.Images} bytes besides images, budget {EntryFirst}");
    }

    /// <summary>One browser context (one cache) and the Chrome DevTools Protocol's count of encoded bytes per response.</summary>
    private sealed class WireMeter
    {
        private readonly IPage _page;
        private readonly Dictionary<string, (long Bytes, bool Image)> _requests = [];
        private readonly Dictionary<string, string> _types = [];

        private WireMeter(IPage page) => _page = page;

        public static async Task<WireMeter> OpenAsync(BrowserFixture browser)
        {
            var page = await browser.NewPageAsync();
            var meter = new WireMeter(page);
            var session = await page.Context.NewCDPSessionAsync(page);
            session.Event("Network.responseReceived").OnEvent += (_, e) => meter.Typed(e);
            session.Event("Network.loadingFinished").OnEvent += (_, e) => meter.Finished(e);
            await session.SendAsync("Network.enable");
            return meter;
        }

        public async Task<(long Total, long Images, int Responses)> VisitAsync(string path)
        {
            lock (_requests)
            {
                _requests.Clear();
            }

            var response = await _page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            // A small error page would fit any budget: only the page itself counts.
            Assert.True(response is { Ok: true } or { Status: 304 }, $"{path}: {response?.Status}");
            lock (_requests)
            {
                var counted = _requests.Values.Where(r => r.Bytes > 0).ToList();
                return (counted.Sum(r => r.Bytes), counted.Where(r => r.Image).Sum(r => r.Bytes), counted.Count);
            }
        }

        private void Typed(JsonElement? e)
        {
            if (e is { } json)
            {
                lock (_requests)
                {
                    _types[json.GetProperty("requestId").GetString()!] = json.GetProperty("type").GetString() ?? "";
                }
            }
        }

        private void Finished(JsonElement? e)
        {
            if (e is { } json)
            {
                lock (_requests)
                {
                    var id = json.GetProperty("requestId").GetString()!;
                    var image = _types.TryGetValue(id, out var type) && type == "Image";
                    _requests[id] = ((long)json.GetProperty("encodedDataLength").GetDouble(), image);
                }
            }
        }
    }
}
