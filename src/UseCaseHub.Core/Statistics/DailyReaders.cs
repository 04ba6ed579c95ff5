using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace UseCaseHub.Core.Statistics;

/// <summary>
/// Which readers have already viewed an entry today (UTC), so one reader counts once per entry and day however often they,
/// or a script with a browser's user agent, ask: "most viewed" cannot be bought with a loop. A reader is their network
/// address, kept only as a keyed hash of (address, entry, day) whose key is drawn when the process starts and never
/// leaves it: the set is in memory only, never stored or logged, and says nothing once the process ends. It holds at most
/// <c>capacity</c> hashes (16 bytes each) and forgets them all when the day changes or when it is full (then a reader may
/// count once more that day: memory stays bounded whatever the traffic).
/// </summary>
public sealed class DailyReaders(TimeProvider clock, int capacity)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Lock _gate = new();
    private readonly HashSet<UInt128> _seen = [];
    private DateOnly _day;

    /// <summary>How many (reader, entry) pairs of today are remembered (for tests and metrics).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>True the first time today that <paramref name="address"/> views <paramref name="entryId"/>; false after.</summary>
    public bool FirstView(string address, Guid entryId)
    {
        ArgumentNullException.ThrowIfNull(address);
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var hash = Hash(address, entryId, day);
        lock (_gate)
        {
            if (day != _day || _seen.Count >= capacity)
            {
                _seen.Clear();
                _day = day;
            }

            return _seen.Add(hash);
        }
    }

    private UInt128 Hash(string address, Guid entryId, DateOnly day)
    {
        var text = Encoding.UTF8.GetBytes(address);
        var message = new byte[text.Length + 16 + 4];
        text.CopyTo(message, 0);
        entryId.ToByteArray().CopyTo(message, text.Length);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(text.Length + 16), day.DayNumber);
        return BinaryPrimitives.ReadUInt128LittleEndian(HMACSHA256.HashData(_key, message));
    }
}
