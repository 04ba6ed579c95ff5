using System.Text;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Core.Assessments;

/// <summary>One criterion of the rubric: its stable key (the heading's anchor on the criteria page), title and guidance (Markdown).</summary>
public sealed record Criterion(string Key, string Title, string Guidance);

/// <summary>
/// The criteria curators score, read from the stored criteria page (<c>content/pages/assessment-criteria.md</c>): every
/// level-2 heading is a criterion, the text under it its guidance. Editing the page edits the rubric; no list of
/// criteria is kept anywhere else.
/// </summary>
public sealed class AssessmentRubric(IReadOnlyList<Criterion> criteria)
{
    /// <summary>The slug of the page the rubric is read from.</summary>
    public const string PageSlug = "assessment-criteria";

    /// <summary>The language whose headings give the criterion keys (keys must not change with the reader's language).</summary>
    public const string KeyLanguage = "en";

    /// <summary>A score is a whole number from <see cref="MinScore"/> to <see cref="MaxScore"/>.</summary>
    public const int MinScore = 0;

    public const int MaxScore = 3;

    public static AssessmentRubric Empty { get; } = new([]);

    public IReadOnlyList<Criterion> Criteria { get; } = criteria;

    public Criterion? Find(string? key) => Criteria.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.Ordinal));

    /// <summary>Reads the criteria out of the page's Markdown: each <c>## Heading</c> up to the next one.</summary>
    public static AssessmentRubric Parse(string? markdown)
    {
        var criteria = new List<Criterion>();
        string? title = null;
        var guidance = new StringBuilder();
        var fenced = false;
        void Close()
        {
            if (title is not null && Anchor(title) is { Length: > 0 } key && criteria.All(c => c.Key != key))
            {
                criteria.Add(new(key, title, guidance.ToString().Trim()));
            }

            guidance.Clear();
        }

        foreach (var line in (markdown ?? "").ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }

            if (!fenced && line.StartsWith("## ", StringComparison.Ordinal))
            {
                Close();
                title = line[3..].Trim().TrimEnd('#').Trim();
                continue;
            }

            if (title is not null)
            {
                guidance.Append(line).Append('\n');
            }
        }

        Close();
        return new(criteria);
    }

    /// <summary>The rubric as the stored page says it now (empty when the page is missing).</summary>
    public static async Task<AssessmentRubric> LoadAsync(HubDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var body = await db.Pages.AsNoTracking().Where(p => p.Slug == PageSlug && p.Language == KeyLanguage)
            .Select(p => p.Body).FirstOrDefaultAsync(cancellationToken);
        return Parse(body);
    }

    /// <summary>
    /// The heading's anchor as the site's Markdown renderer writes it (GitHub style: lowercase, spaces to hyphens,
    /// other punctuation dropped), so <c>/assessment-criteria#standards-used</c> links to the criterion.
    /// </summary>
    public static string Anchor(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var anchor = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                anchor.Append(char.ToLowerInvariant(c));
            }
            else if (c is ' ' or '-')
            {
                anchor.Append('-');
            }
            else if (c == '_')
            {
                anchor.Append('_');
            }
        }

        return anchor.ToString();
    }
}
