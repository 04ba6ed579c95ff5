using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Taxonomies;

public sealed class SdgsModel(CatalogueQueries catalogue) : PageModel
{
    public IReadOnlyList<TagCount> Goals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Goals = await catalogue.SdgCountsAsync(cancellationToken);
}
