using UseCaseHub.Web.Curation;

namespace UseCaseHub.Web.Cli;

/// <summary><c>revalidate</c>: one re-validation scan now, printing what it flagged (a second run flags nothing new).</summary>
internal static class RevalidateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services)
    {
        var report = await services.GetRequiredService<RevalidationRunner>().RunAsync();
        foreach (var entry in report.Due)
        {
            Console.WriteLine($"due: {entry.Pid} {entry.Title} (asked its owners)");
        }

        foreach (var entry in report.Overdue)
        {
            Console.WriteLine($"overdue: {entry.Pid} {entry.Title} (handed to the curators)");
        }

        Console.WriteLine($"Re-validation: {report.Due.Count} entries asked of their owners, {report.Overdue.Count} handed to curators");
        return 0;
    }
}
