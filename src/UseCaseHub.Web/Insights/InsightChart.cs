namespace UseCaseHub.Web.Insights;

/// <summary>How a chart is drawn: a grid of counts (gaps marked) or horizontal bars.</summary>
public enum InsightKind
{
    Matrix,
    Bars,
}

/// <summary>One cell of a chart's table: its text, its count when it is one, and the search (or page) it opens.</summary>
public sealed record InsightCell(string Text, long? Count = null, string? Link = null);

/// <summary>One row: the first <see cref="InsightChart.RowHeaders"/> cells name it, the others are its figures.</summary>
public sealed record InsightRow(string Key, IReadOnlyList<InsightCell> Cells);

/// <summary>
/// One chart's data, exactly as its table shows it, its CSV holds it and its API answer gives it: one model, three forms.
/// Links are site paths without the language prefix (<c>/search?sdg=6&amp;region=002</c>).
/// </summary>
public sealed record InsightChart(string Key, InsightKind Kind, string Title, string Summary, IReadOnlyList<string> Columns, int RowHeaders,
    IReadOnlyList<InsightRow> Rows)
{
    /// <summary>The facet values of a matrix's count columns (M49 codes, goal numbers), in column order; empty for bars.</summary>
    public IReadOnlyList<string> ColumnKeys { get; init; } = [];

    /// <summary>The largest count in the chart (scales bars and shades).</summary>
    public long Max => Rows.SelectMany(r => r.Cells).Max(c => c.Count) ?? 0;
}

/// <summary>A standardisation gap as the public assessment card shows it, with the vertical it is listed under.</summary>
public sealed record GapNote(string Vertical, string Text, IReadOnlyList<string> Standards, string EntryTitle, string EntryLanguage, string EntryPath);

/// <summary>The whole dashboard in one language; computed at <see cref="ComputedAt"/> and kept briefly.</summary>
public sealed record InsightsDashboard(long Total, IReadOnlyList<InsightChart> Charts, IReadOnlyList<GapNote> Gaps, DateTimeOffset ComputedAt)
{
    /// <summary>The charts' keys, in page order: the CSV and API addresses (<c>/insights/{key}.csv</c>, <c>/api/insights/{key}</c>).</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["sdg-region", "vertical-region", "vertical-sdg", "years", "stages", "standards", "groups", "gaps", "most-viewed"];

    public InsightChart? Chart(string key) => Charts.FirstOrDefault(c => c.Key == key);
}
