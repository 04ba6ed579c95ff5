using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Taxonomies;

public sealed class RegionsModel(CatalogueQueries catalogue) : PageModel
{
    public IReadOnlyList<TagCount> ItuRegions { get; private set; } = [];
    public IReadOnlyList<TagCount> M49Regions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ItuRegions = await catalogue.ItuRegionCountsAsync(cancellationToken);
        M49Regions = await catalogue.SubRegionCountsAsync(null, cancellationToken);
    }
}
