using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// Answers kept per point-in-time reader or searcher: what depends only on the request and a reader that never changes
/// is exactly as fresh cached as computed (the next reader after a commit starts empty). Bounded per reader; beyond the
/// bound answers are computed uncached.
/// </summary>
internal sealed class PerReaderCache<T>(int maxPerReader)
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<string, T>> _cache = new();

    public T GetOrAdd(object reader, string key, Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        var answers = _cache.GetValue(reader, _ => new ConcurrentDictionary<string, T>(StringComparer.Ordinal));
        if (answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var answer = compute();
        if (answers.Count < maxPerReader)
        {
            answers.TryAdd(key, answer);
        }

        return answer;
    }
}

/// <summary>Keys of <see cref="PerReaderCache{T}"/> built from parts.</summary>
internal static class CacheKey
{
    /// <summary>
    /// Appends each part with its length before it, so no part's text can pass for a separator: a filter value holding
    /// the separator character must not share a key (and a cached answer) with two values.
    /// </summary>
    public static StringBuilder AppendParts(StringBuilder key, IEnumerable<string> parts)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var part in parts)
        {
            key.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }

        return key.Append(';');
    }
}
