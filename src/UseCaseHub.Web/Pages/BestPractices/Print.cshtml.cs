using Microsoft.Extensions.Options;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.BestPractices;

/// <summary>The entry page for printing (A4 or Letter): the same entry, read the same way, in the print layout.</summary>
public sealed class PrintModel(CatalogueQueries catalogue, MarkdownRenderer markdown, IOptions<SiteOptions> options)
    : EntryDetailPage(catalogue, markdown, options, EntryKind.BestPractice)
{
    public override bool CountsAsView => false;
}
