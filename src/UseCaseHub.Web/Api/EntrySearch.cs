using System.Security.Claims;
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
public sealed class EntrySearch(IServiceProvider services, IOptions<ApiOptions> options)
{
    /// <summary>Null when the engine is missing (the caller answers 501).</summary>
    public async Task<IQueryable<T>?> RestrictAsync<T>(IQueryable<T> entries, string query, ClaimsPrincipal user, CancellationToken cancellationToken)
        where T : Entry
    {
        if (services.GetService<ISearchEngine>() is not { } engine)
        {
            return null;
        }

        const int pageSize = 1000;
        var ids = new List<Guid>();
        for (var page = 1; ids.Count < options.Value.MaxSearchHits; page++)
        {
            var result = await engine.SearchAsync(new SearchRequest
            {
                Query = query,
                Audience = SearchAudience.Of(user),
                Page = page,
                PageSize = pageSize,
                Highlight = false,
            }, cancellationToken);
            ids.AddRange(result.Hits.Select(h => h.Id));
            if (result.Hits.Count < pageSize || ids.Count >= result.Total)
            {
                break;
            }
        }

        return entries.Where(e => ids.Contains(e.Id));
    }
}
