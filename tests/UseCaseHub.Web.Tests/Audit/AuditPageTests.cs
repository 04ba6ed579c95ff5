using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Audit;

/// <summary>The admin pages record what they change; curators read the log at /curate/audit and export it as CSV.</summary>
public sealed class AuditPageTests(IdentityHubFactory hub) : IClassFixture<IdentityHubFactory>
{
    private Task<List<AuditEntry>> RowsAsync(string action, string subjectLabel) => hub.WithScopeAsync(services =>
        services.GetRequiredService<HubDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == action && a.SubjectLabel == subjectLabel).ToListAsync());

    [Fact]
    public async Task A_role_grant_on_the_admin_page_is_recorded_with_the_admin_and_the_role()
    {
        var browser = hub.Browser();
        await browser.SignInAsync("admin@example.org", IdentityHubFactory.DemoPassword);
        var member = await hub.WithScopeAsync(services => services.GetRequiredService<HubDbContext>().Users
            .Where(u => u.Email == "member@example.org").Select(u => u.Id).SingleAsync());
        var fields = new Dictionary<string, string> { ["userId"] = member.ToString(), ["role"] = "Curator" };

        using (var granted = await browser.SubmitAsync("/admin/users", fields, "/admin/users?handler=Grant"))
        {
            Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        }

        using (var revoked = await browser.SubmitAsync("/admin/users", fields, "/admin/users?handler=Revoke"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        // Revoking a role the person no longer holds changes nothing and records nothing.
        using (var again = await browser.SubmitAsync("/admin/users", fields, "/admin/users?handler=Revoke"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        var grant = Assert.Single(await RowsAsync(AuditActions.RoleGrant, "member@example.org"));
        Assert.Equal("admin@example.org", grant.ActorName);
        Assert.Equal("Admin", grant.ActorRole);
        Assert.Equal(member.ToString(), grant.SubjectId);
        Assert.Equal("""{"role":"Curator"}""", grant.Details);
        Assert.Single(await RowsAsync(AuditActions.RoleRevoke, "member@example.org"));
    }

    [Fact]
    public async Task The_audit_page_is_for_curators_and_admins_only()
    {
        using (var anonymous = await hub.Browser().GetAsync(new Uri("/curate/audit", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }

        var member = hub.Browser();
        await member.SignInAsync("member@example.org", IdentityHubFactory.DemoPassword);
        foreach (var url in new[] { "/curate/audit", "/curate/audit?handler=Csv" })
        {
            using var refused = await member.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        foreach (var email in new[] { "curator@example.org", "admin@example.org" })
        {
            var browser = hub.Browser();
            await browser.SignInAsync(email, IdentityHubFactory.DemoPassword);
            using var page = await browser.GetAsync(new Uri("/curate/audit", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    [Fact]
    public async Task The_page_filters_newest_first_and_the_csv_has_every_filtered_row_correctly_quoted()
    {
        var marker = "csv-" + Guid.NewGuid().ToString("N")[..8];
        string[] labels =
        [
            $"{marker} plain",
            $"{marker} with, a comma",
            $"{marker} with \"quotes\"",
            $"{marker} with a\nline break",
            $"{marker} مراقبة جودة المياه",
        ];
        await hub.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<HubDbContext>();
            var at = DateTimeOffset.UtcNow.AddMinutes(-10);
            foreach (var (label, i) in labels.Select((l, i) => (l, i)))
            {
                db.Audit(new AuditActor("u", "someone@example.org", "Curator"), AuditActions.EntryEdit, "entry", $"id-{i}", label,
                    note: i == 0 ? "=HYPERLINK(\"http://evil.example\")" : "reason, \"quoted\"", at: at.AddSeconds(i));
            }

            // Same marker, another action: the action filter leaves it out.
            db.Audit(new AuditActor("u", "someone@example.org", "Curator"), AuditActions.EntryDelete, "entry", "id-x", $"{marker} deleted", at: at);
            return await db.SaveChangesAsync();
        });
        var browser = hub.Browser();
        await browser.SignInAsync("curator@example.org", IdentityHubFactory.DemoPassword);
        var filter = $"action=entry.edit&subject={Uri.EscapeDataString(marker)}";

        var html = await browser.GetStringAsync(new Uri($"/curate/audit?{filter}", UriKind.Relative));
        Assert.DoesNotContain($"{marker} deleted", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("مراقبة جودة المياه", StringComparison.Ordinal) < html.IndexOf($"{marker} plain", StringComparison.Ordinal), "newest first");
        Assert.Contains("with &quot;quotes&quot;", html, StringComparison.Ordinal);

        using var response = await browser.GetAsync(new Uri($"/curate/audit?handler=Csv&{filter}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var records = CsvText.Parse(text);

        Assert.Equal(["Time (UTC)", "Action", "Actor", "Actor id", "Role", "Subject type", "Subject id", "Subject", "Note", "Details"], records[0]);
        Assert.Equal(labels.Reverse(), records.Skip(1).Select(r => r[7]));
        Assert.All(records, r => Assert.Equal(10, r.Count));
        Assert.All(records.Skip(1), r => Assert.Equal("entry.edit", r[1]));
        Assert.Equal("reason, \"quoted\"", records[1][8]);
        // A formula is never handed to a spreadsheet as a formula.
        Assert.False(records[^1][8].StartsWith('='), records[^1][8]);
        Assert.Contains("HYPERLINK", records[^1][8], StringComparison.Ordinal);
    }
}
