namespace UseCaseHub.Core.Statistics;

/// <summary>
/// How often one entry was read and its files downloaded on one day (UTC). Deliberately nothing else: no address, no
/// user agent, no account, no time of day, so the table holds no personal data and cannot be joined back to a person.
/// </summary>
public sealed class EntryDailyStat
{
    public Guid EntryId { get; set; }

    public DateOnly Day { get; set; }

    public long Views { get; set; }

    public long Downloads { get; set; }
}
