using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser.Aggregation;

namespace UseCaseHub.Web.Api;

/// <summary>
/// <c>$apply</c> names its results (<c>aggregate($count as Count)</c>). A name that is already a property of the
/// rows (<c>$count as Title</c>) or used twice made a row with two values of different types for one name: the
/// query ran and the response broke while being written. Such names are refused before the query runs.
/// </summary>
public static class ApplyRules
{
    public static void Validate(ODataQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Apply?.ApplyClause is not { } apply || options.Context.ElementType is not IEdmStructuredType type)
        {
            return;
        }

        // The rows of an entity set may be of a derived type (Entries holds use cases and best practices).
        var types = options.Context.Model.FindAllDerivedTypes(type).Prepend(type).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alias in Aliases(apply.Transformations))
        {
            if (types.Any(t => t.FindProperty(alias) is not null))
            {
                throw new ODataException($"'{alias}' is a property of {type.FullTypeName()}; name the $apply result something else.");
            }

            if (!seen.Add(alias))
            {
                throw new ODataException($"'{alias}' names two $apply results; give each its own name.");
            }
        }
    }

    private static IEnumerable<string> Aliases(IEnumerable<TransformationNode> transformations)
    {
        foreach (var transformation in transformations)
        {
            switch (transformation)
            {
                case AggregateTransformationNode aggregate:
                    foreach (var expression in aggregate.AggregateExpressions)
                    {
                        yield return expression.Alias;
                    }

                    break;
                case GroupByTransformationNode { ChildTransformations: { } child }:
                    foreach (var alias in Aliases([child]))
                    {
                        yield return alias;
                    }

                    break;
                case ComputeTransformationNode compute:
                    foreach (var expression in compute.Expressions)
                    {
                        yield return expression.Alias;
                    }

                    break;
            }
        }
    }
}
