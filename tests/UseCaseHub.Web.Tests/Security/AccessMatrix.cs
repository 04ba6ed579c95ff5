using System.Net;

namespace UseCaseHub.Web.Tests.Security;

/// <summary>
/// The answer each caller must get. A status code, or <see cref="Allowed"/> (the request got past every access check:
/// any 2xx, a redirect that is not to the sign-in page, or a 4xx other than 401, 403 and 404, e.g. a validation 400 or
/// a 412 for a stale If-Match), or <see cref="Refused"/> (401 or 403; used only where the secure design leaves the choice open),
/// or <see cref="MaySee"/> (200, a redirect to the entry, or 404: the caller may see the entry, and whether the site
/// shows drafts to those who may see them is a feature, not an access rule).
/// </summary>
public sealed record Expect(int Anonymous, int MemberA, int MemberB, int Curator, int Admin, int ReadClient, int WriteClient, int External)
{
    public const int Allowed = 1;
    public const int Refused = 2;
    public const int MaySee = 3;

    public static Expect All(int status) => new(status, status, status, status, status, status, status, status);

    public int For(MatrixCaller caller) => caller switch
    {
        MatrixCaller.Anonymous => Anonymous,
        MatrixCaller.MemberA => MemberA,
        MatrixCaller.MemberB => MemberB,
        MatrixCaller.Curator => Curator,
        MatrixCaller.Admin => Admin,
        MatrixCaller.ReadClient => ReadClient,
        MatrixCaller.WriteClient => WriteClient,
        MatrixCaller.External => External,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    public static bool Matches(int expected, HttpStatusCode actual, Uri? location)
    {
        var status = (int)actual;
        var toSignIn = status == 302 && location?.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase) == true;
        return expected switch
        {
            Allowed => status is >= 200 and < 400 ? !toSignIn : status is >= 400 and < 500 and not (401 or 403 or 404),
            Refused => status is 401 or 403,
            MaySee => status is 200 or 404 || (status == 302 && !toSignIn),
            _ => status == expected,
        };
    }

    public static string Describe(int expected) => expected switch
    {
        Allowed => "allowed (2xx, or 4xx other than 401/403/404)",
        Refused => "refused (401 or 403)",
        MaySee => "200, 302 to the entry or 404",
        _ => expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>One request to try: method, concrete URL, what each caller must get; the body and If-Match of unsafe ones.</summary>
public sealed record Probe(string Method, string Url, Expect Expect, string? Body = null, string? ContentType = null, string? IfMatch = null)
{
    public bool IsSafe => Method is "GET" or "HEAD";
}

/// <summary>
/// A route template of the host (as its endpoint data source names it) and the probes that exercise it.
/// <see cref="Middleware"/> rows are answered by middleware (OpenIddict, static files, culture prefixes), not endpoints.
/// </summary>
public sealed record Row(string Template, IReadOnlyList<Probe> Probes, bool Middleware = false);

/// <summary>
/// The access matrix: every route × every caller. Expectations are the secure behaviour issue 10 asks for: bearer
/// tokens are for /odata and /api only (a site page sent only a bearer token treats the caller as anonymous, and a
/// protected page answers such a machine 401, where a browser without credentials is sent to sign in); /admin is for
/// admins; writes need a hub role and, with any bearer token, the usecases.write scope; cookie-authenticated writes to
/// /odata without an antiforgery token are refused (CSRF); GET /connect/logout only asks for confirmation.
/// </summary>
public static class AccessMatrix
{
    private const int A = Expect.Allowed;
    private const int R = Expect.Refused;
    private const int M = Expect.MaySee;

    // Site pages.
    public static readonly Expect Public = Expect.All(200);
    public static readonly Expect SignedInPage = new(302, 200, 200, 200, 200, 401, 401, 401);
    public static readonly Expect SignedInPost = new(302, 400, 400, 400, 400, 401, 401, 401);
    public static readonly Expect AdminPage = new(302, 403, 403, 403, 200, 401, 401, 401);
    public static readonly Expect AdminPost = new(302, 403, 403, 403, 400, 401, 401, 401);
    public static readonly Expect CuratorPage = new(302, 403, 403, 200, 200, 401, 401, 401);
    public static readonly Expect CuratorPost = new(302, 403, 403, 400, 400, 401, 401, 401);

    /// <summary>A form post without its antiforgery token: refused as a bad request, whoever sends it.</summary>
    public static readonly Expect FormWithoutToken = Expect.All(400);

    // A draft on the site (its page, or /id/ redirecting to it): bearer tokens do not count there, so clients get
    // what anonymous visitors get. The site shows published entries only today; previews for the owner would be allowed.
    public static readonly Expect SiteSeesA = new(404, M, 404, M, M, 404, 404, 404);
    public static readonly Expect SiteSeesB = new(404, 404, M, M, M, 404, 404, 404);
    public static readonly Expect SiteSeesC = new(404, 404, 404, M, M, 404, 404, 404);

    /// <summary>A file of A's draft: like the draft on the site, for those who may see it (bearer tokens count as anonymous on the site).</summary>
    public static readonly Expect SiteFileOfA = new(404, 200, 404, 200, 200, 404, 404, 404);

    // An entry through the API: A's clients act for A; the external token's organisation is not allow-listed.
    public static readonly Expect ApiSeesA = new(404, 200, 404, 200, 200, 200, 200, 404);
    public static readonly Expect ApiSeesB = new(404, 404, 200, 200, 200, 404, 404, 404);
    public static readonly Expect ApiSeesC = new(404, 404, 404, 200, 200, 404, 404, 404);

    /// <summary>
    /// Creating (empty body, so nothing is created): a role and the write scope let a token through. The cookies here carry
    /// no antiforgery token, so cookie writes are refused (issue 10 item 7: 401 if /odata refuses cookies for writes, 403
    /// if it asks them for a token).
    /// </summary>
    public static readonly Expect CreateEntry = new(401, R, R, R, R, 403, A, A);

    /// <summary>Changing organisation A's draft with a stale If-Match (so nothing changes): only A's write client gets past access.</summary>
    public static readonly Expect ChangeEntryOfA = new(401, R, R, R, R, 403, A, 404);

    /// <summary>
    /// A curator's move (Claim, Decide, Retire) on organisation A's draft: the clients act as members, so the Curator policy
    /// refuses them (403) whatever the entry; cookies carry no antiforgery token here.
    /// </summary>
    public static readonly Expect CurateEntryOfA = new(401, R, R, R, R, 403, 403, 403);

    public static IReadOnlyList<Row> Build(AccessMatrixFixture f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var rows = new List<Row>
        {
            // Site: home, lists, taxonomies, search (each shows entries, so each is checked for drafts it must not show).
            Get("", "/"),
            Get("Index", "/Index"),
            Get("api", "/api"),
            Get("use-cases", "/use-cases"),
            Get("best-practices", "/best-practices"),
            new("use-cases/{slug}",
            [
                new("GET", "/use-cases/kenya-water", Public),
                new("GET", $"/use-cases/{f.DraftA.Slug}", SiteSeesA),
                new("GET", $"/use-cases/{f.DraftB.Slug}", SiteSeesB),
                new("GET", $"/use-cases/{f.DraftC.Slug}", SiteSeesC),
            ]),
            new("best-practices/{slug}",
            [
                new("GET", "/best-practices/choosing-lpwan", Public),
                new("GET", $"/best-practices/{f.PracticeA.Slug}", SiteSeesA),
            ]),
            new("id/{pid}",
            [
                new("GET", "/id/UC-2026-00001", Expect.All(302)),
                new("GET", $"/id/{f.DraftA.Pid}", SiteSeesA),
                new("GET", $"/id/{f.DraftA.Id}", SiteSeesA),
                new("GET", $"/id/{f.DraftB.Pid}", SiteSeesB),
                new("GET", $"/id/{f.DraftC.Pid}", SiteSeesC),
            ]),
            Get("sdg", "/sdg"),
            Get("sdg/{number:int}", "/sdg/6"),
            Get("verticals", "/verticals"),
            Get("verticals/{slug}", "/verticals/water"),
            Get("regions", "/regions"),
            Get("regions/{code}", "/regions/002", "/regions/014"),
            Get("countries", "/countries"),
            Get("countries/{iso2:length(2)}", "/countries/KE"),
            Get("search", "/search?q=draft", "/search?q=draft&country=KE&sdg=6", "/search?q=alpha"),
            Get("{slug:regex(^[a-z0-9-]+$)}", "/about"),
            Get("error", "/error"),
            new("status/{code:int}", [new("GET", "/status/404", Expect.All(404))]),

            // Accounts: open forms; the profile needs a signed-in browser.
            Form("Account/Login", "/account/login"),
            Form("Account/Register", "/account/register"),
            Form("Account/ForgotPassword", "/account/forgotpassword"),
            Form("Account/ResetPassword", "/account/resetpassword?code=x"),
            Form("Account/Logout", "/account/logout"),
            new("Account/ConfirmEmail", [new("GET", "/account/confirmemail?userId=x&code=y", Expect.All(400))]),
            new("Account/ExternalLogin", [new("GET", "/account/externallogin", Expect.All(400))]),
            new("Account/Profile", [new("GET", "/account/profile", SignedInPage), FormPost("/account/profile", SignedInPost)]),

            // Admin pages: admins only; handlers are posts to the same route.
            Admin("Admin/Users", "/admin/users", "/admin/users?handler=Grant"),
            Admin("Admin/Organizations", "/admin/organizations", "/admin/organizations?handler=Create"),
            Admin("Admin/Clients", "/admin/clients", "/admin/clients?handler=Register"),

            // The audit log and its CSV export: curators and admins (the page has no form to post).
            new("Curate/Audit",
            [
                new("GET", "/curate/audit", CuratorPage),
                new("GET", "/curate/audit?handler=Csv&action=role.grant", CuratorPage),
                FormPost("/curate/audit", CuratorPost),
            ]),

            // wf-curate: the curators' queue (claim, reassign, release are posts to it) and everyone's inbox.
            new("curate",
            [
                new("GET", "/curate", CuratorPage),
                new("GET", "/curate?sdg=6&vertical=water&region=002&state=Submitted&mine=true", CuratorPage),
                FormPost("/curate", CuratorPost),
                FormPost("/curate?handler=Claim", CuratorPost),
                FormPost("/curate?handler=Reassign", CuratorPost),
                FormPost("/curate?handler=Release", CuratorPost),
            ]),
            new("inbox",
            [
                new("GET", "/inbox", SignedInPage),
                FormPost("/inbox?handler=Read", SignedInPost),
                FormPost("/inbox?handler=ReadAll", SignedInPost),
                FormPost("/inbox?handler=Confirm", SignedInPost),
            ]),

            // wf-submit: the submission form (members, curators, admins; another organisation's entry is a 404), the
            // signed-in member's organisation's entries, and the public organisation pages (drafts for their members only).
            new("submit/{id:guid?}",
            [
                new("GET", "/submit", SignedInPage),
                new("GET", "/submit?kind=use-case", SignedInPage),
                new("GET", "/submit?kind=best-practice", SignedInPage),
                new("GET", $"/submit/{f.DraftA.Id}", new(302, 200, 404, 200, 200, 401, 401, 401)),
                new("GET", $"/submit/{f.DraftB.Id}", new(302, 404, 200, 200, 200, 401, 401, 401)),
                new("GET", $"/submit/{f.DraftC.Id}", new(302, 404, 404, 200, 200, 401, 401, 401)),
                FormPost("/submit?kind=use-case&handler=Save", SignedInPost),
                FormPost($"/submit/{f.DraftA2.Id}?handler=Save", SignedInPost),
                FormPost($"/submit/{f.DraftA2.Id}?handler=Submit", SignedInPost),
                FormPost($"/submit/{f.DraftA2.Id}?handler=Delete", SignedInPost),
            ]),
            new("my-entries", [new("GET", "/my-entries", SignedInPage)]),
            new("organizations/{slug}",
            [
                new("GET", "/organizations/demo-organisation", Public),
                new("GET", "/organizations/fixture-utility", Public),
                new("GET", "/organizations/claimed-organisation", Public),
                new("GET", "/organizations/no-such-organisation", Expect.All(404)),
            ]),

            // wf-assess: the curators' entry page (curators and admins) and the conversation page (A's members and curators; B gets 404).
            new("curate/entries/{id:guid}",
            [
                new("GET", $"/curate/entries/{f.DraftA.Id}", CuratorPage),
                FormPost($"/curate/entries/{f.DraftA.Id}?handler=Claim", CuratorPost),
            ]),
            new("conversation/{id:guid}",
            [
                new("GET", $"/conversation/{f.DraftA.Id}", new(302, 200, 404, 200, 200, 401, 401, 401)),
                FormPost($"/conversation/{f.DraftA.Id}?handler=Message", SignedInPost),
            ]),

            // Minimal APIs.
            new("api/search", [new("GET", "/api/search?q=draft&pageSize=100", Public), new("GET", "/api/search?country=KE&facetChildren=true", Public)]),
            new("api/suggest", [new("GET", "/api/suggest?q=dra", Public), new("GET", "/api/suggest?q=glacier", Public), new("GET", "/api/suggest?q=tidal", Public)]),
            new("api/me", [new("GET", "/api/me", new(401, 200, 200, 200, 200, 200, 200, 200))]),
            new("api/antiforgery", [new("GET", "/api/antiforgery", Public)]),
            new("health", [new("GET", "/health", Public)]),
            // operations: probes for everyone (details only for operators: HealthTests), metrics only from allowed
            // addresses or with the token (the test server's callers have neither: MetricsTests).
            new("health/live", [new("GET", "/health/live", Public)]),
            new("health/ready", [new("GET", "/health/ready", Public)]),
            new("metrics", [new("GET", "/metrics", Expect.All(403))]),
            new(".well-known/security.txt", [new("GET", "/.well-known/security.txt", Public)]),

            // offline: the download page and its zip, for everyone, each built from what the caller may search (drafts checked by OfflineDownloadTests).
            Get("search/offline", "/search/offline?q=draft", "/search/offline?q=draft&country=KE&sdg=6", "/search/offline?q=alpha"),
            Get("search/offline.zip", "/search/offline.zip?q=draft", "/search/offline.zip?q=alpha"),
            new("odata/openapi.json", [new("GET", "/odata/openapi.json", Public)]),

            // share: an entry's exports and print page read public entries only, as the entry page does (a draft is 404 for
            // everyone); search exports are built from what the caller may search (drafts checked by SearchExportTests);
            // the Atom feed is always the public's view.
            new("{kind:regex(^(use-cases|best-practices)$)}/{slug}/export.json",
            [
                new("GET", "/use-cases/kenya-water/export.json", Public),
                new("GET", $"/use-cases/{f.DraftA.Slug}/export.json", Expect.All(404)),
                new("GET", $"/best-practices/{f.PracticeA.Slug}/export.json", Expect.All(404)),
            ]),
            new("{kind:regex(^(use-cases|best-practices)$)}/{slug}/export.md",
            [
                new("GET", "/best-practices/choosing-lpwan/export.md", Public),
                new("GET", $"/use-cases/{f.DraftB.Slug}/export.md", Expect.All(404)),
            ]),
            new("use-cases/{slug}/print", [new("GET", "/use-cases/kenya-water/print", Public), new("GET", $"/use-cases/{f.DraftA.Slug}/print", Expect.All(404))]),
            new("best-practices/{slug}/print", [new("GET", "/best-practices/choosing-lpwan/print", Public), new("GET", $"/best-practices/{f.PracticeA.Slug}/print", Expect.All(404))]),
            Get("search/export.csv", "/search/export.csv?q=draft", "/search/export.csv?q=alpha&country=KE"),
            Get("search/export.json", "/search/export.json?q=draft", "/search/export.json?q=alpha"),
            Get("api/search/export", "/api/search/export?q=draft&format=csv", "/api/search/export?q=alpha"),
            Get("feed.atom", "/feed.atom?q=draft", "/feed.atom?q=alpha", "/feed.atom"),
            // openmeta: citations (a draft is not citable by anyone: the site shows public entries only), sitemap, robots, OAI-PMH.
            new("entries/{slug}/cite.bib", [new("GET", "/entries/kenya-water/cite.bib", Public), new("GET", $"/entries/{f.DraftA.Slug}/cite.bib", Expect.All(404))]),
            new("entries/{slug}/cite.ris", [new("GET", "/entries/kenya-water/cite.ris", Public), new("GET", $"/entries/{f.DraftA.Slug}/cite.ris", Expect.All(404))]),
            Get("sitemap.xml", "/sitemap.xml"),
            new("sitemap-{n:int}.xml", [new("GET", "/sitemap-1.xml", Expect.All(404))]),
            Get("robots.txt", "/robots.txt"),
            new("oai",
            [
                new("GET", "/oai?verb=ListRecords&metadataPrefix=oai_dc", Public),
                new("POST", "/oai", Public, Body: "verb=Identify", ContentType: "application/x-www-form-urlencoded"),
            ]),
            // insights: the public dashboard, its charts' CSV and JSON, and the chart list (figures of public entries only).
            Get("insights", "/insights"),
            Get("insights/{chart}.csv", "/insights/sdg-region.csv", "/insights/most-viewed.csv"),
            new("api/insights", [new("GET", "/api/insights", Public)]),
            new("api/insights/{chart}", [new("GET", "/api/insights/vertical-sdg", Public), new("GET", "/api/insights/gaps", Public)]),

            // The OpenID Connect server: requests without client or parameters are refused by the protocol, for everyone.
            new("connect/authorize", [new("GET", "/connect/authorize", Expect.All(400)), FormPost("/connect/authorize", Expect.All(400))]),
            new("connect/token", [FormPost("/connect/token", Expect.All(400))]),
            // Userinfo is for tokens of people: a client-credentials token has no person behind it.
            new("connect/userinfo",
            [
                new("GET", "/connect/userinfo", new(401, 401, 401, 401, 401, R, R, 401)),
                FormPost("/connect/userinfo", new(401, 401, 401, 401, 401, R, R, 401)),
            ]),
            new("connect/logout", [new("GET", "/connect/logout", Public), FormPost("/connect/logout", Expect.All(A))]),
            new("/.well-known/openid-configuration", [new("GET", "/.well-known/openid-configuration", Public)], Middleware: true),
            new("/.well-known/jwks", [new("GET", "/.well-known/jwks", Public)], Middleware: true),
            new("/connect/revoke", [FormPost("/connect/revoke", Expect.All(400))], Middleware: true),
            new("/connect/introspect", [FormPost("/connect/introspect", Expect.All(400))], Middleware: true),
            new("/css/site.css", [new("GET", "/css/site.css", Public)], Middleware: true),
            new("/{culture}/...",
            [
                new("GET", "/fr/use-cases/kenya-water", Public),
                new("GET", $"/fr/use-cases/{f.DraftA.Slug}", SiteSeesA),
                new("GET", $"/ar/use-cases/{f.DraftB.Slug}", SiteSeesB),
                new("GET", "/fr/search?q=draft", Public),
                new("GET", "/fr/admin/users", AdminPage),
            ], Middleware: true),

            // wf-attach: an entry's files page (its editors only; the form post without its token is refused) and a file of A's draft.
            new("submit/{id:guid}/attachments",
            [
                new("GET", $"/submit/{f.DraftA.Id}/attachments", new(302, 200, 404, 403, 200, 401, 401, 401)),
                FormPost($"/submit/{f.DraftA.Id}/attachments", SignedInPost),
                FormPost($"/submit/{f.DraftA.Id}/attachments?handler=Remove", SignedInPost),
            ]),
            // wf-attach: bulk submission (an empty body creates nothing): the same access as creating one entry.
            new("api/use-cases/bulk", [new("POST", "/api/use-cases/bulk", CreateEntry, Body: "", ContentType: "application/json")]),
            new("api/best-practices/bulk", [new("POST", "/api/best-practices/bulk", CreateEntry, Body: "", ContentType: "application/json")]),
            new("attachments/{id:guid}/{name}", [new("GET", $"/attachments/{f.AttachmentA}/alpha-gauge.pdf", SiteFileOfA)]),

            // OData: the service document and model.
            new("odata", [new("GET", "/odata", Public)]),
            new("odata/$metadata", [new("GET", "/odata/$metadata", Public)]),
        };

        // Entries: the two kinds read and written, both together read-only.
        rows.AddRange(EntrySet(f, "UseCases", f.DraftA2.Id, ("kenya", Guid.Parse("195dbc3c-3646-5c86-88fe-1ba6d4bf65df"), Public),
            ("A", f.DraftA.Id, ApiSeesA), ("B", f.DraftB.Id, ApiSeesB), ("C", f.DraftC.Id, ApiSeesC)));
        rows.AddRange(EntrySet(f, "BestPractices", f.PracticeA.Id, ("lpwan", Guid.Parse("4f98382c-1016-5a3d-b7de-ab7eba8eff4e"), Public),
            ("A", f.PracticeA.Id, ApiSeesA)));
        rows.AddRange(ReadSet("Entries", "?$search=draft&$select=Id,Pid,Title,Slug",
            [($"({f.DraftA.Id})", $"/{f.DraftA.Id}", ApiSeesA), ($"({f.DraftB.Id})", $"/{f.DraftB.Id}", ApiSeesB), ($"({f.DraftC.Id})", $"/{f.DraftC.Id}", ApiSeesC)]));

        // Taxonomies and organisations: public, but their entries come through $expand under the visibility rule.
        const string expand = "?$expand=Entries($select=Id,Pid,Title,Slug)";
        rows.AddRange(ReadSet("Sdgs", expand, [("(6)" + expand, "/6", Public)]));
        rows.AddRange(ReadSet("SdgTargets", "", [("('6.1')", "/6.1", Public)]));
        rows.AddRange(ReadSet("Countries", "?$filter=Iso2 eq 'KE'&" + expand[1..], [("('KE')" + expand, "/KE", Public)]));
        rows.AddRange(ReadSet("Regions", "", [("('002')", "/002", Public)]));
        rows.AddRange(ReadSet("ItuRegions", "", [($"('{f.ItuRegion}')", $"/{f.ItuRegion}", Public)]));
        rows.AddRange(ReadSet("Verticals", "", [("('water')" + expand, "/water", Public)]));
        rows.AddRange(ReadSet("Technologies", "", [($"('{Uri.EscapeDataString(f.Technology)}')", $"/{Uri.EscapeDataString(f.Technology)}", Public)]));
        rows.AddRange(ReadSet("Standards", "", [($"('{Uri.EscapeDataString(f.Standard)}')", $"/{Uri.EscapeDataString(f.Standard)}", Public)]));
        rows.AddRange(ReadSet("Organizations", "", [($"({f.OrganizationA})", $"/{f.OrganizationA}", Public)]));
        // wf-versions: version pages (a draft's versions: only those who may see the draft, and it has none yet), the
        // site's Revise button (a form post: signed-in people with its token; the workflow decides the rest), and the
        // read-only EntryVersions set (every imported version is a published version of a public entry).
        const string kinds = "{kind:regex(^(use-cases|best-practices)$)}/{slug}/versions";
        rows.Add(new(kinds, [new("GET", "/use-cases/kenya-water/versions", Public), new("GET", $"/use-cases/{f.DraftA.Slug}/versions", SiteSeesA),
            new("GET", "/best-practices/choosing-lpwan/versions", Public)]));
        rows.Add(new(kinds + "/{n:int}", [new("GET", "/use-cases/kenya-water/versions/1", Public), new("GET", "/use-cases/kenya-water/versions/2", Expect.All(404)),
            new("GET", $"/use-cases/{f.DraftB.Slug}/versions/1", SiteSeesB)]));
        rows.Add(new(kinds + "/diff", [new("GET", "/use-cases/kenya-water/versions/diff?from=1&to=1", Public),
            new("GET", $"/use-cases/{f.DraftC.Slug}/versions/diff?from=1&to=2", SiteSeesC)]));
        rows.Add(new("revise/{id:guid}", [new("GET", $"/revise/{f.DraftA.Id}", new(302, 404, 404, 404, 404, 401, 401, 401)),
            FormPost($"/revise/{f.DraftA.Id}", SignedInPost)]));
        rows.AddRange(ReadSet("EntryVersions", "?$filter=Outcome eq 'Pending'", [("(1)", "/1", Public)]));
        // wf-assess: an open assessment and gap of A's draft are the curators' only; a sealed one is also A's.
        rows.AddRange(ReadSet("Assessments", "", [($"({f.OpenAssessmentA})", $"/{f.OpenAssessmentA}", ApiSeesC), ($"({f.SealedAssessmentA})", $"/{f.SealedAssessmentA}", ApiSeesA)]));
        rows.AddRange(ReadSet("StandardisationGaps", "?$expand=Standards", [($"({f.OpenGapA})", $"/{f.OpenGapA}", ApiSeesC)]));
        // translations: the read-only Translations set (visible with its entry; the matrix's content has none, so a key is 404 for all).
        rows.AddRange(ReadSet("Translations", "?$select=Id,EntryId,Language,Slug", [($"({Guid.Empty})", $"/{Guid.Empty}", Expect.All(404))]));
        rows.Add(new("odata/EntryTags", [new("GET", "/odata/EntryTags", Public)]));
        rows.Add(new("odata/EntryTags/$count", [new("GET", "/odata/EntryTags/$count", Public)]));
        return rows;
    }

    private static Row Get(string template, params string[] urls) => new(template, [.. urls.Select(u => new Probe("GET", u, Public))]);

    private static Probe FormPost(string url, Expect expect) =>
        new("POST", url, expect, Body: "", ContentType: "application/x-www-form-urlencoded");

    private static Row Form(string template, string url) => new(template, [new("GET", url, Public), FormPost(url, FormWithoutToken)]);

    private static Row Admin(string template, string url, string handler) =>
        new(template, [new("GET", url, AdminPage), FormPost(url, AdminPost), FormPost(handler, AdminPost)]);

    /// <summary>A read-only set: the set (with <paramref name="query"/>), its count, and each key in both OData key syntaxes.</summary>
    private static IEnumerable<Row> ReadSet(string set, string query, (string Parens, string Segment, Expect Expect)[] keys)
    {
        yield return new($"odata/{set}", [new("GET", $"/odata/{set}{query}", Public)]);
        yield return new($"odata/{set}/$count", [new("GET", $"/odata/{set}/$count", Public)]);
        yield return new($"odata/{set}({{key}})", [.. keys.Select(k => new Probe("GET", $"/odata/{set}{k.Parens}", k.Expect))]);
        yield return new($"odata/{set}/{{key}}", [.. keys.Select(k => new Probe("GET", $"/odata/{set}{k.Segment}", k.Expect))]);
    }

    /// <summary>
    /// An entry set: reads of each sample entry, creation with an empty body, and every change and action on organisation
    /// A's <paramref name="target"/> draft with a stale If-Match, so an allowed writer gets 412 and nothing changes.
    /// </summary>
    private static List<Row> EntrySet(AccessMatrixFixture f, string set, Guid target, params (string Name, Guid Id, Expect Expect)[] samples)
    {
        // Another entry's real ETag: well formed, and stale for the target.
        var stale = f.StaleETag;
        var rows = ReadSet(set, "?$select=Id,Pid,Title,Slug", [.. samples.Select(s => ($"({s.Id})", $"/{s.Id}", s.Expect))]).ToList();
        rows[0] = rows[0] with { Probes = [.. rows[0].Probes, new Probe("POST", $"/odata/{set}", CreateEntry, Body: "", ContentType: "application/json")] };
        foreach (var key in new[] { $"({target})", $"/{target}" })
        {
            var template = key.StartsWith('(') ? $"odata/{set}({{key}})" : $"odata/{set}/{{key}}";
            var index = rows.FindIndex(r => r.Template == template);
            rows[index] = rows[index] with
            {
                Probes =
                [
                    .. rows[index].Probes,
                    new Probe("PUT", $"/odata/{set}{key}", ChangeEntryOfA, Body: "{}", ContentType: "application/json", IfMatch: stale),
                    new Probe("PATCH", $"/odata/{set}{key}", ChangeEntryOfA, Body: "{}", ContentType: "application/json", IfMatch: stale),
                    new Probe("DELETE", $"/odata/{set}{key}", ChangeEntryOfA, IfMatch: stale),
                ],
            };
            foreach (var (action, expect, body) in new[]
            {
                ("Submit", ChangeEntryOfA, (string?)null), ("Withdraw", ChangeEntryOfA, null), ("Claim", CurateEntryOfA, null), ("Assess", CurateEntryOfA, "{}"),
                ("Decide", CurateEntryOfA, "{\"Decision\":\"Return\",\"Note\":\"Matrix probe\"}"), ("Retire", CurateEntryOfA, "{}"),
            })
            {
                foreach (var name in new[] { action, "UseCaseHub." + action })
                {
                    rows.Add(new($"{template}/{name}", [new("POST", $"/odata/{set}{key}/{name}", expect, body, body is null ? null : "application/json", stale)]));
                }
            }
        }

        return rows;
    }
}
