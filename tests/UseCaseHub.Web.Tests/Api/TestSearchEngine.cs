using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Tests.Api;

/// <summary>
/// A stand-in search engine for the API's $search wiring: every query word must occur (case-insensitive)
/// in the title, summary or body, with the same audience rule as a real engine. The real engine replaces
/// it when the search feature is merged.
/// </summary>
public sealed class TestSearchEngine(IServiceScopeFactory scopes) : ISearchEngine
{
    public string Name => "Test";

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var words = request.Query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var scope = scopes.CreateScope();
        var entries = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Entries.AsNoTracking().ToListAsync(cancellationToken);
        var hits = entries
            .Where(e => request.Audience.SeesEverything || e.Status == EntryStatus.Published
                || (request.Audience.Organization is { } org && e.OrganizationId == org))
            .Where(e => words.All(w => Matches(e, w)))
            .OrderBy(e => e.Title, StringComparer.Ordinal)
            .Select(e => new SearchHit(e.Id, e.Pid, e.Kind.ToString(), e.Slug, e.Title, "", 1))
            .ToList();
        return new SearchResult
        {
            Total = hits.Count,
            Hits = hits.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToList(),
        };
    }

    public static bool Matches(Entry entry, string word)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"{entry.Title} {entry.Summary} {entry.Body}".Split([' ', '.', ',', '\n', '\r', ':', ';', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Any(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase));
    }

    public Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RemoveAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, SearchAudience audience, int max = 8, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Suggestion>>([]);

    public Task<IReadOnlyList<SearchHit>> SimilarAsync(Guid id, SearchAudience audience, int max = 5, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SearchHit>>([]);

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);
}
