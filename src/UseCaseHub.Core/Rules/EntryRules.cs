using System.Globalization;
using System.Text.RegularExpressions;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Rules;

/// <summary>
/// The one rulebook for an entry's values, whoever writes them: the content importer, the OData editor, and
/// the site's forms when they come. Each rule is a small method returning a <see cref="RuleViolation"/> or null,
/// so a door that reads fields one by one (the importer, with line numbers) and a door that holds a whole entry
/// (<see cref="Check"/>) refuse the same value the same way. Resolving taxonomy codes is the door's (a file
/// reads a lookup, the API the store), but the refusal is said here (<see cref="UnknownValue"/>).
/// </summary>
public static partial class EntryRules
{
    public const int TitleMax = 300;
    public const int SummaryMax = 2000;
    public const int ContactMax = 500;
    public const int LicenceMax = 64;
    public const int LinkTitleMax = 300;
    public const int UrlMax = 2000;
    public const int SlugMax = Slugs.MaxLength;

    /// <summary>The earliest start year: no IoT deployment we catalogue is older.</summary>
    public const int FirstStartYear = 1950;

    /// <summary>Planned deployments may name a start year up to this many years ahead (one range for files and API).</summary>
    public const int StartYearsAhead = 5;

    public static int LastStartYear(DateTimeOffset now) => now.Year + StartYearsAhead;

    /// <summary>Exact match (<c>\z</c>, not <c>$</c>, which also accepts a trailing newline).</summary>
    [GeneratedRegex(@"\A[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*\z")]
    private static partial Regex LanguagePattern();

    public static RuleViolation? Title(string? value) => RequiredText(nameof(Entry.Title), value, TitleMax);

    /// <summary>A draft may leave the summary empty; submitting needs it (<see cref="CheckComplete"/>).</summary>
    public static RuleViolation? Summary(string? value) => MaxLength(nameof(Entry.Summary), value, SummaryMax);

    /// <summary>The summary of an entry going to the curators or published from a file: required.</summary>
    public static RuleViolation? CompleteSummary(string? value) => RequiredText(nameof(Entry.Summary), value, SummaryMax);

    public static RuleViolation? Contact(string? value) => MaxLength(nameof(Entry.Contact), value, ContactMax);

    public static RuleViolation? Licence(string? value) => RequiredText(nameof(Entry.Licence), value, LicenceMax);

    public static RuleViolation? Slug(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return RuleViolation.Of(nameof(Entry.Slug), RuleCodes.Required, "Slug is required.");
        }

        return MaxLength(nameof(Entry.Slug), value, SlugMax) ?? (Slugs.IsValid(value) ? null
            : RuleViolation.Of(nameof(Entry.Slug), RuleCodes.Slug,
                $"Slug '{Shown(value)}' must be lowercase letters and digits in runs joined by single hyphens.", value));
    }

    public static RuleViolation? Language(string? value) => value is not null && LanguagePattern().IsMatch(value) ? null
        : RuleViolation.Of(nameof(Entry.Language), RuleCodes.Language,
            $"Language '{Shown(value)}' is not a BCP 47 tag such as 'en', 'fr' or 'zh-Hans'.", value);

    /// <summary>Links and sources alike: absolute http or https addresses only (no javascript:, data:, file:...).</summary>
    public static RuleViolation? WebAddress(string field, string? value) => IsWebAddress(value) && value!.Length <= UrlMax ? null
        : RuleViolation.Of(field, RuleCodes.WebAddress, $"'{Shown(value)}' is not an http(s) address.", value);

    public static RuleViolation? LinkTitle(string? value) => MaxLength(nameof(Entry.Links), value, LinkTitleMax);

    public static RuleViolation? StartYear(int? value, DateTimeOffset now) =>
        value is null || (value >= FirstStartYear && value <= LastStartYear(now)) ? null
            : RuleViolation.Of(nameof(UseCase.StartYear), RuleCodes.OutOfRange,
                $"Start year {value} is not from {FirstStartYear} to {LastStartYear(now)}.", value, FirstStartYear, LastStartYear(now));

    /// <summary>The refusal of a taxonomy code the door could not resolve.</summary>
    public static RuleViolation UnknownValue(string field, object value, string what) =>
        RuleViolation.Of(field, RuleCodes.UnknownValue,
            string.Create(CultureInfo.InvariantCulture, $"Unknown {what} '{value}'."), value, what);

    public static RuleViolation? TargetInGoals(string target, int goal, IEnumerable<int> goals) => goals.Contains(goal) ? null
        : RuleViolation.Of(nameof(Entry.SdgTargets), RuleCodes.TargetWithoutGoal,
            string.Create(CultureInfo.InvariantCulture, $"Target {target} belongs to SDG {goal}, which is not among the entry's SDGs."), target, goal);

    public static RuleViolation SlugTaken(string slug) =>
        RuleViolation.Of(nameof(Entry.Slug), RuleCodes.SlugTaken, $"Slug '{slug}' is already in use; choose another.", slug);

    public static bool IsWebAddress(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !value!.Any(char.IsControl);

    /// <summary>Every value rule on a whole entry (what any save needs, a draft included).</summary>
    public static List<RuleViolation> Check(Entry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var found = new List<RuleViolation?>
        {
            Title(entry.Title), Summary(entry.Summary), Slug(entry.Slug), Language(entry.Language),
            Contact(entry.Contact), Licence(entry.Licence),
        };
        foreach (var link in entry.Links)
        {
            found.Add(WebAddress(nameof(Entry.Links), link.Url));
            found.Add(LinkTitle(link.Title));
        }

        found.AddRange(entry.Sources.Select(s => WebAddress(nameof(Entry.Sources), s)));
        var goals = entry.Sdgs.Select(g => g.Number).ToList();
        found.AddRange(entry.SdgTargets.Select(t => TargetInGoals(t.Code, t.GoalNumber, goals)));
        if (entry is UseCase useCase)
        {
            found.Add(StartYear(useCase.StartYear, now));
        }

        return found.OfType<RuleViolation>().ToList();
    }

    /// <summary>
    /// What an entry needs before it goes to the curators (and what a content file, which publishes, always needs):
    /// a summary, at least one vertical and one SDG.
    /// </summary>
    public static List<RuleViolation> CheckComplete(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var found = new List<RuleViolation?>
        {
            CompleteSummary(entry.Summary),
            Present(nameof(Entry.Verticals), entry.Verticals.Count > 0),
            Present(nameof(Entry.Sdgs), entry.Sdgs.Count > 0),
        };
        return found.OfType<RuleViolation>().ToList();
    }

    private static RuleViolation? Present(string field, bool present) =>
        present ? null : RuleViolation.Of(field, RuleCodes.Required, $"{field} needs at least one value before submitting.");

    private static RuleViolation? RequiredText(string field, string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? RuleViolation.Of(field, RuleCodes.Required, $"{field} is required.") : MaxLength(field, value, max);

    private static RuleViolation? MaxLength(string field, string? value, int max) => value is null || value.Length <= max ? null
        : RuleViolation.Of(field, RuleCodes.TooLong, $"{field} is {value.Length} characters long; at most {max} are allowed.", value.Length, max);

    /// <summary>A value as shown in a message: control characters made visible, long values cut.</summary>
    private static string Shown(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var shown = string.Concat(value.Take(80).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return value.Length > 80 ? shown + "..." : shown;
    }
}
