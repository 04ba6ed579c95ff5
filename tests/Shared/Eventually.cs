using System.Diagnostics;

namespace UseCaseHub.Testing;

/// <summary>
/// The one way tests wait for what happens in the background (an indexer's pass, a log line, a lease passing on): ask
/// again until the answer is right, and fail with what was awaited when the time is up, never carry on silently.
/// </summary>
public static class Eventually
{
    /// <summary>The first answer that is <paramref name="done"/>; a <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> ask, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(done);
        var limit = within ?? TimeSpan.FromSeconds(40);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await ask();
            if (done(answer))
            {
                return answer;
            }

            if (clock.Elapsed >= limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:N0} s for {what}; the last answer was {answer}.");
            }

            await Task.Delay(100);
        }
    }

    public static Task Until(Func<Task<bool>> condition, string what, TimeSpan? within = null) => Until(condition, ok => ok, what, within);

    public static Task Until(Func<bool> condition, string what, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Until(() => Task.FromResult(condition()), ok => ok, what, within);
    }
}
