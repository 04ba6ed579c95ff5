using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Taxonomies;

public sealed class CountriesModel(CatalogueQueries catalogue) : PageModel
{
    public IReadOnlyList<TagCount> Countries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Countries = await catalogue.CountryCountsAsync(null, cancellationToken);
}
