using Microsoft.AspNetCore.Mvc;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Taxonomies;

public sealed class VerticalModel(CatalogueQueries catalogue) : TaxonomyPage(catalogue)
{
    public Vertical Vertical { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await Catalogue.VerticalAsync(slug, cancellationToken) is not { } vertical)
        {
            return NotFound();
        }

        Vertical = vertical;
        await ListAsync(Catalogue.WithVertical(slug), cancellationToken);
        return Page();
    }
}
