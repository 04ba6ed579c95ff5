using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Core.Versions;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Site.Versions;

/// <summary>
/// What the version pages share: the entry by kind and slug (the entry itself, never a revision row, and only if the
/// visitor may see it) and its versions the visitor may see, both by the Core rules (<see cref="Visibility"/>,
/// <see cref="VersionVisibility"/>). Anything else is a 404, so a hidden version is indistinguishable from none.
/// </summary>
public abstract class VersionPage(HubDbContext db) : PageModel
{
    public Entry Entry { get; private set; } = null!;

    /// <summary>The versions the visitor may see, oldest first.</summary>
    public IReadOnlyList<EntryVersion> Versions { get; private set; } = [];

    public string EntryPath => "/" + Entry.Kind.UrlSegment() + "/" + Entry.Slug;

    public string VersionsPath => EntryPath + "/versions";

    protected SearchAudience Audience => SearchAudience.Of(User);

    /// <summary>Loads the entry and its visible versions; false when the visitor may see neither.</summary>
    protected async Task<bool> LoadAsync(string kind, string slug, CancellationToken cancellationToken)
    {
        var type = Enum.GetValues<EntryKind>().FirstOrDefault(k => k.UrlSegment() == kind).ToString();
        var entry = await db.Entries.AsNoTracking().Canonical().VisibleTo(Audience)
            .Where(e => EF.Property<string>(e, "Type") == type && e.Slug == slug).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return false;
        }

        Entry = entry;
        Versions = await db.EntryVersions.AsNoTracking().Where(v => v.EntryId == entry.Id).VisibleTo(Audience)
            .OrderBy(v => v.Number).ToListAsync(cancellationToken);
        return true;
    }

    public EntryVersion? Find(int number) => Versions.FirstOrDefault(v => v.Number == number);

    /// <summary>When a version was recorded, in the reader's language (<see cref="Localization.CultureFormat"/>).</summary>
    public static string Date(DateTimeOffset at) => Localization.CultureFormat.DateTime(at);
}

/// <summary><c>/use-cases/{slug}/versions</c>: every version the visitor may see, with links to each and to the diffs.</summary>
public sealed class VersionListPage(HubDbContext db) : VersionPage(db)
{
    public async Task<IActionResult> OnGetAsync(string kind, string slug, CancellationToken cancellationToken) =>
        await LoadAsync(kind, slug, cancellationToken) && Versions.Count > 0 ? Page() : NotFound();
}

/// <summary><c>/use-cases/{slug}/versions/{n}</c>: one version as it was.</summary>
public sealed class VersionShowPage(HubDbContext db, MarkdownRenderer markdown) : VersionPage(db)
{
    public EntryVersion Version { get; private set; } = null!;

    public VersionSnapshot Snapshot { get; private set; } = new();

    public MarkdownRenderer Markdown => markdown;

    public async Task<IActionResult> OnGetAsync(string kind, string slug, int n, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(kind, slug, cancellationToken) || Find(n) is not { } version)
        {
            return NotFound();
        }

        Version = version;
        Snapshot = version.Content;
        return Page();
    }
}

/// <summary><c>/use-cases/{slug}/versions/diff?from=1&amp;to=2</c>: what changed between two versions the visitor may see.</summary>
public sealed class VersionDiffPage(HubDbContext db) : VersionPage(db)
{
    public EntryVersion From { get; private set; } = null!;

    public EntryVersion To { get; private set; } = null!;

    public VersionDiff Diff { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string kind, string slug, int from, int to, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(kind, slug, cancellationToken) || Find(from) is not { } older || Find(to) is not { } newer)
        {
            return NotFound();
        }

        From = older;
        To = newer;
        Diff = VersionDiff.Between(older.Content, newer.Content);
        return Page();
    }
}
