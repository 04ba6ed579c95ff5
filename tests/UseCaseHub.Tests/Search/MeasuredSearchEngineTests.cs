using System.Diagnostics.Metrics;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Telemetry;
using UseCaseHub.Testing;

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

    /// <summary>A caller that gave up (a closed connection, a shutdown) is not a search failure; an engine that threw is.</summary>
    [Fact]
    public async Task A_cancelled_call_is_not_counted_as_a_failure_and_a_thrown_one_is()
    {
        var cancelled = new ThrowingEngine(new OperationCanceledException());
        var broken = new ThrowingEngine(new InvalidOperationException("the engine broke"));
        var failures = new Dictionary<string, long>(StringComparer.Ordinal) { [cancelled.Name] = 0, [broken.Name] = 0 };
        // Read before the listener starts: the instruments are published from HubTelemetry's static constructor, where
        // the callback could not read the counter yet.
        var counter = HubTelemetry.SearchFailures;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument, counter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            // Other tests in this process may measure too: only this test's engines (named uniquely) count.
            foreach (var tag in tags)
            {
                if (tag.Key == "engine" && tag.Value is string engine)
                {
                    lock (failures)
                    {
                        if (failures.ContainsKey(engine))
                        {
                            failures[engine] += value;
                        }
                    }
                }
            }
        });
        listener.Start();

        await Assert.ThrowsAsync<OperationCanceledException>(() => new MeasuredSearchEngine(cancelled).SearchAsync(new SearchRequest()));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new MeasuredSearchEngine(cancelled).CountAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => new MeasuredSearchEngine(broken).SearchAsync(new SearchRequest()));

        Assert.Equal(0, failures[cancelled.Name]);
        Assert.Equal(1, failures[broken.Name]);
    }

    private sealed class ThrowingEngine(Exception exception) : ForwardingSearchEngine
    {
        public override string Name { get; } = $"throwing-{Guid.NewGuid():N}";

        public override Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) => Task.FromException<SearchResult>(exception);

        public override Task<long> CountAsync(CancellationToken cancellationToken = default) =>
            Task.FromException<long>(new TaskCanceledException("the caller went away"));
    }
}
