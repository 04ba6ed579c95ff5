using UseCaseHub.Core.Search;

namespace UseCaseHub.Tests.Search;

public sealed class MeasuredSearchEngineTests
{
    /// <summary>
    /// The host wraps the chosen engine to time it: a member the wrapper left to the interface's default would silently
    /// replace the engine's own answer (Lucene's index folder, its direct count-and-page) by the default's.
    /// </summary>
    [Fact]
    public void Every_engine_member_is_forwarded_not_left_to_the_interface_default()
    {
        var map = typeof(MeasuredSearchEngine).GetInterfaceMap(typeof(ISearchEngine));

        var notForwarded = map.InterfaceMethods.Zip(map.TargetMethods)
            .Where(pair => pair.Second.DeclaringType != typeof(MeasuredSearchEngine))
            .Select(pair => pair.First.Name)
            .ToList();

        Assert.True(map.InterfaceMethods.Length >= 14, $"only {map.InterfaceMethods.Length} members found");
        Assert.Empty(notForwarded);
    }
}
