using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages;

/// <summary>Resolves a persistent identifier (<c>UC-2026-00042</c> or the entry's UUID) to the entry's page, in the reader's language when it is translated into it.</summary>
public sealed class ResolveModel(CatalogueQueries catalogue) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string pid, CancellationToken cancellationToken)
    {
        // The reader's language when they expressed one (URL prefix, cookie, Accept-Language), else the original's.
        var culture = HttpContext.Features.Get<IRequestCultureFeature>();
        var reader = culture?.Provider is null ? null : culture.RequestCulture.UICulture.Name;
        var path = await catalogue.PathOfAsync(pid, reader, cancellationToken);
        return path is null ? NotFound() : Redirect(Url.Content("~" + path));
    }
}
