using System.Globalization;

namespace UseCaseHub.Core.Rules;

/// <summary>
/// One broken rule: the field (an <see cref="Catalogue.Entry"/> property name, whatever the door calls it), the
/// rule as a stable code with its arguments (so a page can say it in the reader's language) and an English
/// sentence for logs, files and API clients.
/// </summary>
public sealed record RuleViolation(string Field, string Rule, IReadOnlyList<object?> Arguments, string Message)
{
    internal static RuleViolation Of(string field, string rule, string message, params object?[] arguments) =>
        new(field, rule, arguments, message);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Field}: {Rule}: {Message}");
}

/// <summary>The rule codes. Stable: clients and resource files key on them.</summary>
public static class RuleCodes
{
    /// <summary>A required field is empty. No arguments.</summary>
    public const string Required = "Required";

    /// <summary>Text longer than allowed. Arguments: length, maximum.</summary>
    public const string TooLong = "TooLong";

    /// <summary>Not a slug (lowercase letters of any script and digits, runs joined by single hyphens). Argument: value.</summary>
    public const string Slug = "Slug";

    /// <summary>Not a BCP 47 language tag. Argument: value.</summary>
    public const string Language = "Language";

    /// <summary>Not an absolute http or https address. Argument: value.</summary>
    public const string WebAddress = "WebAddress";

    /// <summary>A number outside its range. Arguments: value, minimum, maximum.</summary>
    public const string OutOfRange = "OutOfRange";

    /// <summary>Not a known taxonomy value. Arguments: value, what (e.g. "SDG").</summary>
    public const string UnknownValue = "UnknownValue";

    /// <summary>An SDG target whose goal is not among the entry's SDGs. Arguments: target, goal.</summary>
    public const string TargetWithoutGoal = "TargetWithoutGoal";

    /// <summary>The slug is in use. Argument: value. Said the same way whoever holds it, visible or not.</summary>
    public const string SlugTaken = "SlugTaken";

    /// <summary>The same item given twice (e.g. a criterion scored twice). Argument: value.</summary>
    public const string Duplicate = "Duplicate";
}

/// <summary>Raised by a domain operation (e.g. submitting) when the entry breaks rules; the doors report the list.</summary>
public sealed class EntryRuleException(IReadOnlyList<RuleViolation> violations)
    : Exception(violations.Count == 0 ? "The entry breaks the rules." : violations[0].Message)
{
    public IReadOnlyList<RuleViolation> Violations { get; } = violations;
}
