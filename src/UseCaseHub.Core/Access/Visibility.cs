using System.Linq.Expressions;
using System.Security.Claims;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Core.Access;

/// <summary>
/// Who sees which entries, in one place so that every way in (site, OData, $count, $expand, $apply,
/// search) applies the same rule: everyone sees the public statuses (<see cref="EntryStatuses.Public"/>:
/// published and retired); a member also sees its own organisation's entries in any state; curators and
/// admins see everything. The query forms below are built from that one list of statuses.
/// </summary>
public static class Visibility
{
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> entries, ClaimsPrincipal? user)
        where T : Entry => entries.VisibleTo(SearchAudience.Of(user));

    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> entries, SearchAudience audience)
        where T : Entry
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(audience);
        if (audience.SeesEverything)
        {
            return entries;
        }

        if (audience.Organization is not { } id)
        {
            return entries.PublicOnly();
        }

        Guid? organization = id;
        return entries.Where(Rule<T>(() => false, () => organization));
    }

    /// <summary>Entries everyone may see (the public statuses).</summary>
    public static IQueryable<T> PublicOnly<T>(this IQueryable<T> entries)
        where T : Entry => entries.Where(IsPublic<T>());

    /// <summary>
    /// <c>e.Status</c> is one of the public statuses, as literal comparisons (<c>Status = 'Published' OR ...</c>)
    /// so the store uses its status index rather than a parameter list.
    /// </summary>
    public static Expression<Func<T, bool>> IsPublic<T>()
        where T : Entry
    {
        var entry = Expression.Parameter(typeof(T), "e");
        return Expression.Lambda<Func<T, bool>>(PublicBody(entry), entry);
    }

    /// <summary>
    /// The whole rule as one predicate. The audience is given as expressions so a query filter can pass its
    /// context's fields, which the store then reads per query (see the API's context).
    /// </summary>
    public static Expression<Func<T, bool>> Rule<T>(Expression<Func<bool>> seesEverything, Expression<Func<Guid?>> organization)
        where T : Entry
    {
        ArgumentNullException.ThrowIfNull(seesEverything);
        ArgumentNullException.ThrowIfNull(organization);
        var entry = Expression.Parameter(typeof(T), "e");
        var org = organization.Body;
        var ownOrganization = Expression.AndAlso(
            Expression.NotEqual(org, Expression.Constant(null, typeof(Guid?))),
            Expression.Equal(Expression.Property(entry, nameof(Entry.OrganizationId)), org));
        var body = Expression.OrElse(Expression.OrElse(seesEverything.Body, PublicBody(entry)), ownOrganization);
        return Expression.Lambda<Func<T, bool>>(body, entry);
    }

    private static Expression PublicBody(ParameterExpression entry)
    {
        var status = Expression.Property(entry, nameof(Entry.Status));
        return EntryStatuses.Public
            .Select(s => (Expression)Expression.Equal(status, Expression.Constant(s)))
            .Aggregate(Expression.OrElse);
    }

    /// <summary>Curators and admins see and edit every entry.</summary>
    public static bool SeesEverything(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Actor.From(user).SeesEverything;
    }

    public static Guid? OrganizationOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Actor.From(user).Organization;
    }
}
