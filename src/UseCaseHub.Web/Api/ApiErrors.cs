using Microsoft.AspNetCore.Mvc;
using Microsoft.OData;
using UseCaseHub.Core.Rules;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Api;

/// <summary>OData error bodies (<c>{"error":{"code","message","target"}}</c>): a code, a sentence, and the field at fault.</summary>
public static class ApiErrors
{
    public static ObjectResult Result(int status, string code, string message, string? target = null, IEnumerable<ODataErrorDetail>? details = null) =>
        new(new ODataError { Code = code, Message = message, Target = target, Details = details?.ToList() }) { StatusCode = status };

    public static ObjectResult Validation(IReadOnlyList<FieldError> errors)
    {
        var first = errors[0];
        return Result(StatusCodes.Status400BadRequest, "ValidationFailed",
            errors.Count == 1 ? first.Message : $"{first.Message} ({errors.Count} problems, see details)",
            first.Field, errors.Select(e => new ODataErrorDetail { Code = e.Code, Message = e.Message, Target = e.Field }));
    }

    public static ObjectResult Validation(IEnumerable<RuleViolation> violations) => Validation(violations.Select(FieldError.From).ToList());

    /// <summary>A refused workflow move or edit: 409 with the workflow's own sentence (the entry's state is the conflict).</summary>
    public static ObjectResult Refused(EntryStateException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Result(StatusCodes.Status409Conflict, refusal.Reason == RefusalReason.WrongState ? "InvalidState" : "NotPermitted",
            refusal.Message, "Status");
    }

    /// <summary>For middleware, before MVC: the same body, written directly.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { code, message } });
    }
}

/// <summary>A field at fault; <see cref="Code"/> is the rulebook's rule code (see <see cref="RuleCodes"/>).</summary>
public sealed record FieldError(string Field, string Message, string Code = "InvalidValue")
{
    /// <summary>The rule's arguments, so a site form can say the violation in the reader's language (not sent by the API).</summary>
    public IReadOnlyList<object?> Arguments { get; init; } = [];

    public static FieldError From(RuleViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return new(violation.Field, violation.Message, violation.Rule) { Arguments = violation.Arguments };
    }

    /// <summary>The violation again, for a door that speaks it (the site's form).</summary>
    public RuleViolation ToViolation() => new(Field, Code, Arguments, Message);
}
