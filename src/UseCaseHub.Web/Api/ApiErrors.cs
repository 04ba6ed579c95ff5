using Microsoft.AspNetCore.Mvc;
using Microsoft.OData;

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
            first.Field, errors.Select(e => new ODataErrorDetail { Code = "InvalidValue", Message = e.Message, Target = e.Field }));
    }

    /// <summary>For middleware, before MVC: the same body, written directly.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = new { code, message } });
    }
}

public sealed record FieldError(string Field, string Message);
