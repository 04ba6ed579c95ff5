using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Pages;

/// <summary>A site page from content/pages, in the visitor's language when it exists, else English.</summary>
public sealed class ContentPageModel(CatalogueQueries catalogue, MarkdownRenderer markdown) : PageModel
{
    public Core.Catalogue.Page SitePage { get; private set; } = null!;
    public string Html { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var page = await catalogue.PageAsync(slug, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        SitePage = page;
        Html = markdown.ToHtml(page.Body);
        return Page();
    }
}
