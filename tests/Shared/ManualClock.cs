namespace UseCaseHub.Testing;

/// <summary>
/// Real time plus an offset the test moves (given to the services under test only: sign-in cookies keep real time).
/// Running with real time keeps records stamped by the store's own clock (audit rows without an explicit time) in order with it.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _offset;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offset));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offset, by.Ticks);
}
