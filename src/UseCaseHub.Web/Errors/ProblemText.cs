using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using UseCaseHub.Web.Localization;

namespace UseCaseHub.Web.Errors;

/// <summary>
/// A problem body's title (and a detail the hub wrote as a sentence) in the reader's language. Only the words people
/// read change: <c>type</c>, <c>status</c> and extension members such as <c>code</c> stay as they are for programs.
/// </summary>
public static class ProblemText
{
    /// <summary>
    /// The hub's title per status, used instead of the framework's English reason phrase (its Title Case phrases would
    /// also clash with keys that differ only in case, which resource files treat as the same key).
    /// </summary>
    private static readonly Dictionary<int, string> Titles = new()
    {
        [StatusCodes.Status400BadRequest] = "Bad request",
        [StatusCodes.Status401Unauthorized] = "Sign-in required",
        [StatusCodes.Status403Forbidden] = "Not allowed",
        [StatusCodes.Status404NotFound] = "Not found",
        [StatusCodes.Status405MethodNotAllowed] = "Method not allowed",
        [StatusCodes.Status406NotAcceptable] = "Not acceptable",
        [StatusCodes.Status409Conflict] = "Conflict with the current state",
        [StatusCodes.Status412PreconditionFailed] = "Precondition failed",
        [StatusCodes.Status413PayloadTooLarge] = "Request too large",
        [StatusCodes.Status415UnsupportedMediaType] = "Unsupported media type",
        [StatusCodes.Status422UnprocessableEntity] = "Request not processable",
        [StatusCodes.Status428PreconditionRequired] = "Precondition required",
        [StatusCodes.Status429TooManyRequests] = "Too many requests",
        [StatusCodes.Status500InternalServerError] = "Server error",
        [StatusCodes.Status503ServiceUnavailable] = "Service unavailable",
    };

    /// <summary>For <c>AddProblemDetails</c>: every body the problem details service writes.</summary>
    public static void Localize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Localize(context.HttpContext, context.ProblemDetails);
    }

    /// <summary>For middleware that writes a body itself.</summary>
    public static void Localize(HttpContext context, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);
        if (context.RequestServices?.GetService<IStringLocalizer<SharedResource>>() is not { } text)
        {
            return;
        }

        // Status pages and the exception handler run outside the localization middleware: use the culture it chose.
        using var culture = UiCulture.Use(UiCulture.Of(context));
        problem.Title = Title(text, problem.Title, problem.Status);
        if (problem.Detail is { Length: > 0 } detail && text[detail] is { ResourceNotFound: false } said)
        {
            problem.Detail = said;
        }
    }

    private static string? Title(IStringLocalizer text, string? title, int? status)
    {
        if (title is { Length: > 0 } && text[title] is { ResourceNotFound: false } said)
        {
            return said;
        }

        var framework = title is null || status is not { } code
            || string.Equals(title, ReasonPhrases.GetReasonPhrase(code), StringComparison.OrdinalIgnoreCase)
            || title.StartsWith("An error occurred while processing your request", StringComparison.Ordinal);
        return framework && status is { } s && Titles.TryGetValue(s, out var key) ? text[key] : title;
    }
}
