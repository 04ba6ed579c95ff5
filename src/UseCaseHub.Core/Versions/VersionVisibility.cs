using System.Linq.Expressions;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Core.Versions;

/// <summary>
/// Who sees which versions, beside <see cref="Visibility"/> and built from the same audience: everyone sees the
/// published versions of entries everyone may see; a member also sees every version of its own organisation's entries;
/// curators and admins see all. Used by the site's version pages and the API's query filter alike.
/// </summary>
public static class VersionVisibility
{
    public static IQueryable<EntryVersion> VisibleTo(this IQueryable<EntryVersion> versions, SearchAudience audience)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(audience);
        if (audience.SeesEverything)
        {
            return versions;
        }

        var organization = audience.Organization;
        return versions.Where(Rule(() => false, () => organization));
    }

    /// <summary>The rule as one predicate, the audience given as expressions (a query filter passes its context's fields).</summary>
    public static Expression<Func<EntryVersion, bool>> Rule(Expression<Func<bool>> seesEverything, Expression<Func<Guid?>> organization)
    {
        ArgumentNullException.ThrowIfNull(seesEverything);
        ArgumentNullException.ThrowIfNull(organization);
        var version = Expression.Parameter(typeof(EntryVersion), "v");
        var entry = Expression.Property(version, nameof(EntryVersion.Entry));
        var status = Expression.Property(entry, nameof(Entry.Status));
        var entryPublic = EntryStatuses.Public
            .Select(s => (Expression)Expression.Equal(status, Expression.Constant(s)))
            .Aggregate(Expression.OrElse);
        var published = Expression.AndAlso(
            Expression.Equal(Expression.Property(version, nameof(EntryVersion.Outcome)), Expression.Constant(VersionOutcome.Published)),
            entryPublic);
        var org = organization.Body;
        var own = Expression.AndAlso(
            Expression.NotEqual(org, Expression.Constant(null, typeof(Guid?))),
            Expression.Equal(Expression.Property(entry, nameof(Entry.OrganizationId)), org));
        var body = Expression.OrElse(Expression.OrElse(seesEverything.Body, published), own);
        return Expression.Lambda<Func<EntryVersion, bool>>(body, version);
    }

    /// <summary>The same rule for one version in memory (a page that already holds it).</summary>
    public static bool Sees(SearchAudience audience, EntryVersion version, Entry entry)
    {
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(entry);
        return audience.SeesEverything
            || (version.Outcome == VersionOutcome.Published && entry.Status.IsPublic())
            || (audience.Organization is { } org && entry.OrganizationId == org);
    }
}
