using Microsoft.Extensions.Options;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.BestPractices;

public sealed class DetailModel(CatalogueQueries catalogue, MarkdownRenderer markdown, IOptions<SiteOptions> options)
    : EntryDetailPage(catalogue, markdown, options, EntryKind.BestPractice);
