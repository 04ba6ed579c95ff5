using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Accounts;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.Attachments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Security;

/// <summary>Who calls: browsers with the real sign-in cookie, machine clients with real tokens, and nobody.</summary>
public enum MatrixCaller
{
    Anonymous,
    MemberA,
    MemberB,
    Curator,
    Admin,
    ReadClient,
    WriteClient,
    External,
}

/// <summary>An entry some callers may not see, and the strings that would betray it in a response.</summary>
public sealed record SecretEntry(string Name, Guid Id, string Pid, string Slug, string Title)
{
    public IEnumerable<string> Markers => [Id.ToString(), Pid, Slug, Title];
}

/// <summary>
/// One hub for the whole matrix, with the real authentication: it trusts a second in-process OpenIddict host as an
/// external authority. Organisation A is the demo organisation (member@, curator@ and admin@ and the demo client belong
/// to it); organisation B is the fixture content's "Fixture Utility" (its draft is the fixture's draft), with a member
/// created here; organisation C exists in the hub under the id the external issuer writes in its tokens' org claim,
/// and no allow-list names it, so the external token must not see C's draft.
/// </summary>
public sealed class AccessMatrixFixture : IAsyncLifetime
{
    public const string MemberBEmail = "member-b@example.org";

    private readonly Dictionary<MatrixCaller, (string? Cookie, string? Bearer)> _credentials = [];

    public AccessMatrixFixture()
    {
        Issuer = ExternalAuthorityFixture.NewIssuer();
        Hub = new IdentityHubFactory(
            new Dictionary<string, string?>
            {
                ["Identity:External:Authority"] = ExternalAuthorityFixture.Authority,
                ["Security:Contact"] = "mailto:security@usecases.example.org",
                ["Identity:External:Audience"] = "usecasehub-api",
                ["Identity:External:RoleMap:Member"] = "Member",
            },
            services => ExternalAuthorityFixture.UseIssuer(services, Issuer));
    }

    public IdentityHubFactory Issuer { get; }

    public IdentityHubFactory Hub { get; }

    /// <summary>Sends requests with exactly the credentials given, follows nothing, keeps no cookies.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Organisation A's draft use case: seen by A's members and clients, curators and admins.</summary>
    public SecretEntry DraftA { get; private set; } = null!;

    /// <summary>Organisation A's second draft, the target of the write probes (so reads of <see cref="DraftA"/> are unaffected).</summary>
    public SecretEntry DraftA2 { get; private set; } = null!;

    /// <summary>Organisation A's draft best practice, the target of the write probes on best practices.</summary>
    public SecretEntry PracticeA { get; private set; } = null!;

    /// <summary>Organisation B's draft (the fixture content's draft).</summary>
    public SecretEntry DraftB { get; private set; } = null!;

    /// <summary>Organisation C's draft: C is only named by the external authority's tokens.</summary>
    public SecretEntry DraftC { get; private set; } = null!;

    public Guid OrganizationA { get; private set; }

    /// <summary>A file attached to <see cref="DraftA"/> (wf-attach).</summary>
    public Guid AttachmentA { get; private set; }

    /// <summary>The ETag of <see cref="DraftA"/>: well formed, and stale for every other entry.</summary>
    public string StaleETag { get; private set; } = "";

    /// <summary>Sample keys of the taxonomy sets (first row of each), for by-key routes.</summary>
    public string ItuRegion { get; private set; } = "";

    /// <summary>wf-assess: an open and a sealed assessment and an open gap of <see cref="DraftA"/>.</summary>
    public Guid OpenAssessmentA { get; private set; }

    public Guid SealedAssessmentA { get; private set; }

    public Guid OpenGapA { get; private set; }

    public string Technology { get; private set; } = "";

    public string Standard { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _ = Issuer.Server;
        var claimedOrganization = await Issuer.DemoOrganizationIdAsync();
        _ = Hub.Server;
        Client = Hub.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        OrganizationA = await Hub.DemoOrganizationIdAsync();

        await Hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var organizationB = await db.Organizations.SingleAsync(o => o.Slug == "fixture-utility");
            db.Organizations.Add(new Organization { Id = claimedOrganization, Slug = "claimed-organisation", Name = "Claimed organisation" });
            await db.SaveChangesAsync();

            var users = services.GetRequiredService<UserManager<HubUser>>();
            var memberB = new HubUser
            {
                UserName = MemberBEmail,
                Email = MemberBEmail,
                EmailConfirmed = true,
                DisplayName = "Member of B",
                OrganizationId = organizationB.Id,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            Check(await users.CreateAsync(memberB, IdentityHubFactory.DemoPassword));
            Check(await users.AddToRoleAsync(memberB, HubRoles.Member));

            var fixtureDraft = await db.UseCases.SingleAsync(e => e.Slug == "draft-entry");
            Assert.Equal(EntryStatus.Draft, fixtureDraft.Status);
            Assert.Equal(organizationB.Id, fixtureDraft.OrganizationId);
            DraftB = new("organisation B's draft", fixtureDraft.Id, fixtureDraft.Pid, fixtureDraft.Slug, fixtureDraft.Title);
            DraftA = await AddDraftAsync<UseCase>(db, "organisation A's draft", OrganizationA, "UC-2026-09901", "matrix-alpha-draft", "Tidal gauge draft of organisation alpha");
            DraftA2 = await AddDraftAsync<UseCase>(db, "organisation A's write target", OrganizationA, "UC-2026-09902", "matrix-alpha-target", "Rooftop sensor draft of organisation alpha");
            PracticeA = await AddDraftAsync<BestPractice>(db, "organisation A's draft practice", OrganizationA, "BP-2026-09901", "matrix-alpha-practice", "Harbour practice draft of organisation alpha");
            DraftC = await AddDraftAsync<UseCase>(db, "organisation C's draft", claimedOrganization, "UC-2026-09903", "matrix-claimed-draft", "Glacier beacon draft of a claimed organisation");

            // wf-assess: assessments and a gap of A's draft; they carry its id, so a leak shows as the draft's marker.
            OpenAssessmentA = AddAssessment(db, DraftA.Id, sealedAt: null);
            SealedAssessmentA = AddAssessment(db, DraftA.Id, sealedAt: DateTimeOffset.UtcNow);
            OpenGapA = Guid.NewGuid();
            db.Add(new StandardisationGap { Id = OpenGapA, EntryId = DraftA.Id, Text = "Open gap", CuratorId = "matrix", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            // wf-attach: a file on A's draft, stored as the upload would store it.
            var bytes = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% matrix sample\n%%EOF\n");
            var attachment = new Attachment
            {
                Id = Guid.NewGuid(),
                EntryId = DraftA.Id,
                Name = "alpha-gauge.pdf",
                Kind = AttachmentKind.Pdf,
                Size = bytes.Length,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
                StorageKey = AttachmentKeys.New(),
                AddedAt = DateTimeOffset.UtcNow,
                AddedByName = "matrix",
            };
            await services.GetRequiredService<IAttachmentStore>().PutAsync(attachment.StorageKey, new MemoryStream(bytes), CancellationToken.None);
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync();
            AttachmentA = attachment.Id;

            ItuRegion = await db.ItuRegions.OrderBy(r => r.Code).Select(r => r.Code).FirstAsync();
            Technology = await db.Technologies.OrderBy(t => t.Slug).Select(t => t.Slug).FirstAsync();
            Standard = await db.Standards.OrderBy(s => s.Code).Select(s => s.Code).FirstAsync();
            return 0;
        });

        _credentials[MatrixCaller.Anonymous] = (null, null);
        _credentials[MatrixCaller.MemberA] = (await CookieAsync("member@example.org"), null);
        _credentials[MatrixCaller.MemberB] = (await CookieAsync(MemberBEmail), null);
        _credentials[MatrixCaller.Curator] = (await CookieAsync("curator@example.org"), null);
        _credentials[MatrixCaller.Admin] = (await CookieAsync("admin@example.org"), null);
        _credentials[MatrixCaller.ReadClient] = (null, await TokenAsync(Hub, "usecases.read"));
        _credentials[MatrixCaller.WriteClient] = (null, await TokenAsync(Hub, "usecases.read usecases.write"));
        _credentials[MatrixCaller.External] = (null, await TokenAsync(Issuer, "usecases.read usecases.write"));

        await WaitForSearchIndexAsync();
        using var read = Request(MatrixCaller.Admin, HttpMethod.Get, $"/odata/UseCases({DraftA.Id})");
        using var answer = await Client.SendAsync(read);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        StaleETag = json.RootElement.GetProperty("@odata.etag").GetString()!;
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Hub.Dispose();
        Issuer.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The request as <paramref name="caller"/> sends it: its cookie or its bearer token, nothing else.</summary>
    public HttpRequestMessage Request(MatrixCaller caller, HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        var (cookie, bearer) = _credentials[caller];
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    private static async Task<SecretEntry> AddDraftAsync<T>(HubDbContext db, string name, Guid organization, string pid, string slug, string title)
        where T : Entry, new()
    {
        var now = DateTimeOffset.UtcNow;
        var entry = new T
        {
            Id = Guid.NewGuid(),
            Pid = pid,
            Slug = slug,
            Title = title,
            Summary = $"Summary of {title}.",
            Body = $"Body of {title}.",
            Language = "en",
            Status = EntryStatus.Draft,
            OrganizationId = organization,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // Tagged like the published Kenya entry, so taxonomy pages and $expand from a tag would show it if they leaked.
        entry.Sdgs.Add(await db.SdgGoals.SingleAsync(g => g.Number == 6));
        entry.Countries.Add(await db.Countries.SingleAsync(c => c.Iso2 == "KE"));
        entry.Verticals.Add(await db.Verticals.SingleAsync(v => v.Slug == "water"));
        db.Add(entry);
        await db.SaveChangesAsync();
        return new(name, entry.Id, pid, slug, title);
    }

    private static Guid AddAssessment(HubDbContext db, Guid entry, DateTimeOffset? sealedAt)
    {
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(),
            EntryId = entry,
            CuratorId = "matrix",
            CuratorName = "matrix",
            Comment = "Matrix assessment",
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
            SealedAt = sealedAt,
            Decision = sealedAt is null ? null : "Return",
            Scores = [new AssessmentScore { Criterion = "interoperability", Title = "Interoperability", Score = 2, Comment = "Matrix" }],
        };
        db.Add(assessment);
        return assessment.Id;
    }

    /// <summary>Every entry some caller may not see.</summary>
    public IEnumerable<SecretEntry> Secrets => [DraftA, DraftA2, PracticeA, DraftB, DraftC];

    /// <summary>The real sign-in form, then the cookie header a browser would send from then on.</summary>
    private async Task<string> CookieAsync(string email)
    {
        var cookies = new CookieContainerHandler();
        using var browser = Hub.CreateDefaultClient(new Uri("http://localhost"), cookies);
        await browser.SignInAsync(email, IdentityHubFactory.DemoPassword);
        var header = cookies.Container.GetCookieHeader(new Uri("http://localhost/"));
        Assert.Contains("usecasehub=", header, StringComparison.Ordinal);
        return header;
    }

    private static async Task<string> TokenAsync(IdentityHubFactory host, string scope)
    {
        using var client = host.CreateClient();
        var tokens = await client.ClientCredentialsAsync("demo-client", IdentityHubFactory.DemoSecret, scope);
        return tokens.GetProperty("access_token").GetString()!;
    }

    /// <summary>The drafts written to the store reach the search index through the outbox; the search probes need them there.</summary>
    private async Task WaitForSearchIndexAsync()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var request = Request(MatrixCaller.Admin, HttpMethod.Get, "/api/search?q=draft&pageSize=100");
            using var response = await Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode
                && Secrets.All(d => body.Contains(d.Id.ToString(), StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the drafts did not reach the search index within 10 s");
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

}
