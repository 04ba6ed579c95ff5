using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Markdown;

namespace UseCaseHub.Web.Site;

/// <summary>A paged list of published entries of one kind (<c>/use-cases</c>, <c>/best-practices</c>).</summary>
public abstract class EntryListPage(CatalogueQueries catalogue, EntryKind kind) : PageModel
{

    public PagedList<EntryCard> Entries { get; private set; } = new([], 1, 1, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await catalogue.PageAsync(catalogue.OfKind(kind), this.RequestedPage(), cancellationToken);
}

/// <summary>One published entry, its Markdown rendered safely, with its persistent identifier for citation.</summary>
public abstract class EntryDetailPage(CatalogueQueries catalogue, MarkdownRenderer markdown, IOptions<SiteOptions> options, EntryKind kind) : PageModel
{
    public Entry Entry { get; private set; } = null!;

    /// <summary>Whether showing this page counts as a view of the entry: the print layout does not (its reader opened the page first).</summary>
    public virtual bool CountsAsView => true;
    public MarkdownRenderer Markdown => markdown;

    /// <summary>The permanent address to cite: <c>https://host/id/UC-2026-00042</c>.</summary>
    public string PermanentLink { get; private set; } = "";

    /// <summary>Set when the page shows a translation: <see cref="Entry"/> then carries its text over the original's tags.</summary>
    public EntryTranslation? Translation { get; private set; }

    /// <summary>Every language the entry can be read in (original first), for the "also in" links.</summary>
    public IReadOnlyList<LanguageVersion> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await catalogue.EntryOrTranslationAsync(kind, slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var entry = found.Entry;
        Translation = found.Translation;

        Versions = await catalogue.LanguageVersionsAsync(entry, cancellationToken);
        if (Translation is not null)
        {
            TranslatedView.Apply(entry, Translation);
        }

        Entry = entry;
        PermanentLink = $"{options.Value.PublicBaseFor(Request)}id/{entry.Pid}";
        return Page();
    }
}

/// <summary>A paged list of the published entries carrying one taxonomy value.</summary>
public abstract class TaxonomyPage(CatalogueQueries catalogue) : PageModel
{

    public PagedList<EntryCard> Entries { get; private set; } = new([], 1, 1, 0);

    protected CatalogueQueries Catalogue => catalogue;

    protected async Task ListAsync(IQueryable<Entry> entries, CancellationToken cancellationToken) =>
        Entries = await catalogue.PageAsync(entries, this.RequestedPage(), cancellationToken);
}

public static class PagingExtensions
{
    /// <summary>
    /// The <c>?page=</c> number; anything unreadable is page 1. Read from the query string because
    /// Razor Pages reserves the route value "page" for the page's own name.
    /// </summary>
    public static int RequestedPage(this PageModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return int.TryParse(page.Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : 1;
    }
}
