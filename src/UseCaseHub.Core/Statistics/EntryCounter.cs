namespace UseCaseHub.Core.Statistics;

/// <summary>
/// Counts views and downloads in memory, per entry and UTC day, so that counting costs a request no database write;
/// <see cref="EntryStatistics.FlushAsync"/> writes the counts in batches (the web host's flusher, every few seconds and at
/// shutdown). Callers decide first that the request is a person's (<see cref="TrafficRules"/>); this only adds.
/// </summary>
public sealed class EntryCounter(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private Dictionary<(Guid Entry, DateOnly Day), Counts> _pending = [];

    /// <summary>One view of the entry's page.</summary>
    public void View(Guid entryId) => Add(entryId, 1, 0);

    /// <summary>One download of one of the entry's files (or an export of it).</summary>
    public void Download(Guid entryId) => Add(entryId, 0, 1);

    /// <summary>How many counts wait for the next flush (for tests and metrics).</summary>
    public int PendingRows
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Takes every pending count (the caller writes them, and gives them back with <see cref="Return"/> if it cannot).</summary>
    public IReadOnlyList<EntryDailyStat> Drain()
    {
        Dictionary<(Guid Entry, DateOnly Day), Counts> taken;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return [];
            }

            taken = _pending;
            _pending = [];
        }

        return taken.Select(p => new EntryDailyStat { EntryId = p.Key.Entry, Day = p.Key.Day, Views = p.Value.Views, Downloads = p.Value.Downloads }).ToList();
    }

    /// <summary>Puts counts back after a failed write, so a database hiccup loses nothing (they go out with the next batch).</summary>
    public void Return(IEnumerable<EntryDailyStat> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        lock (_gate)
        {
            foreach (var count in counts)
            {
                AddLocked((count.EntryId, count.Day), count.Views, count.Downloads);
            }
        }
    }

    private void Add(Guid entryId, long views, long downloads)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            AddLocked((entryId, day), views, downloads);
        }
    }

    private void AddLocked((Guid, DateOnly) key, long views, long downloads)
    {
        _pending[key] = _pending.TryGetValue(key, out var counts)
            ? new Counts(counts.Views + views, counts.Downloads + downloads)
            : new Counts(views, downloads);
    }

    private readonly record struct Counts(long Views, long Downloads);
}
