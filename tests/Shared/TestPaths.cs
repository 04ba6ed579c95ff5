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

    public static string NewTemporaryFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "usecasehub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
