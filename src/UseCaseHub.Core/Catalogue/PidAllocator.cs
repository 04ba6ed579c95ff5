using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Catalogue;

/// <summary>
/// Persistent identifiers for entries created through the hub (content files bring their own). The number is
/// drawn at random among the year's unused ones rather than "last + 1", so an identifier tells its receiver
/// nothing about entries it cannot see (how many drafts other organisations hold, or when they were made).
/// </summary>
public static class PidAllocator
{
    private const int Numbers = 99_999;
    private const int Attempts = 20;

    /// <summary>An unused identifier of the kind for this year, e.g. <c>UC-2026-48213</c>.</summary>
    public static async Task<string> NextAsync(HubDbContext db, EntryKind kind, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{kind.PidPrefix()}-{now.Year}-");
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var candidate = Format(prefix, RandomNumberGenerator.GetInt32(1, Numbers + 1));
            // Checked against every entry, whoever may see it; the caller only ever learns the one it gets.
            if (!await db.Entries.IgnoreQueryFilters().AnyAsync(e => e.Pid == candidate, cancellationToken))
            {
                return candidate;
            }
        }

        // A year nearly full: take the first free number, still without reading anything back to the caller.
        var used = (await db.Entries.IgnoreQueryFilters().Where(e => e.Pid.StartsWith(prefix)).Select(e => e.Pid).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(1, Numbers).Select(n => Format(prefix, n)).FirstOrDefault(p => !used.Contains(p))
            ?? throw new InvalidOperationException($"No {kind} identifier is left for {now.Year}.");
    }

    private static string Format(string prefix, int number) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{number:D5}");
}
