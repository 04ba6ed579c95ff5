using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace UseCaseHub.Web.Oai;

/// <summary>An OAI-PMH protocol error (the codes of the specification, section 3.6).</summary>
public sealed record OaiError(string Code, string Message);

/// <summary>A harvest window: from and until as UTC instants, until exclusive (a day or a second later than asked).</summary>
public sealed record OaiWindow(DateTimeOffset? From, DateTimeOffset? Until);

/// <summary>
/// A request's arguments checked against its verb (specification 3.1 and 4): exactly one verb, only its arguments, each
/// at most once, the required ones present, a resumption token alone. Dates in either granularity the repository
/// supports, both the same one.
/// </summary>
public sealed class OaiRequest
{
    public const string Verb = "verb";

    private static readonly Dictionary<string, (string[] Required, string[] Optional, bool Token)> Verbs = new(StringComparer.Ordinal)
    {
        ["Identify"] = ([], [], false),
        ["ListMetadataFormats"] = ([], ["identifier"], false),
        ["ListSets"] = ([], [], true),
        ["GetRecord"] = (["identifier", "metadataPrefix"], [], false),
        ["ListIdentifiers"] = (["metadataPrefix"], ["from", "until", "set"], true),
        ["ListRecords"] = (["metadataPrefix"], ["from", "until", "set"], true),
    };

    public required string Name { get; init; }
    public required IReadOnlyDictionary<string, string> Arguments { get; init; }

    public string? this[string name] => Arguments.TryGetValue(name, out var value) ? value : null;

    /// <summary>Reads and checks the arguments; returns the error to answer (badVerb or badArgument) instead when they are wrong.</summary>
    public static (OaiRequest? Request, OaiError? Error) Parse(IEnumerable<KeyValuePair<string, StringValues>> raw)
    {
        var arguments = raw.ToList();
        var verbs = arguments.Where(a => a.Key == Verb).SelectMany(a => a.Value).ToList();
        if (verbs.Count != 1 || verbs[0] is not { } name || !Verbs.TryGetValue(name, out var rules))
        {
            return (null, new OaiError("badVerb", verbs.Count > 1 ? "The verb argument is repeated." : "Missing or unknown verb."));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in arguments.Where(a => a.Key != Verb))
        {
            if (value.Count != 1 || value[0] is not { } text)
            {
                return (null, new OaiError("badArgument", $"The argument '{Short(key)}' is repeated."));
            }

            var allowed = rules.Required.Contains(key) || rules.Optional.Contains(key) || (rules.Token && key == "resumptionToken");
            if (!allowed)
            {
                return (null, new OaiError("badArgument", $"{name} does not take the argument '{Short(key)}'."));
            }

            values[key] = text;
        }

        if (values.ContainsKey("resumptionToken"))
        {
            if (values.Count > 1)
            {
                return (null, new OaiError("badArgument", "resumptionToken is an exclusive argument."));
            }
        }
        else if (rules.Required.FirstOrDefault(r => !values.ContainsKey(r)) is { } missing)
        {
            return (null, new OaiError("badArgument", $"{name} requires the argument '{missing}'."));
        }

        return (new OaiRequest { Name = name, Arguments = values }, null);
    }

    /// <summary>The from/until window; badArgument for a malformed date, mixed granularities or from after until.</summary>
    public static (OaiWindow? Window, OaiError? Error) Window(string? from, string? until)
    {
        var (start, startDay, startOk) = ParseDate(from);
        var (end, endDay, endOk) = ParseDate(until);
        if (!startOk || !endOk)
        {
            return (null, new OaiError("badArgument", "Dates are YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."));
        }

        if (start is not null && end is not null && startDay != endDay)
        {
            return (null, new OaiError("badArgument", "from and until must have the same granularity."));
        }

        if (start is not null && end is not null && start > end)
        {
            return (null, new OaiError("badArgument", "from is later than until."));
        }

        // The last day a DateTimeOffset can hold has no day after it: such an until bounds nothing.
        var exclusiveEnd = end is null || end > DateTimeOffset.MaxValue.AddDays(-2) ? (DateTimeOffset?)null : end.Value.Add(endDay ? TimeSpan.FromDays(1) : TimeSpan.FromSeconds(1));
        return (new OaiWindow(start, exclusiveEnd), null);
    }

    private static (DateTimeOffset? Date, bool Day, bool Ok) ParseDate(string? text)
    {
        if (text is null)
        {
            return (null, false, true);
        }

        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTime.TryParseExact(text, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture, Utc, out var instant))
        {
            return (new DateTimeOffset(instant, TimeSpan.Zero), false, true);
        }

        return DateTime.TryParseExact(text, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, Utc, out var day)
            ? (new DateTimeOffset(day, TimeSpan.Zero), true, true)
            : (null, false, false);
    }

    /// <summary>An argument name quoted back is cut short: the answer never echoes a long hostile string.</summary>
    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
