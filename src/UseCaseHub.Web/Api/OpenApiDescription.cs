using System.Text.Json.Nodes;
using Microsoft.OData.Edm;

namespace UseCaseHub.Web.Api;

/// <summary>
/// An OpenAPI 3.0 description generated from the EDM model, so it cannot drift from <c>$metadata</c>
/// (Microsoft.OpenApi.OData is not on the package feed). Served at <c>/odata/openapi.json</c>.
/// </summary>
public static class OpenApiDescription
{
    private static readonly string[] WritableSets = ["UseCases", "BestPractices"];
    private static readonly string[] SearchableSets = ["UseCases", "BestPractices", "Entries"];

    public static JsonObject Build(IEdmModel model, ApiOptions limits)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(limits);
        var paths = new JsonObject();
        foreach (var set in model.EntityContainer.EntitySets().OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            AddSetPaths(paths, set, limits);
        }

        var schemas = new JsonObject();
        foreach (var type in model.SchemaElements.OfType<IEdmSchemaType>().OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            schemas[type.Name] = type switch
            {
                IEdmEnumType enumType => new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray(enumType.Members.Select(m => (JsonNode)m.Name).ToArray()),
                },
                IEdmStructuredType structured => StructuredSchema(structured),
                _ => null,
            };
        }

        schemas["ODataError"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["code"] = new JsonObject { ["type"] = "string" },
                        ["message"] = new JsonObject { ["type"] = "string" },
                        ["target"] = new JsonObject { ["type"] = "string", ["description"] = "The field at fault." },
                    },
                },
            },
        };

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "UseCaseHub OData API",
                ["version"] = "1",
                ["description"] = "OData v4 service over the catalogue; $metadata is the authoritative model. " +
                    $"Server paging: {limits.PageSize} rows per page with @odata.nextLink; $top at most {limits.MaxTop}.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" + ApiExtensions.Prefix }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["description"] = $"An access token with the '{ApiPolicies.WriteScope}' scope; reading needs none.",
                    },
                },
            },
        };
    }

    private static void AddSetPaths(JsonObject paths, IEdmEntitySet set, ApiOptions limits)
    {
        var type = set.EntityType;
        var writable = WritableSets.Contains(set.Name);
        var collection = new JsonObject
        {
            ["get"] = Operation($"Query {set.Name}", QueryParameters(SearchableSets.Contains(set.Name), limits), new JsonObject
            {
                ["200"] = Json($"A page of {set.Name}", new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["value"] = new JsonObject { ["type"] = "array", ["items"] = Ref(type.Name) },
                        ["@odata.count"] = new JsonObject { ["type"] = "integer" },
                        ["@odata.nextLink"] = new JsonObject { ["type"] = "string" },
                    },
                }),
                ["400"] = ErrorResponse("Invalid query or a limit exceeded"),
            }),
        };
        if (writable)
        {
            collection["post"] = Operation($"Create a draft in {set.Name}", [], WriteResponses("201", type.Name), Body(type.Name), secured: true);
        }

        paths["/" + set.Name] = collection;
        if (writable)
        {
            AddBulkPath(paths, set.Name, type.Name, limits);
        }

        var keys = type.Key().ToList();
        if (keys.Count != 1)
        {
            return;
        }

        var keyParameter = new JsonObject
        {
            ["name"] = "key",
            ["in"] = "path",
            ["required"] = true,
            ["schema"] = PrimitiveSchema(keys[0].Type),
        };
        var single = new JsonObject
        {
            ["parameters"] = new JsonArray(keyParameter),
            ["get"] = Operation($"One of {set.Name} by key", [Parameter("$select"), Parameter("$expand")], new JsonObject
            {
                ["200"] = Json(type.Name, Ref(type.Name)),
                ["404"] = ErrorResponse("Not found, or not visible to the caller"),
            }),
        };
        if (writable)
        {
            single["patch"] = Operation("Change fields of a draft", [IfMatch()], WriteResponses("200", type.Name), Body(type.Name), secured: true);
            single["put"] = Operation("Replace a draft", [IfMatch()], WriteResponses("200", type.Name), Body(type.Name), secured: true);
            var delete = WriteResponses("204", null);
            single["delete"] = Operation("Delete an own draft", [IfMatch()], delete, null, secured: true);
        }

        paths[$"/{set.Name}({{key}})"] = single;
        if (writable)
        {
            foreach (var action in ApiModel.Actions)
            {
                var (summary, parameters) = ActionDescription(action);
                paths[$"/{set.Name}({{key}})/{ApiModel.Namespace}.{action}"] = new JsonObject
                {
                    ["parameters"] = new JsonArray(keyParameter.DeepClone()),
                    ["post"] = Operation(summary, [], WriteResponses("200", type.Name), parameters, secured: true),
                };
            }
        }
    }

    /// <summary>What each workflow action does and its body (Decide's and Retire's parameters; the others take none).</summary>
    private static (string Summary, JsonObject? Body) ActionDescription(string action) => action switch
    {
        "Submit" => ("Submit a draft or a returned entry for assessment (owner's organisation)", null),
        "Claim" => ("Claim a submitted entry for assessment (curators and admins)", null),
        "Decide" => ("Publish, return or reject an entry under assessment (curators and admins); Note is required to return or reject",
            ActionBody(new JsonObject
            {
                ["Decision"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Enum.GetNames<Core.Workflow.Decision>().Select(n => (JsonNode)n)]) },
                ["Note"] = new JsonObject { ["type"] = "string", ["nullable"] = true },
            }, "Decision")),
        "Withdraw" => ("Withdraw an entry before a decision (owner's organisation)", null),
        _ => ("Retire a published entry: no longer deployed, still visible (curators and admins)",
            ActionBody(new JsonObject { ["Note"] = new JsonObject { ["type"] = "string", ["nullable"] = true } })),
    };

    private static JsonObject ActionBody(JsonObject properties, params string[] required) => new()
    {
        ["required"] = required.Length > 0,
        ["content"] = new JsonObject
        {
            ["application/json"] = new JsonObject
            {
                ["schema"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = properties,
                    ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
                },
            },
        },
    };

    /// <summary>wf-attach: the bulk submission, a plain JSON endpoint under /api (its own server), one result per item.</summary>
    private static void AddBulkPath(JsonObject paths, string set, string type, ApiOptions limits)
    {
        var item = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("entry"),
            ["properties"] = new JsonObject { ["entry"] = Ref(type), ["submit"] = new JsonObject { ["type"] = "boolean", ["default"] = false } },
        };
        var body = new JsonObject
        {
            ["required"] = true,
            ["content"] = new JsonObject
            {
                ["application/json"] = new JsonObject
                {
                    ["schema"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("items"),
                        ["properties"] = new JsonObject { ["items"] = new JsonObject { ["type"] = "array", ["maxItems"] = limits.MaxBulkItems, ["items"] = item } },
                    },
                },
            },
        };
        var responses = new JsonObject
        {
            ["200"] = new JsonObject { ["description"] = "One result per item, in order: index, status (201, 400, 409), id, pid and entryStatus, or problem (code, detail, errors[field, code, message])" },
            ["400"] = new JsonObject { ["description"] = "The body is not {\"items\": [...]} (application/problem+json)" },
            ["401"] = new JsonObject { ["description"] = "Not signed in" },
            ["403"] = new JsonObject { ["description"] = "Not allowed: role, organisation or token scope" },
            ["413"] = new JsonObject { ["description"] = $"More than {limits.MaxBulkItems} items or {limits.MaxBulkBodyBytes} bytes; nothing was created" },
        };
        var operation = Operation($"Create many drafts in {set} (optionally submitting each); a failed item writes nothing and does not stop the others",
            [], responses, body, secured: true);
        paths["/" + BulkSubmission.Segment(set) + "/bulk"] = new JsonObject
        {
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/api" }),
            ["post"] = operation,
        };
    }

    private static JsonObject Operation(string summary, JsonNode[] parameters, JsonObject responses, JsonObject? body = null, bool secured = false)
    {
        var operation = new JsonObject { ["summary"] = summary, ["parameters"] = new JsonArray(parameters), ["responses"] = responses };
        if (body is not null)
        {
            operation["requestBody"] = body;
        }

        if (secured)
        {
            operation["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray(ApiPolicies.WriteScope) });
        }

        return operation;
    }

    private static JsonNode[] QueryParameters(bool search, ApiOptions limits)
    {
        var parameters = new List<JsonNode>
        {
            Parameter("$filter", "e.g. Sdgs/any(s: s/Number eq 6)"),
            Parameter("$select"),
            Parameter("$expand", $"At most {limits.MaxExpansionDepth} levels deep and {limits.MaxExpandedRows} rows per response ($top times the $top inside each expansion); not every navigation is expandable."),
            Parameter("$orderby"),
            Parameter("$top", $"At most {limits.MaxTop}.", "integer"),
            Parameter("$skip", null, "integer"),
            Parameter("$count", null, "boolean"),
            Parameter("$apply", "groupby/aggregate, e.g. groupby((Stage),aggregate($count as Count))"),
        };
        if (search)
        {
            parameters.Add(Parameter("$search", "Full-text search, answered by the hub's search engine."));
        }

        return [.. parameters];
    }

    private static JsonObject Parameter(string name, string? description = null, string type = "string")
    {
        var parameter = new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = type } };
        if (description is not null)
        {
            parameter["description"] = description;
        }

        return parameter;
    }

    private static JsonObject IfMatch() => new()
    {
        ["name"] = "If-Match",
        ["in"] = "header",
        ["required"] = true,
        ["description"] = "The entity's @odata.etag: without it 428, when stale 412.",
        ["schema"] = new JsonObject { ["type"] = "string" },
    };

    private static JsonObject WriteResponses(string success, string? type)
    {
        var responses = new JsonObject
        {
            [success] = type is null ? new JsonObject { ["description"] = "Done" } : Json(type, Ref(type)),
            ["400"] = ErrorResponse("Validation failed; error.target names the field"),
            ["401"] = new JsonObject { ["description"] = "Not signed in" },
            ["403"] = ErrorResponse("Not allowed: role, organisation or token scope"),
        };
        if (success != "201")
        {
            responses["404"] = ErrorResponse("Not found, or not visible to the caller");
            responses["409"] = ErrorResponse("Not allowed in the entry's current status");
            responses["412"] = ErrorResponse("If-Match is stale");
            responses["428"] = ErrorResponse("If-Match is missing");
        }

        return responses;
    }

    private static JsonObject Body(string type) => new()
    {
        ["required"] = true,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(type) } },
    };

    private static JsonObject Json(string description, JsonNode schema) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } },
    };

    private static JsonObject ErrorResponse(string description) => Json(description, Ref("ODataError"));

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static JsonObject StructuredSchema(IEdmStructuredType type)
    {
        var properties = new JsonObject();
        foreach (var property in type.DeclaredProperties)
        {
            properties[property.Name] = PropertySchema(property.Type);
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        return type.BaseType is IEdmSchemaType baseType
            ? new JsonObject { ["allOf"] = new JsonArray(Ref(baseType.Name), schema) }
            : schema;
    }

    private static JsonObject PropertySchema(IEdmTypeReference type) => type switch
    {
        _ when type.IsCollection() => new JsonObject { ["type"] = "array", ["items"] = PropertySchema(type.AsCollection().ElementType()) },
        { Definition: IEdmSchemaType { TypeKind: not EdmTypeKind.Primitive } named } => Ref(named.Name),
        _ => PrimitiveSchema(type),
    };

    private static JsonObject PrimitiveSchema(IEdmTypeReference type)
    {
        var (name, format) = type.PrimitiveKind() switch
        {
            EdmPrimitiveTypeKind.Int32 => ("integer", "int32"),
            EdmPrimitiveTypeKind.Int64 => ("integer", "int64"),
            EdmPrimitiveTypeKind.Boolean => ("boolean", null),
            EdmPrimitiveTypeKind.Guid => ("string", "uuid"),
            EdmPrimitiveTypeKind.DateTimeOffset => ("string", "date-time"),
            EdmPrimitiveTypeKind.Double => ("number", "double"),
            _ => ("string", (string?)null),
        };
        var schema = new JsonObject { ["type"] = name };
        if (format is not null)
        {
            schema["format"] = format;
        }

        if (type.IsNullable)
        {
            schema["nullable"] = true;
        }

        return schema;
    }
}
