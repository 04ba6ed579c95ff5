using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace UseCaseHub.Web.Api;

/// <summary>
/// A JSON body is checked against RFC 8259 before OData reads it. OData's reader is lenient: it took
/// <c>{Title:"a"}</c> (an unquoted name) and created a draft from it, and it has no nesting limit of ours.
/// Strict parsing with <see cref="ApiOptions.MaxBodyDepth"/> refuses both with the parser's own words.
/// </summary>
public static class StrictJson
{
    public sealed record Refusal(string Code, string Message);

    /// <summary>Null when the body is fine (or is not JSON, which OData refuses by content type); the body can be read again afterwards.</summary>
    public static async Task<Refusal?> RefusalAsync(HttpRequest request, ApiOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsDelete(request.Method)
            || request.ContentLength == 0 || !IsJson(request.ContentType))
        {
            return null;
        }

        request.EnableBuffering();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            // A body sent without Content-Length is bounded here too.
            if (buffer.Length + read > limits.MaxRequestBodyBytes)
            {
                return new("BodyTooLarge", $"The request body is larger than the limit of {limits.MaxRequestBodyBytes} bytes (Api:MaxRequestBodyBytes).");
            }

            buffer.Write(chunk, 0, read);
        }

        request.Body.Position = 0;
        if (buffer.Length == 0)
        {
            return null;
        }

        try
        {
            var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            json = json.Span.StartsWith("\uFEFF"u8) ? json[3..] : json;
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = limits.MaxBodyDepth });
            return null;
        }
        catch (JsonException exception)
        {
            return new("InvalidBody", $"The body is not valid JSON (nesting at most {limits.MaxBodyDepth} levels, Api:MaxBodyDepth): {exception.Message}");
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
