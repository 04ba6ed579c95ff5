using System.Runtime.CompilerServices;

namespace UseCaseHub.Testing;

/// <summary>Folders of the repository and throwaway folders for tests.</summary>
public static class TestPaths
{
    public static string Repository { get; } = FindRepository();

    public static string Seeds => Path.Combine(Repository, "seeds");
    public static string Content => Path.Combine(Repository, "content");

    private static string FindRepository([CallerFilePath] string here = "")
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UseCaseHub.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));
    }

    /// <summary>Every test folder lives under this one prefix, so a killed run's leftovers are easy to find and remove.</summary>
    public static string TemporaryRoot { get; } = Path.Combine(Path.GetTempPath(), "usecasehub-tests");

    /// <summary>Folders older than this and not held by a live test process are a killed run's leftovers.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(3);

    /// <summary>The owner file of folder <c>x</c> is <c>x.owner-pid</c>.</summary>
    public const string OwnerSuffix = ".owner-pid";
    private static readonly Lazy<int> Cleaned = new(() => RemoveStaleFolders(DateTime.UtcNow));

    public static string NewTemporaryFolder()
    {
        _ = Cleaned.Value; // once per test process, before its first folder
        var path = Path.Combine(TemporaryRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        // Which process made it, beside the folder (inside it, it would make an "empty" folder non-empty): a folder whose
        // process still runs is never removed, however old.
        File.WriteAllText(path + OwnerSuffix, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return path;
    }

    /// <summary>Deletes a folder made by <see cref="NewTemporaryFolder"/> and then its owner file (left beside a folder that could not be deleted, which stays protected while its process runs).</summary>
    public static void DeleteTemporaryFolder(string path)
    {
        Directory.Delete(path, recursive: true);
        File.Delete(path + OwnerSuffix);
    }

    /// <summary>Deletes test folders last written before <see cref="StaleAfter"/> whose owner process is gone; returns how many.</summary>
    public static int RemoveStaleFolders(DateTime nowUtc)
    {
        if (!Directory.Exists(TemporaryRoot))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(TemporaryRoot))
        {
            try
            {
                if (Directory.GetLastWriteTimeUtc(folder) > nowUtc - StaleAfter || OwnerIsAlive(folder))
                {
                    continue;
                }

                DeleteTemporaryFolder(folder);
                removed++;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Held or mounted (a fault test killed mid-way): left for a later run.
            }
        }

        return removed;
    }

    private static bool OwnerIsAlive(string folder)
    {
        var owner = folder + OwnerSuffix;
        if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid))
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
