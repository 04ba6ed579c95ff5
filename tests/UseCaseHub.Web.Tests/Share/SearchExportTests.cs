using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Share;

/// <summary>share: a search's results as CSV and JSON (<c>/search/export.csv|json</c>, <c>/api/search/export</c>).</summary>
public sealed class SearchExportTests(ShareFactory factory) : IClassFixture<ShareFactory>
{
    private const string DraftPid = "UC-2026-00005";
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>Every hit of a search through /api/search, page after page: (total, pids in order).</summary>
    private async Task<(long Total, List<string> Pids)> ApiAsync(string query, Caller? caller = null)
    {
        var pids = new List<string>();
        long total;
        var page = 1;
        do
        {
            using var document = JsonDocument.Parse(await ShareHttp.TextAsync(_client, $"/api/search?{query}&pageSize=5&page={page}&facets=type", caller));
            total = document.RootElement.GetProperty("total").GetInt64();
            pids.AddRange(document.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("url").GetString()!));
            page++;
        }
        while (pids.Count < total);

        return (total, pids);
    }

    private static List<List<string>> Csv(string text)
    {
        Assert.StartsWith("\uFEFF", text, StringComparison.Ordinal);
        return CsvText.Parse(text[1..]);
    }

    private async Task<List<List<string>>> CsvAsync(string url, Caller? caller = null)
    {
        using var response = await ShareHttp.GetAsync(_client, url, caller);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // ReadAsStringAsync drops a byte order mark: read the bytes to see it.
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return Csv(new System.Text.UTF8Encoding(false).GetString(bytes));
    }

    [Theory]
    [InlineData("sort=title")]
    [InlineData("q=agriculture&sort=newest")]
    [InlineData("type=use-case&sdg=6")]
    [InlineData("q=water")]
    [InlineData("country=KE&sort=title")]
    public async Task Csv_and_json_hold_every_result_of_every_page_in_search_order(string query)
    {
        var (total, urls) = await ApiAsync(query);
        Assert.True(total > 0, query);
        var csv = await CsvAsync($"/search/export.csv?{query}");
        Assert.Equal(ExportColumns, csv[0]);
        var rows = csv.Skip(1).ToList();
        Assert.Equal(total, rows.Count);
        Assert.Equal(urls, rows.Select(r => new Uri(r[6]).AbsolutePath));

        using var json = JsonDocument.Parse(await ShareHttp.TextAsync(_client, $"/search/export.json?{query}"));
        Assert.Equal(total, json.RootElement.GetProperty("total").GetInt64());
        Assert.Equal(total, json.RootElement.GetProperty("count").GetInt64());
        Assert.False(json.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal(urls, json.RootElement.GetProperty("rows").EnumerateArray().Select(r => new Uri(r.GetProperty("url").GetString()!).AbsolutePath));

        // The API door answers the same rows.
        var api = Csv(new System.Text.UTF8Encoding(false).GetString(await _client.GetByteArrayAsync(new Uri($"/api/search/export?{query}&format=csv", UriKind.Relative))));
        Assert.Equal(csv, api);
    }

    [Fact]
    public async Task Sort_title_lists_more_results_than_several_engine_pages()
    {
        var csv = await CsvAsync("/search/export.csv?sort=title");
        // 4 hits per engine call in this host: the fixture's 25-odd public entries take several calls.
        Assert.True(csv.Count - 1 > 12, $"{csv.Count - 1} rows");
        Assert.Equal(csv.Count - 1, csv.Skip(1).Select(r => r[0]).Distinct().Count());
    }

    [Fact]
    public async Task Commas_quotes_line_breaks_arabic_and_chinese_survive_the_csv()
    {
        using var response = await ShareHttp.GetAsync(_client, "/search/export.csv?country=CN");
        var text = new System.Text.UTF8Encoding(false).GetString(await response.Content.ReadAsByteArrayAsync());
        // Quoted as RFC 4180 says: the whole field in quotes, inner quotes doubled, the line break kept inside.
        Assert.Contains("\"城市水表, \"\"智能\"\" 试点 — عدادات المياه الذكية\"", text, StringComparison.Ordinal);
        Assert.Contains("\"First line, with a comma and \"\"quotes\"\".\nSecond line: 中文 and العربية.\"", text, StringComparison.Ordinal);
        var row = Assert.Single(Csv(text).Skip(1));
        Assert.Equal(ShareFactory.QuotingPid, row[0]);
        Assert.Equal(ShareFactory.QuotingTitle, row[3]);
        Assert.Equal(ShareFactory.QuotingSummary, row[4]);
        Assert.Equal("zh", row[5]);

        using var json = JsonDocument.Parse(await ShareHttp.TextAsync(_client, "/search/export.json?country=CN"));
        var item = Assert.Single(json.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal(ShareFactory.QuotingTitle, item.GetProperty("title").GetString());
        Assert.Equal(ShareFactory.QuotingSummary, item.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Drafts_are_exported_only_to_those_who_may_see_them()
    {
        // What the public may not see, from the store: every entry not in a public status, and its translations.
        List<string> hiddenPids, hiddenTitles;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var hidden = await db.Entries.AsNoTracking().Where(e => e.RevisionOfId == null && !EntryStatuses.Public.Contains(e.Status))
                .Select(e => new { e.Id, e.Pid, e.Title }).ToListAsync();
            var ids = hidden.Select(e => e.Id).ToList();
            hiddenPids = [.. hidden.Select(e => e.Pid)];
            hiddenTitles = [.. hidden.Select(e => e.Title), .. await db.EntryTranslations.AsNoTracking().Where(t => ids.Contains(t.EntryId)).Select(t => t.Title).ToListAsync()];
        }

        Assert.Contains(DraftPid, hiddenPids);
        Assert.Contains(hiddenTitles, t => t.Contains("brouillon", StringComparison.OrdinalIgnoreCase));
        foreach (var url in new[] { "/search/export.csv?q=draft", "/search/export.csv?sort=title", "/api/search/export?format=csv&q=draft", "/fr/search/export.csv?q=brouillon" })
        {
            var anonymous = await CsvAsync(url);
            Assert.DoesNotContain(anonymous.Skip(1), r => hiddenPids.Contains(r[0]) || hiddenTitles.Contains(r[3]));
        }

        foreach (var url in new[] { "/search/export.json?q=draft", "/fr/search/export.json?q=brouillon", "/search/export.json?sort=title" })
        {
            var json = await ShareHttp.TextAsync(_client, url);
            Assert.All(hiddenPids, pid => Assert.DoesNotContain(pid, json, StringComparison.Ordinal));
            using var document = JsonDocument.Parse(json);
            Assert.DoesNotContain(document.RootElement.GetProperty("rows").EnumerateArray(), r => hiddenTitles.Contains(r.GetProperty("title").GetString()!));
        }

        // A curator sees the draft through the same door: the test above could fail.
        var curator = await CsvAsync("/search/export.csv?q=draft", Caller.Curator);
        Assert.Contains(curator.Skip(1), r => r[0] == DraftPid);
    }

    [Fact]
    public async Task Headers_name_the_file_the_total_and_the_cap_and_keep_it_out_of_shared_caches()
    {
        using var response = await ShareHttp.GetAsync(_client, "/search/export.csv?q=water");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Matches(@"^usecasehub-water-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var (total, _) = await ApiAsync("q=water");
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("X-Result-Total").Single());
        Assert.Equal("10000", response.Headers.GetValues("X-Export-Limit").Single());
        Assert.Equal("false", response.Headers.GetValues("X-Export-Truncated").Single());

        using var json = await ShareHttp.GetAsync(_client, "/api/search/export?q=water");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".json", json.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/search/export.json?sort=title")]
    [InlineData("/search/export.csv?sort=title")]
    [InlineData("/api/search/export?format=json&sort=title")]
    public async Task Compressed_answers_arrive_whole(string url)
    {
        // Browsers ask for compression: the compressing stream refuses synchronous writes, so every write must be async.
        using var response = await ShareHttp.GetAsync(_client, url, configure: r => r.Headers.AcceptEncoding.ParseAdd("gzip"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentEncoding.Contains("gzip"))
        {
            using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await unzip.CopyToAsync(plain);
            bytes = plain.ToArray();
        }

        var text = new System.Text.UTF8Encoding(false).GetString(bytes);
        var (total, _) = await ApiAsync("sort=title");
        var rows = url.Contains("csv", StringComparison.Ordinal)
            ? CsvText.Parse(text.TrimStart('\uFEFF')).Count - 1
            : JsonDocument.Parse(text).RootElement.GetProperty("rows").GetArrayLength();
        Assert.Equal(total, rows);
    }

    [Fact]
    public async Task Labels_follow_the_readers_language()
    {
        var english = await CsvAsync("/search/export.csv?country=KE&sort=title");
        var french = await CsvAsync("/fr/search/export.csv?country=KE&sort=title");
        var sdgs = english[0].IndexOf("sdgs");
        Assert.Contains(english.Skip(1), r => r[sdgs].Contains("6 Clean water", StringComparison.Ordinal));
        Assert.Contains(french.Skip(1), r => r[sdgs].Contains("6 Eau propre", StringComparison.Ordinal));
        var viaLang = await CsvAsync("/api/search/export?format=csv&country=KE&sort=title&lang=es");
        Assert.Contains(viaLang.Skip(1), r => r[sdgs].Contains("6 Agua Limpia", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/search/export?format=xml", "format")]
    [InlineData("/api/search/export?sdg=99", "sdg")]
    [InlineData("/api/search/export?lang=de", "lang")]
    public async Task Bad_parameters_are_problems_on_the_api(string url, string parameter)
    {
        using var response = await ShareHttp.GetAsync(_client, url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Bad_parameters_on_the_site_get_the_friendly_page()
    {
        using var response = await ShareHttp.GetAsync(_client, "/search/export.csv?sdg=99");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_search_page_links_to_both_exports_with_its_parameters()
    {
        var page = await ShareHttp.TextAsync(_client, "/search?q=water&sdg=6&page=1");
        Assert.Contains("href=\"/search/export.csv?q=water&amp;sdg=6\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/search/export.json?q=water&amp;sdg=6\"", page, StringComparison.Ordinal);
    }

    internal static readonly string[] ExportColumns =
    [
        "pid", "id", "type", "title", "summary", "language", "url", "identifier", "verticals", "sdgs", "targets", "countries",
        "technologies", "standards", "stage", "startYear", "organization", "published", "licence",
    ];
}

/// <summary>share: an export larger than the configured cap stops there and says so.</summary>
public sealed class CappedSearchExportTests(CappedShareFactory factory) : IClassFixture<CappedShareFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task The_cap_is_kept_and_announced()
    {
        using var response = await ShareHttp.GetAsync(_client, "/search/export.csv?sort=title");
        Assert.Equal("true", response.Headers.GetValues("X-Export-Truncated").Single());
        Assert.Equal("3", response.Headers.GetValues("X-Export-Limit").Single());
        var rows = CsvText.Parse((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        Assert.Equal(4, rows.Count);

        using var json = JsonDocument.Parse(await ShareHttp.TextAsync(_client, "/search/export.json?sort=title"));
        Assert.True(json.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal(3, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("total").GetInt64() > 3);
    }
}
