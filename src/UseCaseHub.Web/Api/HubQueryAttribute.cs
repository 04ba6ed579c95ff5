using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.Extensions.Options;

namespace UseCaseHub.Web.Api;

/// <summary>
/// <see cref="EnableQueryAttribute"/> with the configured limits, whose 400s are plain OData errors: the
/// stock error body is a <c>SerializableError</c> carrying the exception's stack trace, even in Production.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class HubQueryAttribute : EnableQueryAttribute
{
    /// <summary>The action answers $search itself (entry sets); elsewhere $search is refused, not silently ignored.</summary>
    public bool SupportsSearch { get; set; }

    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        ArgumentNullException.ThrowIfNull(actionExecutingContext);
        if (!SupportsSearch && actionExecutingContext.HttpContext.Request.Query.ContainsKey(EntrySearch.Option))
        {
            actionExecutingContext.Result = ApiErrors.Result(StatusCodes.Status400BadRequest, "InvalidQuery",
                "$search is answered on UseCases, BestPractices and Entries; use $filter here.");
            return;
        }

        ApplyLimits(actionExecutingContext.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value);
        base.OnActionExecuting(actionExecutingContext);
        if (actionExecutingContext.Result is BadRequestObjectResult { Value: SerializableError error })
        {
            actionExecutingContext.Result = QueryError(error);
        }
    }

    public override void OnActionExecuted(ActionExecutedContext actionExecutedContext)
    {
        ArgumentNullException.ThrowIfNull(actionExecutedContext);
        base.OnActionExecuted(actionExecutedContext);
        if (actionExecutedContext.Result is BadRequestObjectResult { Value: SerializableError error })
        {
            actionExecutedContext.Result = QueryError(error);
        }
    }

    /// <summary>The stock checks (depth, $top, node counts), then what <c>$expand</c> may reach and how many rows it may bring.</summary>
    public override void ValidateQuery(HttpRequest request, ODataQueryOptions queryOptions)
    {
        ArgumentNullException.ThrowIfNull(request);
        base.ValidateQuery(request, queryOptions);
        ExpansionRules.Validate(queryOptions, request.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value);
        ApplyRules.Validate(queryOptions);
    }

    /// <summary>
    /// When the search engine already chose the page (<see cref="EntrySearch"/>: its rows in rank order, its count set),
    /// the rest of the query ($select, $expand) applies without skipping, limiting or reordering those rows again.
    /// </summary>
    public override IQueryable ApplyQuery(IQueryable queryable, ODataQueryOptions queryOptions)
    {
        ArgumentNullException.ThrowIfNull(queryOptions);
        if (queryOptions.Request.HttpContext.Items.ContainsKey(EntrySearch.PagedByEngine))
        {
            var settings = new ODataQuerySettings
            {
                EnsureStableOrdering = false,
                PageSize = null,
                HandleNullPropagation = HandleNullPropagation,
                EnableConstantParameterization = EnableConstantParameterization,
                EnableCorrelatedSubqueryBuffering = EnableCorrelatedSubqueryBuffering,
            };
            return queryOptions.ApplyTo(queryable, settings, AllowedQueryOptions.Skip | AllowedQueryOptions.Top | AllowedQueryOptions.SkipToken);
        }

        return base.ApplyQuery(queryable, queryOptions);
    }

    /// <summary>
    /// The functions the store translates. The rest (matchesPattern, isof, the date parts of DateTimeOffset values,
    /// which SQLite keeps as text) parsed fine and then failed in the database: a 500 instead of a 400 naming the function.
    /// </summary>
    private const AllowedFunctions StoreFunctions = AllowedFunctions.Concat | AllowedFunctions.Contains | AllowedFunctions.EndsWith
        | AllowedFunctions.IndexOf | AllowedFunctions.Length | AllowedFunctions.StartsWith | AllowedFunctions.Substring
        | AllowedFunctions.ToLower | AllowedFunctions.ToUpper | AllowedFunctions.Trim | AllowedFunctions.AllMathFunctions
        | AllowedFunctions.Cast | AllowedFunctions.Any | AllowedFunctions.All;

    // Same values on every request: the filter instance is shared, the options never change after start.
    private void ApplyLimits(ApiOptions limits)
    {
        MaxTop = limits.MaxTop;
        PageSize = limits.PageSize;
        MaxExpansionDepth = limits.MaxExpansionDepth;
        MaxNodeCount = limits.MaxNodeCount;
        MaxAnyAllExpressionDepth = limits.MaxAnyAllExpressionDepth;
        MaxOrderByNodeCount = 5;
        AllowedFunctions = StoreFunctions;
        HandleNullPropagation = HandleNullPropagationOption.False;
    }

    private static ObjectResult QueryError(SerializableError error) =>
        ApiErrors.Result(StatusCodes.Status400BadRequest, "InvalidQuery",
            error.TryGetValue("ExceptionMessage", out var message) ? message as string ?? "The query is not valid."
            : error.TryGetValue("Message", out var plain) ? plain as string ?? "The query is not valid." : "The query is not valid.");
}
