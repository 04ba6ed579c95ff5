using UseCaseHub.Core.Catalogue;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.BestPractices;

public sealed class IndexModel(CatalogueQueries catalogue) : EntryListPage(catalogue, EntryKind.BestPractice);
