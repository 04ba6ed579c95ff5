using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.ContentFiles;

public sealed class ContentExporterTests
{
    [Fact]
    public async Task Exported_files_import_into_a_fresh_store_as_the_same_entries()
    {
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase(body: "Line one.\n\n## Two\n\nLine: with a colon"));
        content.Write("best-practices/b.md", ContentFolder.BestPractice());
        content.Write("pages/about.md", ContentFolder.Page(body: "About: us\n\n- a\n- b"));
        var exported = TestPaths.NewTemporaryFolder();
        string original;
        await using (var first = await TestStore.CreateAsync())
        {
            await first.ImportAsync(content.Root);
            original = await first.RunAsync<HubDbContext, string>(Describe);
            Assert.Equal(3, await first.RunAsync<ContentExporter, int>(e => e.ExportAsync(exported)));
        }

        await using var second = await TestStore.CreateAsync();
        var report = await second.ImportAsync(exported);

        Assert.Equal((3, 0, 0), (report.Added, report.Failed, report.Warnings.Count));
        Assert.Equal(original, await second.RunAsync<HubDbContext, string>(Describe));
    }

    /// <summary>Everything a content file carries, as text, for comparing two stores.</summary>
    private static async Task<string> Describe(HubDbContext db)
    {
        var entries = await db.Entries.AsNoTracking()
            .Include(e => e.Verticals).Include(e => e.Countries).Include(e => e.Sdgs).Include(e => e.SdgTargets)
            .Include(e => e.Technologies).Include(e => e.Standards).Include(e => e.Organization).Include(e => e.Partners)
            .Include(e => ((BestPractice)e).DrawsOn).OrderBy(e => e.Pid).ToListAsync();
        var pages = await db.Pages.AsNoTracking().OrderBy(p => p.Slug).Select(p => p.Slug + p.Title + p.Body + p.Order).ToListAsync();
        return string.Join("\n", entries.Select(e => string.Join("|",
            e.Pid, e.Id, e.Slug, e.Title, e.Summary, e.Body, e.Language, e.Status, e.Licence, e.Contact, e.PublishedAt,
            string.Join(",", e.Verticals.Select(v => v.Slug).Order()), string.Join(",", e.Countries.Select(c => c.Iso2).Order()),
            string.Join(",", e.Sdgs.Select(g => g.Number).Order()), string.Join(",", e.SdgTargets.Select(t => t.Code).Order()),
            string.Join(",", e.Technologies.Select(t => t.Slug).Order()), string.Join(",", e.Standards.Select(s => s.Code).Order()),
            e.Organization?.Name, string.Join(",", e.Partners.Select(p => p.Name).Order()),
            string.Join(",", e.Links.Select(l => l.Title + l.Url)), string.Join(",", e.Sources),
            e is UseCase u ? string.Join("|", u.Stage, u.StartYear, string.Join(",", u.Scale.Select(s => s.Label + s.Value)),
                u.Interoperability, u.DataAndIdentifiers, u.SecurityAndTrust, u.LessonsLearned) : "",
            e is BestPractice b ? string.Join(",", b.DrawsOn.Select(d => d.Pid)) : "")).Concat(pages));
    }
}
