using Microsoft.Extensions.Options;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Api;

/// <summary>
/// <c>$search</c> is answered by the search engine (the same analysis, stemming and visibility as the
/// site's search), never by SQL LIKE: the engine's hits become an id restriction on the EF query, and the
/// other query options then apply as usual. Both kinds are searched together (the engine's type
/// values are its own business); the id restriction keeps the entity set's kind.
/// </summary>
public sealed class EntrySearch(ISearchEngine engine, IOptions<ApiOptions> options)
{
    public const string Option = "$search";

    /// <summary>The entries restricted to the request's $search; unchanged without one.</summary>
    public async Task<IQueryable<T>> ApplyAsync<T>(IQueryable<T> entries, HttpRequest request, CancellationToken cancellationToken)
        where T : Entry
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Query.TryGetValue(Option, out var terms) || string.IsNullOrWhiteSpace(terms))
        {
            return entries;
        }

        var ids = await engine.MatchingIdsAsync(terms.ToString(), SearchAudience.Of(request.HttpContext.User), options.Value.MaxSearchHits, cancellationToken);
        return entries.Where(e => ids.Contains(e.Id));
    }
}
