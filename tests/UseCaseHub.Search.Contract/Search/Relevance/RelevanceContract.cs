using System.Globalization;
using System.Text;
using System.Text.Json;
using UseCaseHub.Core.Search;
using Xunit.Abstractions;

namespace UseCaseHub.Tests.Search;

/// <summary>
/// How well an engine ranks the shipped content for queries people type, against graded judgements written by reading
/// content/ (see judgements.json for how). Per query: nDCG@10 (gain 2^grade - 1, log2 discount, ideal from every judged
/// entry) and precision@5 (judged-relevant hits among the first five, over what can be relevant: min(5, relevant
/// entries)). The test prints the per-query table and fails when a mean falls under its floor. The floors were set from
/// the first honest run and are raised as ranking improves; the figures are in the README. Every engine runs it by
/// subclassing with a corpus of the shipped content alone.
/// </summary>
public abstract class RelevanceContract(SearchCorpus corpus, ITestOutputHelper output)
{
    /// <summary>
    /// The floors. The first honest run (before any ranking change) gave mean nDCG@10 0.937-0.938 and precision@5 0.94
    /// (lowest: <c>vacine</c> 0, <c>port</c> 0.42, <c>solar microgrids</c> 0.56, <c>traffic</c> 0.57, <c>water</c> 0.81).
    /// With the reader's language first (then ReaderLanguageQuery, now RankingQuery): 0.951 and 0.94 (<c>water</c> 1.0, <c>traffic</c> 0.94).
    /// Equal scores may swap between index builds (document order), so a run measures 0.944-0.951 and P@5 0.93-0.94:
    /// the floors leave that room. With tiers (RankingQuery: the words as typed, then title and phrase, before stems and
    /// tag names), hyphenated compounds indexed whole and a confident spelling correction searched at once: 0.981 and
    /// 0.96 (<c>vacine</c> 1.0, <c>solar microgrids</c> 0.91, <c>vidéoprotection</c> 1.0; lowest <c>port</c> 0.53).
    /// The 51 shipped translations (one hit per entry, in the reader's language; judgements extended to them, see the
    /// file's notes), on an index built as production builds it (tag names in six languages): 0.978 and 0.97, lowest
    /// <c>port</c> 0.53, then <c>solar microgrids</c> and <c>Tonga</c> 0.91.
    /// Organisations' names indexed as body text (rel12, 2026-12-01): 0.983 and 0.97 on the same judgements (<c>port</c>
    /// 0.53 -> 0.73: the Chinese port entry is found by "Shandong Port Group"; <c>traffic</c> 0.88 -> 0.93, <c>water</c>
    /// 0.958 -> 0.951, <c>عدادات ذكية</c> 0.979 -> 0.975), then <c>port</c> regraded (UC-2026-00111, see the file's note).
    /// Every query must also reach the issue's 0.7.
    /// </summary>
    public const double MeanNdcgFloor = 0.98;
    public const double LowestNdcgFloor = 0.7;
    public const double MeanPrecisionFloor = 0.96;

    public sealed record Judged(string Query, string Reader, string Kind, Dictionary<string, int> Grades);

    public sealed record Scored(Judged Judged, double Ndcg, double Precision, IReadOnlyList<string> Top, IReadOnlyList<float> Scores);

    private sealed record JudgementFile(List<Judged> Queries);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<Judged> Judgements { get; } = Load();

    private static List<Judged> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Search", "Relevance", "judgements.json");
        var file = JsonSerializer.Deserialize<JudgementFile>(File.ReadAllText(path), Json)!;
        return file.Queries;
    }

    /// <summary>The search as the site asks it: relevance order, first page of ten, the reader's language.</summary>
    protected virtual Task<SearchResult> SearchAsync(Judged judged) => corpus.Engine.SearchAsync(new SearchRequest
    {
        Query = judged.Query,
        PageSize = 10,
        Highlight = false,
        Audience = SearchAudience.Public,
        Language = judged.Reader,
    });

    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades, int k = 10)
    {
        static double Gain(int grade, int rank) => (Math.Pow(2, grade) - 1) / Math.Log2(rank + 2);
        var dcg = ranked.Take(k).Select((pid, i) => Gain(grades.GetValueOrDefault(pid), i)).Sum();
        var ideal = grades.Values.OrderDescending().Take(k).Select((grade, i) => Gain(grade, i)).Sum();
        return ideal == 0 ? 1 : dcg / ideal;
    }

    public static double Precision(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades, int k = 5)
    {
        var possible = Math.Min(k, grades.Values.Count(g => g > 0));
        return possible == 0 ? 1 : (double)ranked.Take(k).Count(pid => grades.GetValueOrDefault(pid) > 0) / possible;
    }

    protected async Task<List<Scored>> ScoreAsync()
    {
        var scored = new List<Scored>();
        foreach (var judged in Judgements)
        {
            var hits = (await SearchAsync(judged)).Hits;
            var ranked = hits.Select(h => h.Pid).ToList();
            scored.Add(new Scored(judged, Ndcg(ranked, judged.Grades), Precision(ranked, judged.Grades), ranked, [.. hits.Select(h => h.Score)]));
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"query",-24} {"reader",-6} {"kind",-11} {"nDCG@10",7} {"P@5",5}  top 3 (grade)");
        foreach (var s in scored)
        {
            var top = string.Join(", ", s.Top.Take(3).Select(pid => $"{pid}({s.Judged.Grades.GetValueOrDefault(pid)})"));
            table.AppendLine(CultureInfo.InvariantCulture, $"{s.Judged.Query,-24} {s.Judged.Reader,-6} {s.Judged.Kind,-11} {s.Ndcg,7:0.000} {s.Precision,5:0.00}  {top}");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"{"mean",-43} {scored.Average(s => s.Ndcg),7:0.000} {scored.Average(s => s.Precision),5:0.00}");
        table.AppendLine(CultureInfo.InvariantCulture, $"queries {scored.Count}, lowest nDCG@10 {scored.Min(s => s.Ndcg):0.000}");

        // The whole first page, with scores, of every query under 0.9: what to read when a query misses.
        foreach (var s in scored.Where(s => s.Ndcg < 0.9))
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{s.Judged.Query} ({s.Judged.Reader}), top 10 (grade, score):");
            for (var i = 0; i < s.Top.Count; i++)
            {
                table.AppendLine(CultureInfo.InvariantCulture, $"  {i + 1,2}. {s.Top[i]} ({s.Judged.Grades.GetValueOrDefault(s.Top[i])}, {s.Scores[i]:0.0000})");
            }
        }
        output.WriteLine(table.ToString());
        return scored;
    }

    [ContractFact]
    public void The_judgement_set_covers_every_language_and_kind_of_query()
    {
        Assert.True(Judgements.Count >= 40);
        Assert.Equal(["ar", "en", "es", "fr", "ru", "zh"], Judgements.Select(j => j.Reader).Distinct().Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string> { "word", "topic", "place", "technology", "standard", "misspelling" }, Judgements.Select(j => j.Kind).ToHashSet());
        Assert.All(Judgements, j => Assert.Contains(j.Grades.Values, g => g > 0));
    }

    [ContractFact]
    public void The_measures_are_the_textbook_ones()
    {
        var grades = new Dictionary<string, int> { ["a"] = 2, ["b"] = 1 };
        Assert.Equal(1, Ndcg(["a", "b", "x"], grades), 6);
        Assert.Equal((1 / Math.Log2(2)) / (3 + (1 / Math.Log2(3))), Ndcg(["b", "x"], grades), 6);
        Assert.Equal(0, Ndcg(["x"], grades));
        Assert.Equal(0.5, Precision(["x", "a"], grades));
        Assert.Equal(1, Precision(["b", "x", "a"], grades));
    }

    [ContractFact]
    public async Task Mean_ndcg_and_precision_stay_above_their_floors()
    {
        var scored = await ScoreAsync();

        Assert.True(scored.Average(s => s.Ndcg) >= MeanNdcgFloor, $"mean nDCG@10 {scored.Average(s => s.Ndcg):0.000} < {MeanNdcgFloor}");
        Assert.True(scored.Average(s => s.Precision) >= MeanPrecisionFloor, $"mean P@5 {scored.Average(s => s.Precision):0.000} < {MeanPrecisionFloor}");
        var lowest = scored.MinBy(s => s.Ndcg)!;
        Assert.True(lowest.Ndcg >= LowestNdcgFloor, $"nDCG@10 of {lowest.Judged.Query} {lowest.Ndcg:0.000} < {LowestNdcgFloor}");
    }
}
