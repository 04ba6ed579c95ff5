using Microsoft.AspNetCore.Mvc;
using UseCaseHub.Core.Taxonomies;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Taxonomies;

public sealed class SdgModel(CatalogueQueries catalogue) : TaxonomyPage(catalogue)
{
    public SdgGoal Goal { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int number, CancellationToken cancellationToken)
    {
        if (await Catalogue.SdgAsync(number, cancellationToken) is not { } goal)
        {
            return NotFound();
        }

        Goal = goal;
        await ListAsync(Catalogue.WithSdg(number), cancellationToken);
        return Page();
    }
}
