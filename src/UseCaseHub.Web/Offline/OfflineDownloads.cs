using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Exports;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Offline;

/// <summary>One built download: the zip's bytes, how many entries it holds and how many the search found.</summary>
public sealed record OfflinePackage(byte[] Zip, int Entries, long Total, string FileName);

/// <summary>
/// Built zips, kept briefly with a size limit (its own cache, so no other cache user has to give sizes). The page states
/// a zip's exact size and the download serves the same bytes; after expiry the zip is rebuilt, byte for byte the same
/// while the entries are unchanged (fixed file times).
/// </summary>
public sealed class OfflineCache(IOptions<OfflineOptions> options) : IDisposable
{
    public MemoryCache Zips { get; } = new(new MemoryCacheOptions { SizeLimit = options.Value.CacheBytes });

    public TimeSpan Keep { get; } = TimeSpan.FromSeconds(options.Value.CacheSeconds);

    /// <summary>Turns to build a zip (<see cref="OfflineOptions.MaxConcurrentBuilds"/>).</summary>
    public SemaphoreSlim Builds { get; } = new(options.Value.MaxConcurrentBuilds, options.Value.MaxConcurrentBuilds);

    /// <summary>How long a request waits for a turn before it is told to come back.</summary>
    public static TimeSpan WaitForTurn { get; } = TimeSpan.FromSeconds(5);

    public void Dispose()
    {
        Zips.Dispose();
        Builds.Dispose();
    }
}

/// <summary>
/// Builds the "download for offline" zip of a search: every page of the search through <see cref="ISearchEngine"/> up to
/// <see cref="OfflineOptions.MaxEntries"/>, the entries read back under the same visibility rule as search, written as
/// <c>index.html</c>, <c>entries/&lt;slug&gt;.html</c> and <c>entries/&lt;slug&gt;.md</c>.
/// </summary>
public sealed class OfflineDownloads(
    ISearchEngine engine, HubDbContext db, OfflineHtml html, OfflineCache cache, IOptions<OfflineOptions> options,
    IOptions<SiteOptions> site, TimeProvider clock)
{
    /// <summary>The search's zip, built or kept; null when every turn to build one is taken (the caller answers 503).</summary>
    public async Task<OfflinePackage?> GetAsync(SearchRequest request, HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The reader's address with its language prefix, as the site's citation links.
        var siteBase = site.Value.PublicBaseFor(http);
        var key = Key(request, siteBase, today);
        if (cache.Zips.TryGetValue(key, out OfflinePackage? kept) && kept is not null)
        {
            return kept;
        }

        if (!await cache.Builds.WaitAsync(OfflineCache.WaitForTurn, cancellationToken))
        {
            return null;
        }

        try
        {
            // Another request may have built the same zip while this one waited.
            if (cache.Zips.TryGetValue(key, out kept) && kept is not null)
            {
                return kept;
            }

            var package = await BuildAsync(request, http, siteBase, today, cancellationToken);
            cache.Zips.Set(key, package, new MemoryCacheEntryOptions { Size = package.Zip.Length, AbsoluteExpirationRelativeToNow = cache.Keep });
            return package;
        }
        finally
        {
            cache.Builds.Release();
        }
    }

    /// <summary>
    /// What decides the zip's bytes and nothing else (paging, facet options do not): the words, filters, sort, reader's
    /// culture, audience, site address and day (the file name and index carry the date).
    /// </summary>
    private static string Key(SearchRequest request, Uri siteBase, DateOnly today)
    {
        var key = new StringBuilder()
            .Append(CultureInfo.CurrentUICulture.Name).Append('\n')
            .Append(request.Audience.SeesEverything).Append('|').Append(request.Audience.Organization).Append('\n')
            .Append(siteBase.AbsoluteUri).Append('\n').Append(today.ToString("O", CultureInfo.InvariantCulture)).Append('\n')
            .Append(request.Sort).Append('\n').Append(request.Query.Trim()).Append('\n');
        foreach (var (facet, values) in request.Filters.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            key.Append(facet).Append('=').AppendJoin(',', values.Order(StringComparer.Ordinal)).Append('\n');
        }

        return key.ToString();
    }

    private async Task<OfflinePackage> BuildAsync(SearchRequest request, HttpRequest http, Uri siteBase, DateOnly today, CancellationToken cancellationToken)
    {
        var (ids, total) = await HitsAsync(request, cancellationToken);
        var entries = await HitEntries.LoadAsync(db, ids, request.Audience, cancellationToken);
        var files = FileNames(entries);
        var searchUrl = new Uri(siteBase, "search" + OfflineLinks.QueryString(http.Query)).AbsoluteUri;

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var day = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            Add(zip, "index.html", html.Index(new OfflineListing(request.Query, files, total, today, searchUrl)), day);
            foreach (var (entry, file) in files)
            {
                // Fixed times (the entry's last change), so the same entries give the same bytes.
                var changed = entry.UpdatedAt.Year >= 1980 ? entry.UpdatedAt : day;
                Add(zip, $"entries/{file}.html", html.Entry(entry, new Uri(siteBase, $"id/{entry.Pid}")), changed);
                // The content file as the export writes it, without the contact address, which the site does not show either.
                entry.Contact = null;
                Add(zip, $"entries/{file}.md", ContentExporter.ToMarkdown(entry), changed);
            }
        }

        return new OfflinePackage(buffer.ToArray(), files.Count, total, FileName(request.Query, today));
    }

    /// <summary>Every page of the search, best first, until the cap: the engine pages at most 100 hits at a time.</summary>
    private async Task<(List<Guid> Ids, long Total)> HitsAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxEntries;
        var size = options.Value.SearchPageSize;
        var ids = new List<Guid>();
        var seen = new HashSet<Guid>();
        long total = 0;
        for (var page = 1; ids.Count < max; page++)
        {
            var result = await engine.SearchAsync(request with
            {
                Page = page,
                PageSize = size,
                Facets = [],
                Highlight = false,
            }, cancellationToken);
            total = result.Total;
            foreach (var hit in result.Hits.Where(h => seen.Add(h.Id)).Take(max - ids.Count))
            {
                ids.Add(hit.Id);
            }

            if (result.Hits.Count < size || (long)page * size >= total)
            {
                break;
            }
        }

        return (ids, total);
    }

    /// <summary>File names from slugs (a use case and a best practice may share one: the second gets its identifier appended).</summary>
    private static List<(Entry Entry, string File)> FileNames(List<Entry> entries)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<(Entry, string)>();
        foreach (var entry in entries)
        {
            var stem = Slug(entry.Slug, entry.Pid.ToLowerInvariant());
            var name = stem;
            // The identifier is unique, but another slug may already read "x-uc-2026-00043": count on until the name is free.
            for (var n = 1; !used.Add(name); n++)
            {
                name = n == 1 ? $"{stem}-{entry.Pid.ToLowerInvariant()}" : $"{stem}-{entry.Pid.ToLowerInvariant()}-{n}";
            }

            files.Add((entry, name));
        }

        return files;
    }

    /// <summary><c>usecasehub-water-metering-2026-11-30.zip</c>: the query's ASCII words, else <c>search</c>.</summary>
    public static string FileName(string query, DateOnly day) =>
        $"usecasehub-{Slug(query, "search", 40)}-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.zip";

    /// <summary>Lower-case ASCII letters and digits joined by hyphens: safe as a path in a zip and as a file name anywhere.</summary>
    private static string Slug(string text, string fallback, int max = 100)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        result = result.Length > max ? result[..max].TrimEnd('-') : result;
        return result.Length == 0 ? fallback : result;
    }

    private static void Add(ZipArchive zip, string name, string text, DateTimeOffset time)
    {
        var file = zip.CreateEntry(name, CompressionLevel.Optimal);
        file.LastWriteTime = time;
        using var stream = file.Open();
        var bytes = new UTF8Encoding(false).GetBytes(text);
        stream.Write(bytes);
    }
}
