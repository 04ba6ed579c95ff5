using System.Diagnostics;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Cli;

/// <summary>The operator commands, run as a separate process exactly as an operator would.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = TestPaths.NewTemporaryFolder();

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UseCaseHub.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add($"--Hub:DataPath={_data}");
        start.ArgumentList.Add($"--Hub:SeedsPath={TestPaths.Seeds}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

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

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
