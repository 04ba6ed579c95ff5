using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Web.Api;

/// <summary>The <see cref="Entry.ConcurrencyStamp"/> an If-Match header names; <c>*</c> matches any.</summary>
public readonly record struct ConcurrencyStamp(bool Missing, Guid? Value)
{
    public static ConcurrencyStamp From(ODataQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ETag? ifMatch;
        try
        {
            ifMatch = options.IfMatch;
        }
        catch (ODataException)
        {
            // A tag this hub never issued matches nothing: the caller gets 412 and re-reads.
            return new(false, Guid.Empty);
        }

        if (ifMatch is null)
        {
            return new(true, null);
        }

        if (ifMatch.IsAny)
        {
            return new(false, null);
        }

        // A malformed tag matches nothing: the caller gets 412 and re-reads.
        return ifMatch.IsWellFormed && ifMatch[nameof(Entry.ConcurrencyStamp)] is Guid stamp ? new(false, stamp) : new(false, Guid.Empty);
    }
}
