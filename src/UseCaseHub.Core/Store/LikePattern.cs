namespace UseCaseHub.Core.Store;

/// <summary>
/// "Contains" as a LIKE pattern that answers alike on every store: LIKE ignores case on SQLite but not on PostgreSQL, so
/// callers compare the column upper-cased (<c>EF.Functions.Like(column.ToUpper(), pattern, LikePattern.Escape)</c>, SQL
/// upper()) with this upper-cased pattern. The reader's %, _ and \ are taken literally.
/// </summary>
public static class LikePattern
{
    /// <summary>The escape character the pattern uses.</summary>
    public const string Escape = "\\";

    /// <summary>The pattern for text containing <paramref name="text"/> (trimmed), or null when there is nothing to look for.</summary>
    public static string? Contains(string? text) => string.IsNullOrWhiteSpace(text)
        ? null
        : "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).ToUpperInvariant() + "%";
}
