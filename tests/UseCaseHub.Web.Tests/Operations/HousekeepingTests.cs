using UseCaseHub.Testing;
using UseCaseHub.Web.Tests.Cli;

namespace UseCaseHub.Web.Tests.Operations;

/// <summary>Issue 16 item 6: a killed run's temporary folders are removed by the next run; progress in a log has no carriage returns.</summary>
public sealed class HousekeepingTests
{
    [Fact]
    public void Stale_test_folders_of_dead_processes_are_removed_and_live_or_recent_ones_kept()
    {
        var now = DateTime.UtcNow;
        var stale = Folder(now.AddHours(-5), owner: int.MaxValue); // no such process
        var unowned = Folder(now.AddHours(-5), owner: null);
        var held = Folder(now.AddHours(-5), owner: Environment.ProcessId);
        var recent = Folder(now.AddMinutes(-10), owner: int.MaxValue);

        TestPaths.RemoveStaleFolders(now);

        Assert.False(Directory.Exists(stale));
        Assert.False(Directory.Exists(unowned));
        Assert.True(Directory.Exists(held));
        Assert.True(Directory.Exists(recent));
        Directory.Delete(held, recursive: true);
        Directory.Delete(recent, recursive: true);
    }

    private static string Folder(DateTime lastWrite, int? owner)
    {
        var path = TestPaths.NewTemporaryFolder();
        File.Delete(path + TestPaths.OwnerSuffix);
        if (owner is { } pid)
        {
            File.WriteAllText(path + TestPaths.OwnerSuffix, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Directory.SetLastWriteTimeUtc(path, lastWrite);
        return path;
    }

    [Fact]
    public async Task Progress_redirected_to_a_log_is_one_line_per_step_without_carriage_returns()
    {
        var data = TestPaths.NewTemporaryFolder();
        var content = new ContentFolder();
        content.Write("use-cases/good.md", ContentFolder.UseCase());
        content.Write("best-practices/lpwan.md", ContentFolder.BestPractice());

        var import = await HubProcess.RunAsync(data, null, "import", content.Root);
        var reindex = await HubProcess.RunAsync(data, null, "reindex");

        Assert.Equal(0, import.ExitCode);
        Assert.DoesNotContain('\r', import.Errors + reindex.Errors);
        var lines = import.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("Importing ", StringComparison.Ordinal)).ToList();
        Assert.Equal(lines.Distinct(StringComparer.Ordinal).Count(), lines.Count);
        Assert.Contains("Importing 2/2 (100%)", lines.Last(), StringComparison.Ordinal);
        Assert.Contains("Indexing 2/2 (100%)", reindex.Errors, StringComparison.Ordinal);
    }
}
