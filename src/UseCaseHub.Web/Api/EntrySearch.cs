using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Api;

/// <summary>
/// <c>$search</c> is answered by the search engine (the same analysis, stemming and visibility as the
/// site's search), never by SQL LIKE. Two ways, chosen by the other query options:
/// <list type="bullet">
/// <item>Alone or with <c>$count</c>, <c>$top</c>, <c>$skip</c>, <c>$select</c>, <c>$expand</c> (the common case): the engine
/// counts the matches (<c>@odata.count</c>) and names the page's ids in rank order; only those ids reach the store,
/// which still applies the caller's visibility to them. Results come best first; next links page with <c>$skip</c> up to
/// <see cref="SearchRequest.MaxResultWindow"/>, and a <c>$skip</c> there is refused (400 <c>SearchSkipTooDeep</c>).</item>
/// <item>With <c>$filter</c>, <c>$orderby</c>, <c>$apply</c> or anything else: the matching ids (at most <c>Api:MaxSearchHits</c>)
/// become an id restriction on the store's query and the options apply as usual; more matches than that are refused
/// (400 <c>SearchTooBroad</c>) rather than silently cut.</item>
/// </list>
/// The engine's audience is <see cref="SearchAudience.Of"/> the caller, the same value the API's context filters with.
/// </summary>
public sealed class EntrySearch(ISearchEngine engine, IOptions<ApiOptions> options)
{
    public const string Option = "$search";

    /// <summary>Set on the request when the engine paged the results: <see cref="HubQueryAttribute"/> then skips no rows and adds no order.</summary>
    internal const string PagedByEngine = "UseCaseHub.Api.PagedByEngine";

    /// <summary>The query options the engine's page answers with the store's help for the rows only.</summary>
    private static readonly HashSet<string> PageOptions = new(StringComparer.Ordinal) { Option, "$count", "$top", "$skip", "$select", "$expand", "$format" };

    /// <summary>
    /// The entries restricted to the request's $search (unchanged without one), or a problem; <c>type</c> is the entity
    /// set's kind as the engine names it (<see cref="SearchTypes"/>), or null for both.
    /// </summary>
    public async Task<ActionResult<IQueryable<T>>> ApplyAsync<T>(IQueryable<T> entries, HttpRequest request, string? type, CancellationToken cancellationToken)
        where T : Entry
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Query.TryGetValue(Option, out var terms) || string.IsNullOrWhiteSpace(terms))
        {
            return new ActionResult<IQueryable<T>>(entries);
        }

        var audience = SearchAudience.Of(request.HttpContext.User);
        var pageSize = options.Value.PageSize;
        if (PageByEngine(request) is { } asked)
        {
            if (asked.Skip >= SearchRequest.MaxResultWindow)
            {
                // Engines rank no deeper than the window (Elasticsearch's max_result_window): a page there is always empty.
                return ApiErrors.Result(StatusCodes.Status400BadRequest, "SearchSkipTooDeep",
                    $"$skip with $search must be less than {SearchRequest.MaxResultWindow.ToString("N0", CultureInfo.InvariantCulture)}, the deepest match search ranks. "
                    + "Narrow the search to reach the rest.",
                    "$skip");
            }

            var take = Math.Min(asked.Top ?? pageSize, pageSize);
            var page = await engine.MatchingPageAsync(new MatchRequest(terms.ToString(), audience, type, asked.Skip, take), cancellationToken);
            var feature = request.HttpContext.ODataFeature();
            feature.TotalCountFunc = () => page.Total;
            // In long: $skip and $top near int.MaxValue must not wrap; and no next link leads past the window (empty pages).
            var next = (long)asked.Skip + take;
            if (next < page.Total && next < SearchRequest.MaxResultWindow && (asked.Top is null || asked.Top > take))
            {
                feature.NextLink = NextLink(request, (int)next, asked.Top - take);
            }

            request.HttpContext.Items[PagedByEngine] = true;
            var ids = page.Ids;
            return new ActionResult<IQueryable<T>>(entries.Where(e => ids.Contains(e.Id)).OrderBy(RankOf<T>(ids)));
        }

        // The engine names at most the window's ids (Elasticsearch's max_result_window): one more than that could never
        // come back, so the cap is at most the window less one, or a broad search would be cut silently instead of refused.
        var max = Math.Min(options.Value.MaxSearchHits, SearchRequest.MaxResultWindow - 1);
        var all = await engine.MatchingIdsAsync(terms.ToString(), audience, max + 1, cancellationToken);
        if (all.Count > max)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, "SearchTooBroad",
                $"$search matches more than {max.ToString("N0", CultureInfo.InvariantCulture)} entries, the most it can be combined with $filter, $orderby or $apply. "
                + "Narrow the search, or leave those options out: $search alone (with $count, $top, $skip, $select, $expand) pages through every match, best first.",
                Option);
        }

        var matched = all;
        return new ActionResult<IQueryable<T>>(entries.Where(e => matched.Contains(e.Id)));
    }

    /// <summary>$skip and $top when every query option is one the engine's page answers; null otherwise.</summary>
    private static (int Skip, int? Top)? PageByEngine(HttpRequest request)
    {
        if (request.Query.Keys.Any(k => !PageOptions.Contains(k)) || request.Headers.ContainsKey("Prefer"))
        {
            return null;
        }

        static int? Number(HttpRequest request, string name) =>
            request.Query.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        if ((request.Query.ContainsKey("$skip") && Number(request, "$skip") is null) || (request.Query.ContainsKey("$top") && Number(request, "$top") is null))
        {
            return null;
        }

        return (Number(request, "$skip") ?? 0, Number(request, "$top"));
    }

    /// <summary>The request again from the next row: <c>$skip</c> moved on, <c>$top</c> reduced by what this page held.</summary>
    private static Uri NextLink(HttpRequest request, int skip, int? top)
    {
        var query = request.Query.Where(q => q.Key is not "$skip" and not "$top")
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
            .Append(new("$skip", skip.ToString(CultureInfo.InvariantCulture)));
        if (top is { } remaining)
        {
            query = query.Append(new("$top", remaining.ToString(CultureInfo.InvariantCulture)));
        }

        return new Uri(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query)));
    }

    /// <summary>
    /// The engine's rank as an expression the store orders by (<c>CASE Id WHEN id0 THEN 0 ...</c>): at most one page of
    /// ids, so the page keeps the engine's order whatever the store's.
    /// </summary>
    private static Expression<Func<T, int>> RankOf<T>(IReadOnlyList<Guid> ids)
        where T : Entry
    {
        // Ids read from a holder, not constants: the store sees parameters, so one query shape (and one cached plan) per page length.
        var holder = Expression.Field(Expression.Constant(new RankedIds(ids.ToArray())), nameof(RankedIds.Ids));
        var entry = Expression.Parameter(typeof(T), "e");
        var id = Expression.Property(entry, nameof(Entry.Id));
        Expression rank = Expression.Constant(ids.Count);
        for (var i = ids.Count - 1; i >= 0; i--)
        {
            rank = Expression.Condition(Expression.Equal(id, Expression.ArrayIndex(holder, Expression.Constant(i))), Expression.Constant(i), rank);
        }

        return Expression.Lambda<Func<T, int>>(rank, entry);
    }

    private sealed class RankedIds(Guid[] ids)
    {
        public readonly Guid[] Ids = ids;
    }
}
