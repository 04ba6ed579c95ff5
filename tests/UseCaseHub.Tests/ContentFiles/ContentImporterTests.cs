using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.ContentFiles;

public class ContentImporterTests
{
    /// <summary>The store these tests run on; the PostgreSQL variant overrides it.</summary>
    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    [StoreFact]
    public async Task A_valid_folder_imports_every_field()
    {
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase());
        content.Write("best-practices/b.md", ContentFolder.BestPractice());
        content.Write("pages/about.md", ContentFolder.Page());
        await using var store = await TestStore.CreateAsync(provider: Provider);

        var report = await store.ImportAsync(content.Root);

        Assert.Equal((3, 0, 0), (report.Added, report.Failed, report.Warnings.Count));
        var useCase = await store.RunAsync<HubDbContext, UseCase>(db => db.UseCases
            .Include(u => u.Countries).Include(u => u.Sdgs).Include(u => u.SdgTargets).Include(u => u.Verticals)
            .Include(u => u.Technologies).Include(u => u.Standards).Include(u => u.Organization).Include(u => u.Partners)
            .Include(u => u.CitedBy).SingleAsync());
        Assert.Equal(("UC-2026-00001", ContentFolder.DeterministicGuid("UC-2026-00001"), "kenya-water-meters"), (useCase.Pid, useCase.Id, useCase.Slug));
        Assert.Equal(EntryStatus.Published, useCase.Status);
        Assert.Equal(DeploymentStage.Pilot, useCase.Stage);
        Assert.Equal(2019, useCase.StartYear);
        Assert.Equal(["KE"], useCase.Countries.Select(c => c.Iso2));
        Assert.Equal([6, 11], useCase.Sdgs.Select(g => g.Number).Order());
        Assert.Equal(["6.1"], useCase.SdgTargets.Select(t => t.Code));
        Assert.Equal(["nb-iot", "smart-meters"], useCase.Technologies.Select(t => t.Slug).Order());
        Assert.Equal(["3GPP NB-IoT", "ITU-T Y.4900"], useCase.Standards.Select(s => s.Code).Order());
        Assert.Equal("Embu Water and Sanitation Company", useCase.Organization?.Name);
        Assert.Equal(["Safaricom"], useCase.Partners.Select(p => p.Name));
        Assert.Equal("Households", Assert.Single(useCase.Scale).Label);
        Assert.Equal("https://example.org/article", Assert.Single(useCase.Links).Url);
        Assert.Equal(["https://example.org/source"], useCase.Sources);
        Assert.Equal("Standard NB-IoT.", useCase.Interoperability);
        Assert.Equal(Licences.Default, useCase.Licence);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), useCase.PublishedAt);
        Assert.StartsWith("How the meters report.", useCase.Body, StringComparison.Ordinal);
        Assert.Equal("BP-2026-00001", Assert.Single(useCase.CitedBy).Pid);
    }

    [StoreTheory]
    [InlineData("智慧水务监测")]
    [InlineData("Мониторинг воды в Бишкеке")]
    [InlineData("رصد المياه الذكي")]
    public async Task Slugs_made_from_titles_in_any_script_import(string title)
    {
        // The API makes slugs from titles with Slugs.From; an exported entry must import again.
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase(slug: Slugs.From(title), title: title));
        await using var store = await TestStore.CreateAsync(provider: Provider);

        var report = await store.ImportAsync(content.Root);

        Assert.True(report.Failed == 0, string.Join("\n", report.Errors));
        Assert.Equal(Slugs.From(title), await store.RunAsync<HubDbContext, string>(db => db.Entries.Select(e => e.Slug).SingleAsync()));
    }

    [StoreFact]
    public async Task Importing_again_skips_unchanged_files_and_updates_changed_ones()
    {
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase());
        content.Write("use-cases/b.md", ContentFolder.UseCase(pid: "UC-2026-00002", slug: "second"));
        await using var store = await TestStore.CreateAsync(provider: Provider);
        await store.ImportAsync(content.Root);

        var unchanged = await store.ImportAsync(content.Root);
        content.Write("use-cases/b.md", ContentFolder.UseCase(pid: "UC-2026-00002", slug: "second", title: "A new title", sdgs: "[6]"));
        var changed = await store.ImportAsync(content.Root);

        Assert.Equal((0, 0, 2), (unchanged.Added, unchanged.Updated, unchanged.Unchanged));
        Assert.Equal((0, 1, 1), (changed.Added, changed.Updated, changed.Unchanged));
        var second = await store.RunAsync<HubDbContext, Entry>(db => db.Entries.Include(e => e.Sdgs).SingleAsync(e => e.Pid == "UC-2026-00002"));
        Assert.Equal("A new title", second.Title);
        Assert.Equal([6], second.Sdgs.Select(g => g.Number));
        Assert.Equal(2, await store.RunAsync<HubDbContext, int>(db => db.Entries.CountAsync()));
    }

    public static TheoryData<string, string, int, string?> BadFiles => new()
    {
        // file text, expected message fragment, expected line, expected field
        { ContentFolder.UseCase(sdgs: "[6, 18]"), "Unknown SDG '18'", 10, "sdgs" },
        { ContentFolder.UseCase(title: ""), "is required", 5, "title" },
        { ContentFolder.UseCase(verticals: "[water, teleportation]"), "Unknown vertical 'teleportation'", 8, "verticals" },
        { ContentFolder.UseCase(countries: "[KE, XX]"), "Unknown country 'XX'", 9, "countries" },
        { ContentFolder.UseCase(targets: "[\"7.1\"]"), "Target 7.1 belongs to SDG 7", 11, "sdg_targets" },
        { ContentFolder.UseCase(pid: "UC-26-1"), "is not a UseCase identifier", 2, "pid" },
        { ContentFolder.UseCase(extra: "colour: blue"), "is not a known field", 36, "colour" },
        { ContentFolder.UseCase().Replace("stage: pilot", "stage: pilot: oops", StringComparison.Ordinal), "Broken YAML", 14, null },
        { ContentFolder.UseCase().Replace("stage: pilot", "stage: [pilot", StringComparison.Ordinal), "Broken YAML", 2, null },
        { "No front matter here.", "must start with YAML front matter", 1, null },
        { "---\ntitle: never closed\n", "not closed", 1, null },
    };

    [StoreTheory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_reported_with_file_line_and_field_and_the_others_still_load(string text, string message, int line, string? field)
    {
        var content = new ContentFolder();
        content.Write("use-cases/bad.md", text);
        content.Write("use-cases/good.md", ContentFolder.UseCase(pid: "UC-2026-00009", slug: "good"));
        await using var store = await TestStore.CreateAsync(provider: Provider);

        var report = await store.ImportAsync(content.Root);

        Assert.Equal((1, 1), (report.Added, report.Failed));
        var problem = Assert.Single(report.Errors);
        Assert.Equal(Path.Combine("use-cases", "bad.md"), problem.File);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(line, problem.Line);
        Assert.Equal(field, problem.Field);
        Assert.Equal(["UC-2026-00009"], await store.RunAsync<HubDbContext, List<string>>(db => db.Entries.Select(e => e.Pid).ToListAsync()));
    }

    [StoreFact]
    public async Task Duplicate_identifiers_and_slugs_are_refused_in_the_later_file()
    {
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase());
        content.Write("use-cases/b.md", ContentFolder.UseCase(slug: "other-slug"));
        content.Write("use-cases/c.md", ContentFolder.UseCase(pid: "UC-2026-00003"));
        await using var store = await TestStore.CreateAsync(provider: Provider);

        var report = await store.ImportAsync(content.Root);

        Assert.Equal((1, 2), (report.Added, report.Failed));
        Assert.Contains(report.Errors, e => e.File.EndsWith("b.md", StringComparison.Ordinal) && e.Field == "pid");
        Assert.Contains(report.Errors, e => e.File.EndsWith("c.md", StringComparison.Ordinal) && e.Field == "slug");
    }

    [StoreFact]
    public async Task A_stored_entry_keeps_its_uuid()
    {
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase());
        await using var store = await TestStore.CreateAsync(provider: Provider);
        await store.ImportAsync(content.Root);

        content.Write("use-cases/a.md", ContentFolder.UseCase(uuid: Guid.NewGuid().ToString()));
        var report = await store.ImportAsync(content.Root);

        Assert.Equal("uuid", Assert.Single(report.Errors).Field);
    }

    [StoreFact]
    public async Task Entries_are_not_attached_to_an_organisation_founded_by_a_registration()
    {
        // Someone registered first as the submitter's name and an admin approved it: the curated entry must not go to them.
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase());
        await using var store = await TestStore.CreateAsync(provider: Provider);
        await store.RunAsync<HubDbContext>(async db =>
        {
            db.Organizations.Add(new Organization
            {
                Id = Guid.NewGuid(),
                Slug = Slugs.From("Embu Water and Sanitation Company"),
                Name = "Embu Water and Sanitation Company",
                CreatedByRegistration = true,
            });
            await db.SaveChangesAsync();
        });

        var report = await store.ImportAsync(content.Root);

        var problem = Assert.Single(report.Errors);
        Assert.Equal("submitter", problem.Field);
        Assert.Contains("founded through a registration", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, await store.RunAsync<HubDbContext, int>(db => db.Entries.CountAsync()));
    }

    [StoreFact]
    public async Task A_best_practice_drawing_on_an_unknown_use_case_is_refused()
    {
        var content = new ContentFolder();
        content.Write("best-practices/b.md", ContentFolder.BestPractice(drawsOn: "[UC-2026-00404]"));
        await using var store = await TestStore.CreateAsync(provider: Provider);

        var report = await store.ImportAsync(content.Root);

        var problem = Assert.Single(report.Errors);
        Assert.Equal(("draws_on", 18), (problem.Field, problem.Line));
    }

    [StoreFact]
    public async Task Missing_sources_and_standpoints_are_warnings_not_errors()
    {
        var content = new ContentFolder();
        var text = ContentFolder.UseCase()
            .Replace("sources:\n  - https://example.org/source\n", "", StringComparison.Ordinal)
            .Replace("lessons_learned: |\n  Start small.\n", "", StringComparison.Ordinal);
        content.Write("use-cases/a.md", text);
        await using var store = await TestStore.CreateAsync(provider: Provider);

        var report = await store.ImportAsync(content.Root);

        Assert.Equal(1, report.Added);
        Assert.Contains(report.Warnings, w => w.Message.Contains("no sources", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Message.Contains("lessons_learned", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Progress_is_reported_for_every_file()
    {
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase());
        content.Write("use-cases/bad.md", "nothing");
        content.Write("pages/about.md", ContentFolder.Page());
        await using var store = await TestStore.CreateAsync(provider: Provider);
        var seen = new List<Core.ContentFiles.ImportProgress>();

        await store.RunAsync<Core.ContentFiles.ContentImporter>(i => i.ImportAsync(content.Root, new SynchronousProgress(seen.Add)));

        Assert.Equal([1, 2, 3], seen.Select(p => p.Done));
        Assert.All(seen, p => Assert.Equal(3, p.Total));
    }

    private sealed class SynchronousProgress(Action<Core.ContentFiles.ImportProgress> report) : IProgress<Core.ContentFiles.ImportProgress>
    {
        public void Report(Core.ContentFiles.ImportProgress value) => report(value);
    }
}
