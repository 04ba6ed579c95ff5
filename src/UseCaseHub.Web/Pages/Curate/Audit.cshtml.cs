using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Pages.Curate;

/// <summary>The audit log for curators and admins: filtered, newest first, a page at a time, or all filtered rows as CSV.</summary>
[Authorize(Policy = HubPolicies.Curator)]
public sealed class AuditModel(HubDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Read from <c>?page=</c> by hand: "page" is Razor Pages' own route value and would win in binding.</summary>
    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];

    public bool HasNext { get; private set; }

    private AuditQuery Query => new(Action, Actor, Subject, From, To);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = int.TryParse(Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Clamp(page, 1, 10_000) : 1;
        // One row more than a page says whether there is a next page, without counting the whole log.
        var rows = await Query.Apply(db.AuditEntries.AsNoTracking()).Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasNext = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
    }

    /// <summary>Every row the filters select, streamed as CSV (<c>?handler=Csv</c> with the same filters).</summary>
    public IActionResult OnGetCsv() => new AuditCsvResult(Query.Apply(db.AuditEntries.AsNoTracking()));

    /// <summary>A link to this page (or its CSV handler) with the current filters and another page.</summary>
    public string Href(int page = 1, string? handler = null)
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values.Add(new(key, value));
            }
        }

        Add("handler", handler);
        Add("action", Action);
        Add("actor", Actor);
        Add("subject", Subject);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return Request.PathBase + Request.Path + QueryString.Create(values).ToUriComponent();
    }
}
