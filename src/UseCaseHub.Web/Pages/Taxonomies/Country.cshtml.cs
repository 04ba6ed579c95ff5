using Microsoft.AspNetCore.Mvc;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Taxonomies;

public sealed class CountryModel(CatalogueQueries catalogue) : TaxonomyPage(catalogue)
{
    public Country Country { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string iso2, CancellationToken cancellationToken)
    {
        if (await Catalogue.CountryAsync(iso2, cancellationToken) is not { } country)
        {
            return NotFound();
        }

        Country = country;
        await ListAsync(Catalogue.WithCountry(country.Iso2), cancellationToken);
        return Page();
    }
}
