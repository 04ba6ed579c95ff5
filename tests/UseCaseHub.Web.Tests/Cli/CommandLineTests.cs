using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Store;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Cli;

/// <summary>The operator commands, run as a separate process exactly as an operator would.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = TestPaths.NewTemporaryFolder();

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    /// <summary>Runs the host as a process; <paramref name="input"/>, when given, is written to its redirected standard input.</summary>
    private Task<(int ExitCode, string Output, string Errors)> RunWithInputAsync(string? input, params string[] arguments) =>
        HubProcess.RunAsync(_data, input, arguments);

    [Fact]
    public async Task Import_reports_bad_files_with_location_and_fails_then_skips_unchanged_files()
    {
        var content = new ContentFolder();
        content.Write("use-cases/good.md", ContentFolder.UseCase());
        content.Write("use-cases/bad.md", ContentFolder.UseCase(pid: "UC-2026-00002", slug: "bad", sdgs: "[99]"));

        var first = await RunAsync("import", content.Root);
        File.Delete(Path.Combine(content.Root, "use-cases", "bad.md"));
        var second = await RunAsync("import", content.Root);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains($"error: {Path.Combine("use-cases", "bad.md")}:10: sdgs: Unknown SDG '99'", first.Output, StringComparison.Ordinal);
        Assert.Contains("2 files: 1 added, 0 updated, 0 unchanged, 1 failed", first.Output, StringComparison.Ordinal);
        Assert.Contains("Importing 2/2 (100%)", first.Errors, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("1 files: 0 added, 0 updated, 1 unchanged, 0 failed", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reindex_rebuilds_the_search_index_from_the_store_with_progress()
    {
        var content = new ContentFolder();
        content.Write("use-cases/good.md", ContentFolder.UseCase());
        content.Write("best-practices/lpwan.md", ContentFolder.BestPractice());
        await RunAsync("import", content.Root);

        var result = await RunAsync("reindex");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Indexed 2 entries", result.Output, StringComparison.Ordinal);
        Assert.Contains("Indexing 2/2 (100%)", result.Errors, StringComparison.Ordinal);
        Assert.True(Directory.EnumerateFiles(Path.Combine(_data, "search-index"), "segments_*").Any());
    }

    [Fact]
    public async Task Reindex_is_refused_while_another_process_holds_the_index_folder_and_changes_nothing()
    {
        var content = new ContentFolder();
        content.Write("use-cases/good.md", ContentFolder.UseCase());
        await RunAsync("import", content.Root);
        var folder = Path.Combine(_data, "search-index");
        // This test process plays the running site: it holds the folder's write lock with one document in it.
        using (var site = new UseCaseHub.Search.Lucene.LuceneSearchEngine(folder, Microsoft.Extensions.Logging.Abstractions.NullLogger<UseCaseHub.Search.Lucene.LuceneSearchEngine>.Instance))
        {
            var before = await site.CountAsync();

            var result = await RunAsync("reindex");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains($"The search index folder {folder} is open for writing by another process", result.Output + result.Errors, StringComparison.Ordinal);
            Assert.Equal(before, await site.CountAsync());
        }
    }

    [Fact]
    public async Task Export_writes_the_store_back_to_markdown_files()
    {
        var content = new ContentFolder();
        content.Write("use-cases/good.md", ContentFolder.UseCase());
        content.Write("pages/about.md", ContentFolder.Page());
        await RunAsync("import", content.Root);
        var target = TestPaths.NewTemporaryFolder();

        var export = await RunAsync("export", target);

        Assert.Equal(0, export.ExitCode);
        Assert.Contains("Exported 2 files", export.Output, StringComparison.Ordinal);
        var exported = await File.ReadAllTextAsync(Path.Combine(target, "use-cases", "kenya-water-meters.md"));
        Assert.StartsWith("---\npid: UC-2026-00001\n", exported, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target, "pages", "about.md")));
    }

    [Fact]
    public async Task Export_without_a_folder_says_what_it_needs()
    {
        var (exitCode, _, errors) = await RunAsync("export");

        Assert.Equal(2, exitCode);
        Assert.Contains("export needs a target folder", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var (exitCode, output, _) = await RunAsync("help");

        Assert.Equal(0, exitCode);
        Assert.Contains("import [DIR]", output, StringComparison.Ordinal);
        Assert.Contains("export DIR", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_create_admin_reads_the_password_from_standard_input_and_never_shows_it()
    {
        const string passphrase = "operator chooses a long passphrase";
        var created = await RunWithInputAsync(passphrase + "\n", "users", "create-admin", "ops@example.org");

        Assert.True(created.ExitCode == 0, created.Output + created.Errors);
        Assert.DoesNotContain(passphrase, created.Output + created.Errors, StringComparison.Ordinal);
        var list = await RunAsync("users", "list");
        Assert.Equal(0, list.ExitCode);
        var line = list.Output.Split('\n').Single(l => l.Contains("ops@example.org", StringComparison.Ordinal));
        Assert.Contains("Admin", line, StringComparison.Ordinal);
        Assert.Contains("confirmed", line, StringComparison.Ordinal);
        Assert.DoesNotContain("unconfirmed", line, StringComparison.Ordinal);

        // The same store served by the site: the operator signs in with the passphrase.
        using var hub = new UseCaseHub.Web.Tests.Identity.IdentityHubFactory(null, sharedDataPath: _data);
        await Identity.Http.SignInAsync(hub.Browser(), "ops@example.org", passphrase);
    }

    [Fact]
    public async Task Users_create_admin_without_a_password_prints_a_generated_one_once()
    {
        var created = await RunWithInputAsync("", "users", "create-admin", "generated@example.org");

        Assert.True(created.ExitCode == 0, created.Output + created.Errors);
        var line = created.Output.Split('\n').Single(l => l.StartsWith("Password: ", StringComparison.Ordinal));
        var password = line["Password: ".Length..].Trim();
        Assert.True(password.Length >= 20, password);
        Assert.DoesNotContain(password, created.Errors, StringComparison.Ordinal);
        Assert.Equal(1, created.Output.Split(password).Length - 1);
    }

    [Fact]
    public async Task Users_create_admin_refuses_a_password_given_as_an_argument()
    {
        var refused = await RunWithInputAsync("", "users", "create-admin", "args@example.org", "password-in-argument");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("standard input", refused.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("args@example.org", (await RunAsync("users", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_grant_and_revoke_check_the_role_and_the_person()
    {
        Assert.Equal(0, (await RunWithInputAsync("", "users", "create-admin", "roles@example.org")).ExitCode);

        Assert.Equal(0, (await RunAsync("users", "grant", "roles@example.org", "Curator")).ExitCode);
        Assert.Contains("Curator", (await RunAsync("users", "list")).Output, StringComparison.Ordinal);

        var unknownRole = await RunAsync("users", "grant", "roles@example.org", "Wizard");
        Assert.Equal(1, unknownRole.ExitCode);
        Assert.Contains("Unknown role 'Wizard'", unknownRole.Errors, StringComparison.Ordinal);

        var unknownUser = await RunAsync("users", "revoke", "nobody@example.org", "Admin");
        Assert.Equal(1, unknownUser.ExitCode);
        Assert.Contains("No account for 'nobody@example.org'", unknownUser.Errors, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("users", "revoke", "roles@example.org", "Curator")).ExitCode);
        Assert.DoesNotContain("Curator", (await RunAsync("users", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_commands_and_imports_are_recorded_in_the_audit_log()
    {
        Assert.Equal(0, (await RunWithInputAsync("", "users", "create-admin", "audited@example.org")).ExitCode);
        Assert.Equal(0, (await RunAsync("users", "grant", "audited@example.org", "Curator")).ExitCode);
        // Granting a role already held changes nothing, so it records nothing.
        Assert.Equal(0, (await RunAsync("users", "grant", "audited@example.org", "Curator")).ExitCode);
        Assert.Equal(0, (await RunAsync("users", "revoke", "audited@example.org", "Curator")).ExitCode);
        var content = new ContentFolder();
        content.Write("use-cases/good.md", ContentFolder.UseCase());
        Assert.Equal(0, (await RunAsync("import", content.Root)).ExitCode);
        Assert.Equal(0, (await RunAsync("import", content.Root)).ExitCode);

        var options = new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={Path.Combine(_data, "usecasehub.db")};Pooling=False").Options;
        await using var db = new HubDbContext(options);
        var rows = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();

        var roles = rows.Where(r => r.SubjectLabel == "audited@example.org").ToList();
        Assert.Equal([AuditActions.RoleGrant, AuditActions.RoleGrant, AuditActions.RoleRevoke], roles.Select(r => r.Action));
        Assert.Equal(["users create-admin", "users grant", "users revoke"], roles.Select(r => r.Note));
        Assert.Equal(["""{"role":"Admin"}""", """{"role":"Curator"}""", """{"role":"Curator"}"""], roles.Select(r => r.Details));
        Assert.All(roles, r => Assert.Equal("Operator", r.ActorRole));
        Assert.All(roles, r => Assert.StartsWith("operator ", r.ActorName, StringComparison.Ordinal));
        // One row per stored entry; the unchanged second import stores nothing and records nothing.
        var import = Assert.Single(rows, r => r.Action == AuditActions.EntryImport);
        Assert.Equal("content import", import.ActorName);
        Assert.Equal(Path.Combine("use-cases", "good.md"), import.Note);
    }

    [Fact]
    public async Task Revalidate_flags_an_unconfirmed_published_entry_once_and_prints_it()
    {
        var content = new ContentFolder();
        content.Write("use-cases/good.md", ContentFolder.UseCase());
        Assert.Equal(0, (await RunAsync("import", content.Root)).ExitCode);
        var options = new DbContextOptionsBuilder<HubDbContext>().UseSqlite($"Data Source={Path.Combine(_data, "usecasehub.db")};Pooling=False").Options;
        await using (var db = new HubDbContext(options))
        {
            var entry = await db.Entries.SingleAsync(e => e.Pid == "UC-2026-00001");
            entry.PublishedAt = DateTimeOffset.UtcNow.AddDays(-800);
            await db.SaveChangesAsync();
        }

        var first = await RunAsync("revalidate");
        Assert.True(first.ExitCode == 0, first.Errors);
        Assert.Contains("due: UC-2026-00001", first.Output, StringComparison.Ordinal);
        Assert.Contains("Re-validation: 1 entries asked of their owners, 0 handed to curators", first.Output, StringComparison.Ordinal);
        var second = await RunAsync("revalidate");
        Assert.Contains("Re-validation: 0 entries asked of their owners, 0 handed to curators", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_user_commands()
    {
        var (_, output, _) = await RunAsync("help");

        Assert.Contains("users create-admin EMAIL", output, StringComparison.Ordinal);
        Assert.Contains("users grant EMAIL ROLE", output, StringComparison.Ordinal);
        Assert.Contains("users revoke EMAIL ROLE", output, StringComparison.Ordinal);
        Assert.Contains("users list", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            TestPaths.DeleteTemporaryFolder(_data);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
