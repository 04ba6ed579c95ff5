using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.ContentFiles;
using UseCaseHub.Testing;

namespace UseCaseHub.Web.Tests.Assessments;

/// <summary>The test content has no criteria page: these tests import the shipped one through the real importer.</summary>
internal static class Rubric
{
    public static async Task<AssessmentRubric> StoreShippedPageAsync(IServiceProvider services)
    {
        var content = new ContentFolder();
        content.Write("pages/assessment-criteria.md", File.ReadAllText(Path.Combine(TestPaths.Content, "pages", "assessment-criteria.md")));
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(content.Root, progress: null);
        return await AssessmentRubric.LoadAsync(scope.ServiceProvider.GetRequiredService<Core.Store.HubDbContext>());
    }
}
