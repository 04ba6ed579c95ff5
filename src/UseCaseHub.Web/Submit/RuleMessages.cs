using System.Globalization;
using Microsoft.Extensions.Localization;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Submit;

/// <summary>A message shown beside a form field, with the rule code it says (for clients and tests reading the page).</summary>
public sealed record FieldMessage(string Text, string? Rule);

/// <summary>
/// The rulebook's verdicts in the reader's language: each <see cref="RuleViolation"/> is said from its rule code and
/// arguments (its English message is for logs and API clients), beside the form field it names.
/// </summary>
public static class RuleMessages
{
    /// <summary>Tag fields: "required" there means "tick at least one".</summary>
    private static readonly HashSet<string> Collections = [.. EntryWorkflow.TagFields, nameof(Entry.Partners), nameof(BestPractice.DrawsOn)];

    /// <summary>The form fields a violation can be shown beside (the rulebook names them as the entry's properties).</summary>
    public static IReadOnlySet<string> FormFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Entry.Title), nameof(Entry.Summary), nameof(Entry.Body), nameof(Entry.Language), nameof(Entry.Slug),
        nameof(Entry.Licence), nameof(Entry.Contact), nameof(Entry.Links), nameof(Entry.Sources), nameof(Entry.Sdgs),
        nameof(Entry.SdgTargets), nameof(Entry.Verticals), nameof(Entry.Countries), nameof(Entry.Technologies),
        nameof(Entry.Standards), nameof(Entry.Partners), nameof(BestPractice.DrawsOn), nameof(UseCase.StartYear),
        nameof(UseCase.Stage), nameof(UseCase.Scale), nameof(UseCase.Interoperability), nameof(UseCase.DataAndIdentifiers),
        nameof(UseCase.SecurityAndTrust), nameof(UseCase.LessonsLearned), nameof(Entry.OrganizationId),
    };

    /// <summary>The form field a violation belongs to; the empty string (the form as a whole) for any other.</summary>
    public static string FieldOf(RuleViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return FormFields.Contains(violation.Field) ? violation.Field : "";
    }

    public static string Say(IStringLocalizer T, RuleViolation violation)
    {
        ArgumentNullException.ThrowIfNull(T);
        ArgumentNullException.ThrowIfNull(violation);
        var a = violation.Arguments;
        string Arg(int i) => i < a.Count ? Convert.ToString(a[i], CultureInfo.CurrentCulture) ?? "" : "";
        return violation.Rule switch
        {
            RuleCodes.Required when Collections.Contains(violation.Field) => T["Tick at least one value before submitting."],
            RuleCodes.Required => T["This field is required."],
            RuleCodes.TooLong => T["This text is {0} characters long; at most {1} are allowed.", Arg(0), Arg(1)],
            RuleCodes.Slug => T["Use lowercase letters and digits in runs joined by single hyphens."],
            RuleCodes.Language => T["This is not a language tag such as en, fr or zh-Hans."],
            RuleCodes.WebAddress => T["'{0}' is not an http or https address.", Arg(0)],
            RuleCodes.OutOfRange => T["Give a year from {0} to {1}.", Arg(1), Arg(2)],
            RuleCodes.UnknownValue => T["'{0}' is not a known value.", Arg(0)],
            RuleCodes.TargetWithoutGoal => T["Target {0} belongs to SDG {1}: tick that goal too, or untick the target.", Arg(0), Arg(1)],
            RuleCodes.SlugTaken => T["This address is already in use; choose another."],
            _ => violation.Message,
        };
    }
}
