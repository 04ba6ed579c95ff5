using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Tests.Workflow;

/// <summary>Statuses are stored by name: the workflow's renames convert stored rows.</summary>
public sealed class StatusMigrationTests
{
    [Fact]
    public async Task Stored_InReview_and_Returned_become_UnderAssessment_and_ReturnedForRevision()
    {
        var content = new ContentFolder();
        content.Write("use-cases/a.md", ContentFolder.UseCase());
        content.Write("use-cases/b.md", ContentFolder.UseCase(pid: "UC-2026-00002", slug: "second"));
        await using var store = await TestStore.CreateAsync();
        await store.ImportAsync(content.Root);

        await store.RunAsync<HubDbContext>(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261125112743_EntryKindStatusIndex");
            await db.Database.ExecuteSqlRawAsync("UPDATE Entries SET Status = 'InReview' WHERE Pid = 'UC-2026-00001'");
            await db.Database.ExecuteSqlRawAsync("UPDATE Entries SET Status = 'Returned' WHERE Pid = 'UC-2026-00002'");
            await migrator.MigrateAsync();
        });

        var statuses = await store.RunAsync<HubDbContext, List<EntryStatus>>(db => db.Entries.OrderBy(e => e.Pid).Select(e => e.Status).ToListAsync());
        Assert.Equal([EntryStatus.UnderAssessment, EntryStatus.ReturnedForRevision], statuses);
    }
}
