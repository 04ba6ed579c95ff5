using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Site;

/// <summary>
/// The site pages every page links to in its footer: read once a minute, not once per page view (the pages change
/// only with a content import, so a new one may take up to a minute to appear in the footer). A singleton that opens
/// a store scope only on a miss: the layout runs on every page, and a database context made for each (to read a
/// cached list) cost anonymous pages a context's construction every time.
/// </summary>
public sealed class FooterPages(IMemoryCache cache, IServiceScopeFactory scopes)
{
    private const string Key = "site:footer-pages";

    public async Task<List<Page>> GetAsync(CancellationToken cancellationToken = default) =>
        await cache.GetOrCreateAsync(Key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<HubDbContext>().Pages.AsNoTracking()
                .Where(p => p.Language == "en").OrderBy(p => p.Order).ThenBy(p => p.Title).ToListAsync(cancellationToken);
        }) ?? [];
}
