using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages;

public sealed class IndexModel(CatalogueQueries catalogue) : PageModel
{
    public int UseCases { get; private set; }
    public int BestPractices { get; private set; }
    public IReadOnlyList<TagCount> Sdgs { get; private set; } = [];
    public IReadOnlyList<TagCount> Verticals { get; private set; } = [];
    public IReadOnlyList<TagCount> Regions { get; private set; } = [];
    public IReadOnlyList<EntryCard> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        UseCases = await catalogue.CountAsync(EntryKind.UseCase, cancellationToken);
        BestPractices = await catalogue.CountAsync(EntryKind.BestPractice, cancellationToken);
        Sdgs = await catalogue.SdgCountsAsync(cancellationToken);
        Verticals = await catalogue.VerticalCountsAsync(cancellationToken);
        Regions = await catalogue.ItuRegionCountsAsync(cancellationToken);
        Latest = await catalogue.LatestAsync(6, cancellationToken);
    }
}
