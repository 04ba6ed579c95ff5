using UseCaseHub.Core.Catalogue;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages.UseCases;

public sealed class IndexModel(CatalogueQueries catalogue) : EntryListPage(catalogue, EntryKind.UseCase);
