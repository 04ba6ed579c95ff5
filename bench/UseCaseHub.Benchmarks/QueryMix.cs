using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Benchmarks;

/// <summary>One typical search: 1-3 words and 0-3 facet filters.</summary>
internal sealed record TypicalQuery(string Text, IReadOnlyDictionary<string, IReadOnlyList<string>> Filters)
{
    public string QueryString() => "q=" + Uri.EscapeDataString(Text)
        + string.Concat(Filters.SelectMany(f => f.Value.Select(v => $"&{f.Key}={Uri.EscapeDataString(v)}")));
}

/// <summary>
/// Typical queries, seeded: words people use in this catalogue (content words of real English titles,
/// taken together from one title so they co-occur) and filters on the values that are common.
/// </summary>
internal static class QueryMix
{
    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
    {
        "with", "from", "for", "and", "the", "into", "over", "across", "using", "through", "its", "their",
    };

    public static async Task<List<TypicalQuery>> CreateAsync(HubDbContext db, int count, int seed)
    {
        var random = new Random(seed);
        var titles = await db.Entries.Where(e => e.Language == "en" && e.ContentHash != null).Select(e => e.Title).ToListAsync();
        var words = titles.Select(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(',', '.', ':', ';', '(', ')')).Where(w => w.Length > 3 && !Stop.Contains(w) && w.All(char.IsLetter)).ToArray())
            .Where(w => w.Length > 0).ToList();
        var filterChoices = new (string Facet, string[] Values)[]
        {
            (Facets.Sdg, ["11", "9", "6", "7", "3", "13"]),
            (Facets.Type, [SearchTypes.UseCase, SearchTypes.BestPractice]),
            (Facets.Region, ["002", "019", "142", "150"]),
            (Facets.Vertical, ["water", "energy", "agriculture", "mobility-and-transport", "health"]),
            (Facets.Group, ["LDC", "SIDS"]),
        };
        var queries = new List<TypicalQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var title = words[random.Next(words.Count)];
            var text = string.Join(' ', title.OrderBy(_ => random.Next()).Take(1 + random.Next(Math.Min(3, title.Length))));
            var filterCount = random.NextDouble() switch { < 0.4 => 0, < 0.7 => 1, < 0.9 => 2, _ => 3 };
            var filters = filterChoices.OrderBy(_ => random.Next()).Take(filterCount)
                .ToDictionary(f => f.Facet, f => (IReadOnlyList<string>)[f.Values[random.Next(f.Values.Length)]]);
            queries.Add(new TypicalQuery(text, filters));
        }

        return queries;
    }
}
