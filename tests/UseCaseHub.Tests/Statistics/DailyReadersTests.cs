using UseCaseHub.Core.Statistics;

namespace UseCaseHub.Tests.Statistics;

/// <summary>One address, one view per entry and UTC day; the memory it takes is bounded.</summary>
public sealed class DailyReadersTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 23, 59, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly Guid Entry = Guid.NewGuid();

    [Fact]
    public void An_address_counts_once_per_entry_and_day()
    {
        var clock = new Clock();
        var readers = new DailyReaders(clock, 1000);

        Assert.True(readers.FirstView("203.0.113.7", Entry));
        Assert.False(readers.FirstView("203.0.113.7", Entry));
        Assert.True(readers.FirstView("203.0.113.8", Entry));
        Assert.True(readers.FirstView("203.0.113.7", Guid.NewGuid()));

        clock.Now = clock.Now.AddMinutes(2);
        Assert.True(readers.FirstView("203.0.113.7", Entry));
        Assert.Equal(1, readers.Count);
    }

    [Fact]
    public void A_full_set_starts_over_instead_of_growing()
    {
        var readers = new DailyReaders(new Clock(), 1000);
        for (var i = 0; i < 5000; i++)
        {
            readers.FirstView($"10.0.{i / 256}.{i % 256}", Entry);
            Assert.InRange(readers.Count, 1, 1000);
        }
    }
}
