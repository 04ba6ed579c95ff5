using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
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
    public const string Option = "$search";

    /// <summary>The entries restricted to the request's $search (unchanged without one), or the error to answer.</summary>
    public async Task<(IQueryable<T> Entries, ObjectResult? Failure)> ApplyAsync<T>(IQueryable<T> entries, HttpRequest request, CancellationToken cancellationToken)
        where T : Entry
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Query.TryGetValue(Option, out var terms) || string.IsNullOrWhiteSpace(terms))
        {
            return (entries, null);
        }

        var restricted = await RestrictAsync(entries, terms.ToString(), request.HttpContext.User, cancellationToken);
        return restricted is null
            ? (entries, ApiErrors.Result(StatusCodes.Status501NotImplemented, "SearchUnavailable",
                "$search needs a search engine, and none is configured on this hub (Search:Engine)."))
            : (restricted, null);
    }

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
