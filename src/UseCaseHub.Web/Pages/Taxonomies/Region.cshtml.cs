using Microsoft.AspNetCore.Mvc;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Taxonomies;

public sealed class RegionModel(CatalogueQueries catalogue) : TaxonomyPage(catalogue)
{
    public string Name { get; private set; } = "";
    public string? Parent { get; private set; }
    public bool IsItuRegion { get; private set; }
    public IReadOnlyList<TagCount> SubRegions { get; private set; } = [];
    public IReadOnlyList<TagCount> Countries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await Catalogue.RegionAsync(code, cancellationToken) is not { } region)
        {
            return NotFound();
        }

        (Name, Parent, IsItuRegion) = region;
        if (!IsItuRegion)
        {
            SubRegions = (await Catalogue.SubRegionCountsAsync(code, cancellationToken)).Where(r => r.Count > 0).ToList();
        }

        Countries = await Catalogue.CountryCountsAsync(code, cancellationToken);
        await ListAsync(Catalogue.InRegion(code), cancellationToken);
        return Page();
    }
}
