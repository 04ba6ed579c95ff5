using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.Taxonomies;

public sealed class VerticalsModel(CatalogueQueries catalogue) : PageModel
{
    public IReadOnlyList<TagCount> Verticals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Verticals = await catalogue.VerticalCountsAsync(cancellationToken);
}
