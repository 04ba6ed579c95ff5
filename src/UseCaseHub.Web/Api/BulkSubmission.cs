using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Audit;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Streams;

namespace UseCaseHub.Web.Api;

/// <summary>
/// Bulk submission (issue 11 item 7): many drafts in one call, <c>POST /api/use-cases/bulk</c> or
/// <c>/api/best-practices/bulk</c>, body <c>{"items":[{"entry":{…as for POST /odata/UseCases…},"submit":true}]}</c>.
/// Each item is created exactly as the OData create does (<see cref="EntryCreator"/>: the workflow's owner rule, the
/// editor, the rulebook, audit) and saved on its own, so a failed item writes nothing of itself and does not stop the
/// others; the answer holds one result per item, in order. A plain JSON endpoint rather than an OData action, because each
/// item is read on its own: a malformed item (a string for a year, an unknown property) fails that item only, where an
/// OData action's parameter binder refuses the whole body; and per-item options (submit) have no place in an entity.
/// Being under <c>/api</c>, it gets the API's bearer tokens, write rate limit and cookie CSRF check like every API write.
/// </summary>
public static class BulkSubmission
{
    /// <summary>Members' and curators' entries as the OData API writes them: property names as in the model, enums by name.</summary>
    private static readonly JsonSerializerOptions EntryJson = new()
    {
        MaxDepth = 16,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>The path segment of an entity set's bulk route: <c>UseCases</c> → <c>use-cases</c>.</summary>
    public static string Segment(string set) => set == "BestPractices" ? "best-practices" : "use-cases";

    public static WebApplication MapBulkSubmission(this WebApplication app)
    {
        app.MapPost("/api/use-cases/bulk", (HttpContext context, EntryCreator creator, IOptions<ApiOptions> options) =>
            BulkAsync<UseCase>(context, creator, options.Value, EntryKind.UseCase)).RequireAuthorization(ApiPolicies.Write);
        app.MapPost("/api/best-practices/bulk", (HttpContext context, EntryCreator creator, IOptions<ApiOptions> options) =>
            BulkAsync<BestPractice>(context, creator, options.Value, EntryKind.BestPractice)).RequireAuthorization(ApiPolicies.Write);
        return app;
    }

    private static async Task<IResult> BulkAsync<T>(HttpContext context, EntryCreator creator, ApiOptions limits, EntryKind kind)
        where T : Entry, new()
    {
        var cancellationToken = context.RequestAborted;
        if (context.Request.ContentLength > limits.MaxBulkBodyBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "BodyTooLarge",
                $"The body is larger than the limit of {limits.MaxBulkBodyBytes} bytes (Api:MaxBulkBodyBytes).");
        }

        JsonDocument document;
        try
        {
            using var body = new MemoryStream();
            if (!await CappedCopy.CopyCappedAsync(context.Request.Body, body, limits.MaxBulkBodyBytes, cancellationToken))
            {
                return Problem(StatusCodes.Status413PayloadTooLarge, "BodyTooLarge",
                    $"The body is larger than the limit of {limits.MaxBulkBodyBytes} bytes (Api:MaxBulkBodyBytes).");
            }

            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "InvalidBody", $"The body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("items", out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                return Problem(StatusCodes.Status400BadRequest, "InvalidBody", "The body must be {\"items\": [{\"entry\": {...}, \"submit\": false}, ...]}.");
            }

            var count = items.GetArrayLength();
            if (count == 0)
            {
                return Problem(StatusCodes.Status400BadRequest, "NoItems", "The items array is empty.");
            }

            if (count > limits.MaxBulkItems)
            {
                return Problem(StatusCodes.Status413PayloadTooLarge, "TooManyItems",
                    $"{count} items is more than the limit of {limits.MaxBulkItems} per call (Api:MaxBulkItems); nothing was created.");
            }

            var actor = Actor.From(context.User);
            var who = AuditActor.From(context.User);
            var results = new List<BulkResult>(count);
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                results.Add(await OneAsync<T>(index++, item, creator, actor, who, kind, cancellationToken));
            }

            return Results.Json(new BulkAnswer(results.Count(r => r.Status == StatusCodes.Status201Created),
                results.Count(r => r.Status != StatusCodes.Status201Created), results), statusCode: StatusCodes.Status200OK);
        }
    }

    private static async Task<BulkResult> OneAsync<T>(int index, JsonElement item, EntryCreator creator, Actor actor, AuditActor who, EntryKind kind,
        CancellationToken cancellationToken)
        where T : Entry, new()
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("entry", out var json) || json.ValueKind != JsonValueKind.Object)
        {
            return BulkResult.Failed(index, StatusCodes.Status400BadRequest, "InvalidItem", "An item must be {\"entry\": {...}, \"submit\": false}.", "entry");
        }

        var submit = false;
        if (item.TryGetProperty("submit", out var flag))
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return BulkResult.Failed(index, StatusCodes.Status400BadRequest, "InvalidItem", "submit must be true or false.", "submit");
            }

            submit = flag.GetBoolean();
        }

        // What the hub sets (Id, Pid, Status, dates) or does not know is refused by name, never silently dropped.
        foreach (var property in json.EnumerateObject())
        {
            if (!EntryEditor.IsEditable(property.Name) && property.Name != nameof(Entry.OrganizationId) && typeof(T).GetProperty(property.Name) is null)
            {
                return BulkResult.Failed(index, StatusCodes.Status400BadRequest, "UnknownProperty", $"{property.Name} is not a property of {typeof(T).Name}.", property.Name);
            }

            if (!EntryEditor.IsEditable(property.Name) && property.Name != nameof(Entry.OrganizationId))
            {
                return BulkResult.Failed(index, StatusCodes.Status400BadRequest, "ReadOnlyProperty", $"{property.Name} is set by the hub and cannot be given.", property.Name);
            }
        }

        T draft;
        try
        {
            draft = json.Deserialize<T>(EntryJson) ?? new T();
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.').Split('.', '[')[0] : null;
            return BulkResult.Failed(index, StatusCodes.Status400BadRequest, "InvalidValue", $"The entry is not valid: {e.Message}", field);
        }

        var created = await creator.CreateAsync(draft, actor, who, kind, submit, cancellationToken);
        return created.Entry is { } entry
            ? new BulkResult(index, StatusCodes.Status201Created, entry.Id, entry.Pid, entry.Status.ToString(), null)
            : new BulkResult(index, created.Status, null, null, null, new BulkProblem(created.Code, created.Message, created.Status,
                [.. created.Errors.Select(e => new BulkFieldProblem(e.Field, e.Code, e.Message))]));
    }

    private static IResult Problem(int status, string code, string detail) =>
        Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}

/// <summary>The answer: how many were created and failed, and one result per item in the order sent.</summary>
public sealed record BulkAnswer(int Created, int Failed, IReadOnlyList<BulkResult> Results);

/// <summary>One item's result: 201 with the new entry's id, identifier and state, or its status and problem.</summary>
public sealed record BulkResult(int Index, int Status, Guid? Id, string? Pid, string? EntryStatus, BulkProblem? Problem)
{
    public static BulkResult Failed(int index, int status, string code, string message, string? field) =>
        new(index, status, null, null, null, new BulkProblem(code, message, status, field is null ? [] : [new BulkFieldProblem(field, code, message)]));
}

/// <summary>An RFC 7807-style problem for one item: a code, the sentence, the status and the fields at fault.</summary>
public sealed record BulkProblem(string Code, string Detail, int Status, IReadOnlyList<BulkFieldProblem> Errors)
{
    public string Title => Status switch
    {
        StatusCodes.Status400BadRequest => "The item is not a valid entry.",
        StatusCodes.Status409Conflict => "The item was refused by the workflow.",
        _ => "The item was not created.",
    };
}

public sealed record BulkFieldProblem(string Field, string Code, string Message);
