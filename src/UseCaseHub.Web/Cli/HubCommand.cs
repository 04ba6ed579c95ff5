using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Identity;

namespace UseCaseHub.Web.Cli;

/// <summary>
/// Operator commands run by the host itself (<c>dotnet run -- import</c>), so they use exactly the
/// site's configuration and store. Without a verb the host serves the site.
/// </summary>
public sealed class HubCommand
{
    private static readonly string[] Verbs = ["import", "export", "reindex", "revalidate", "users", "backup", "restore", "help"];

    public string? Verb { get; private init; }
    public string[] HostArgs { get; private init; } = [];
    public string? PathArgument { get; private init; }

    /// <summary>The words after <c>users</c> (sub-command, email, role) up to the first host setting.</summary>
    public string[] Arguments { get; private init; } = [];

    public static HubCommand Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !Verbs.Contains(args[0], StringComparer.OrdinalIgnoreCase))
        {
            return new HubCommand { HostArgs = args };
        }

        if (string.Equals(args[0], "users", StringComparison.OrdinalIgnoreCase))
        {
            var words = args.Skip(1).TakeWhile(a => !a.StartsWith('-')).ToArray();
            return new HubCommand { Verb = "users", Arguments = words, HostArgs = args.Skip(1 + words.Length).ToArray() };
        }

        // import [DIR] / export DIR; anything after is host configuration (--Store:ConnectionString=...).
        var path = args.Length > 1 && !args[1].StartsWith('-') ? args[1] : null;
        return new HubCommand
        {
            Verb = args[0].ToLowerInvariant(),
            PathArgument = path,
            HostArgs = args.Skip(path is null ? 1 : 2).ToArray(),
        };
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Verb == "help")
        {
            Console.WriteLine("""
                UseCaseHub commands (run with: dotnet run --project src/UseCaseHub.Web -- <command>)
                  (none)         serve the site and API
                  import [DIR]   import content files (default: Hub:ContentPath) into the store
                  export DIR     write every entry and page back to Markdown files under DIR
                  reindex        rebuild the search index from the store
                  revalidate     run the re-validation scan once and list the entries it flagged
                  backup DIR     copy the store (online, while the site serves), attachments, keys and a Markdown
                                 export into the new folder DIR, with a manifest of counts and checksums
                  restore DIR    restore a backup into an EMPTY data folder (Hub:DataPath), checking every checksum
                                 first, then migrate the store and rebuild the search index
                  users create-admin EMAIL
                                 create a confirmed administrator; the password is read from standard input
                                 (echo ... | or < file), else a generated one is printed once
                  users grant EMAIL ROLE    give a role (Member, Curator, Admin)
                  users revoke EMAIL ROLE   take a role away
                  users list     every account: email, roles, organisation, confirmed, locked
                  help           this text
                Host settings may follow, e.g. --Store:ConnectionString="Data Source=/tmp/hub.db"
                """);
            return 0;
        }

        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        if (Verb is "backup" or "restore")
        {
            if (PathArgument is null)
            {
                await Console.Error.WriteLineAsync($"{Verb} needs a folder: {Verb} DIR");
                return 2;
            }

            // Before the store is opened: restore needs the data folder still empty.
            var backup = ActivatorUtilities.CreateInstance<BackupCommand>(services);
            return Verb == "backup" ? await backup.BackupAsync(Path.GetFullPath(PathArgument)) : await backup.RestoreAsync(Path.GetFullPath(PathArgument));
        }

        await services.GetRequiredService<StoreInitializer>().InitializeAsync();
        if (Verb == "reindex")
        {
            return await ReindexAsync(services);
        }

        if (Verb == "revalidate")
        {
            return await RevalidateCommand.RunAsync(services);
        }

        if (Verb == "users")
        {
            await services.GetRequiredService<IdentitySeeder>().SeedRolesAsync();
            return await ActivatorUtilities.CreateInstance<UserCommands>(services).RunAsync(Arguments);
        }

        var progress = new ConsoleProgress(Verb == "import" ? "Importing" : "Exporting");
        if (Verb == "export")
        {
            if (PathArgument is null)
            {
                await Console.Error.WriteLineAsync("export needs a target folder: export DIR");
                return 2;
            }

            var count = await services.GetRequiredService<ContentExporter>().ExportAsync(Path.GetFullPath(PathArgument), progress);
            ConsoleProgress.Finish();
            Console.WriteLine($"Exported {count} files to {Path.GetFullPath(PathArgument)}");
            return 0;
        }

        var importer = services.GetRequiredService<ContentImporter>();
        var report = PathArgument is null
            ? await importer.ImportAsync(progress)
            : await importer.ImportAsync(Path.GetFullPath(PathArgument), progress);
        ConsoleProgress.Finish();
        foreach (var error in report.Errors)
        {
            Console.WriteLine($"error: {error}");
        }

        foreach (var warning in report.Warnings)
        {
            Console.WriteLine($"warning: {warning}");
        }

        Console.WriteLine(report);
        return report.Failed == 0 ? 0 : 1;
    }

    private static async Task<int> ReindexAsync(IServiceProvider services)
    {
        var total = await services.GetRequiredService<HubDbContext>().Entries.CountAsync();
        var console = new ConsoleProgress("Indexing");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var count = await services.GetRequiredService<SearchIndexer>().RebuildAsync(new ReindexProgress(console, total));
        ConsoleProgress.Finish();
        Console.WriteLine($"Indexed {count} entries in {started.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>Entries indexed so far, shown like an import's files.</summary>
    private sealed class ReindexProgress(ConsoleProgress console, int total) : IProgress<int>
    {
        public void Report(int value) => console.Report(new ImportProgress(value, total, ""));
    }
}
