using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;
using UseCaseHub.Web.Offline;
using UseCaseHub.Web.Search;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Offline;

/// <summary>
/// <c>/search/offline</c>: what the download of this search holds (how many entries, whether the search has more) and the
/// zip's exact size, built now and kept so the download serves these very bytes.
/// </summary>
public sealed class IndexModel(OfflineDownloads downloads, SearchLabels labels, IOptions<SiteOptions> site) : PageModel
{
    public SearchRequest Asked { get; private set; } = new();
    public OfflinePackage Package { get; private set; } = new([], 0, 0, "");
    public Func<string, string, string> Label { get; private set; } = (_, value) => value;

    /// <summary>The same parameters, for the download link and the way back to the search.</summary>
    public string Query => OfflineLinks.QueryString(Request.Query);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var query = SearchQuery.Read(Request.Query, site.Value.PageSize, SearchAudience.Of(User));
        if (!query.IsValid)
        {
            return BadRequest();
        }

        Asked = query.Request;
        if (await downloads.GetAsync(Asked, Request, cancellationToken) is not { } package)
        {
            Response.Headers.RetryAfter = "10";
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        Package = package;
        Label = labels.ForCurrentCulture();
        // The size shown is for this caller's zip (a member's may hold drafts): not for shared caches.
        Response.Headers.CacheControl = "private, no-store";
        return Page();
    }
}
