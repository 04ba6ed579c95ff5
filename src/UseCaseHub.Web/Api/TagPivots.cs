using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Api;

/// <summary>
/// The tag pivot a spreadsheet asks of <c>EntryTags</c> (<c>$apply=filter(Facet eq 'sdg')/groupby((Code[,Label]),aggregate($count as N))</c>),
/// answered from the search engine's facet counts instead of grouping every tag link in SQL: one place for counts (the
/// site's facets, <c>/api/search</c> and this pivot count alike), for the caller's audience (<see cref="SearchAudience.Of"/>,
/// the rule the API's context filters with), in milliseconds at 100,000 entries. Any other shape, option or header (a format
/// other than minimal-metadata JSON: see <see cref="TakesMinimalJson"/>) falls back to the store's grouping; so do pivots with
/// more groups than one page. Groups come ordered by code, then label, compared ordinally (as <c>$orderby=Code</c> on SQLite). Labels come from the store's taxonomy
/// tables (the same names the store's grouping returns), and a code with no row there is left out as the store's join would.
/// The engine counts what it has indexed: a change still in the search outbox shows a moment later.
/// </summary>
public sealed partial class TagPivots(ISearchEngine engine, ApiDbContext db, IOptions<ApiOptions> options)
{
    [GeneratedRegex(@"^\s*filter\(\s*Facet\s+eq\s+'(?<facet>[a-z]+)'\s*\)\s*/\s*groupby\(\s*\(\s*Code\s*(?<label>,\s*Label\s*)?\)\s*,\s*aggregate\(\s*\$count\s+as\s+(?<alias>[A-Za-z_][A-Za-z0-9_]{0,63})\s*\)\s*\)\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pivot();

    /// <summary>The pivot's answer, or null when the request is not the pivot (the caller then lets the store answer).</summary>
    public async Task<IActionResult?> TryAnswerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query.Count != 1 || !request.Query.TryGetValue("$apply", out var apply) || apply.Count != 1
            || request.Headers.ContainsKey("Prefer") || !TakesMinimalJson(request.Headers) || Pivot().Match(apply.ToString()) is not { Success: true } match)
        {
            return null;
        }

        var facet = match.Groups["facet"].Value;
        if (await LabelsAsync(facet, cancellationToken) is not { } labels)
        {
            return null;
        }

        var result = await engine.SearchAsync(new SearchRequest
        {
            Facets = [facet],
            FacetChildren = FacetChildren.Selected,
            Sort = SearchSort.Newest,
            PageSize = 1,
            Highlight = false,
            Audience = SearchAudience.Of(request.HttpContext.User),
        }, cancellationToken);
        // The order the store's grouping gives: by code, then label (ordinal, as SQLite compares text).
        var rows = (result.Facets.TryGetValue(facet, out var values) ? values : [])
            .Where(v => v.Count > 0 && labels.ContainsKey(v.Value))
            .Select(v => (Code: v.Value, Label: labels[v.Value], v.Count))
            .OrderBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();
        if (rows.Count > options.Value.PageSize)
        {
            return null;
        }

        var withLabel = match.Groups["label"].Success;
        var alias = match.Groups["alias"].Value;
        return new FileContentResultWithHeaders(Write(request, rows, withLabel, alias));
    }

    /// <summary>
    /// Whether OData would answer with the body <see cref="Write"/> makes (JSON, minimal metadata, Int64 as numbers, OData
    /// 4.0): no <c>Accept</c>, or one whose most preferred ranges (highest <c>q</c>) are all <c>*/*</c>, <c>application/*</c>
    /// or <c>application/json</c> with no parameter but <c>q</c>, <c>charset=utf-8</c>, <c>odata.metadata=minimal</c> and
    /// <c>odata.streaming=true</c>; and no <c>OData-MaxVersion</c> above 4.0. Anything else (full or no metadata,
    /// <c>IEEE754Compatible</c>, XML, an unreadable header) is OData's to answer, so its format is always honoured.
    /// </summary>
    private static bool TakesMinimalJson(IHeaderDictionary headers)
    {
        if (headers.TryGetValue("OData-MaxVersion", out var version) && version.ToString().Trim() is not ("" or "4.0"))
        {
            return false;
        }

        var accept = headers.Accept;
        if (StringValues.IsNullOrEmpty(accept))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return false;
        }

        var best = ranges.Max(r => r.Quality ?? 1);
        return best > 0 && ranges.Where(r => (r.Quality ?? 1) == best).All(IsMinimalJson);

        static bool IsMinimalJson(MediaTypeHeaderValue range) =>
            (range.MatchesAllTypes || (range.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && (range.MatchesAllSubTypes || range.SubType.Equals("json", StringComparison.OrdinalIgnoreCase))))
            && range.Parameters.All(p => Is(p, "q", null) || Is(p, "charset", "utf-8") || Is(p, "odata.metadata", "minimal") || Is(p, "odata.streaming", "true"));

        static bool Is(NameValueHeaderValue parameter, string name, string? value) =>
            parameter.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
            && (value is null || parameter.Value.Equals(value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The body OData writes for the grouping (minimal metadata), so a client cannot tell which way it was answered.</summary>
    private static byte[] Write(HttpRequest request, List<(string Code, string Label, long Count)> rows, bool withLabel, string alias)
    {
        var path = request.Path.Value ?? "";
        var root = path[..(path.LastIndexOf('/') + 1)];
        var context = $"{request.Scheme}://{request.Host}{request.PathBase}{root}$metadata#EntryTags({(withLabel ? "Code,Label" : "Code")},{alias})";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", context);
            json.WriteStartArray("value");
            foreach (var (code, label, count) in rows)
            {
                json.WriteStartObject();
                json.WriteNull("@odata.id");
                json.WriteString("Code", code);
                if (withLabel)
                {
                    json.WriteString("Label", label);
                }

                json.WriteNumber(alias, count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Code → name of the facet's taxonomy, as <see cref="EntryTagsController"/> labels its rows; null for a facet it has no rows of.</summary>
    private async Task<Dictionary<string, string>?> LabelsAsync(string facet, CancellationToken cancellationToken) => facet switch
    {
        Facets.Sdg => await db.SdgGoals.AsNoTracking().ToDictionaryAsync(g => g.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.ShortTitle, StringComparer.Ordinal, cancellationToken),
        Facets.Vertical => await db.Verticals.AsNoTracking().ToDictionaryAsync(v => v.Slug, v => v.Name, StringComparer.Ordinal, cancellationToken),
        Facets.Country => await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Iso2, c => c.Name, StringComparer.Ordinal, cancellationToken),
        Facets.Region => await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, cancellationToken),
        Facets.Technology => await db.Technologies.AsNoTracking().ToDictionaryAsync(t => t.Slug, t => t.Name, StringComparer.Ordinal, cancellationToken),
        Facets.Standard => await db.Standards.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Title, StringComparer.Ordinal, cancellationToken),
        _ => null,
    };

    /// <summary>The JSON with OData's headers.</summary>
    private sealed class FileContentResultWithHeaders(byte[] body) : FileContentResult(body, "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8")
    {
        public override Task ExecuteResultAsync(ActionContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            context.HttpContext.Response.Headers["OData-Version"] = "4.0";
            return base.ExecuteResultAsync(context);
        }
    }
}
