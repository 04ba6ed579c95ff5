using System.Linq.Expressions;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Core.Assessments;

/// <summary>
/// Who sees assessments and standardisation gaps, in one place for the API's sets, the public card and the pages:
/// curators and admins see all of them; anyone else only sealed ones (a decision was taken), of entries they may see
/// under <see cref="Visibility"/> (the public the public entries', a member its organisation's too). Nothing of an open
/// round is ever shown outside the curators.
/// </summary>
public static class AssessmentVisibility
{
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> records, SearchAudience audience)
        where T : class, ISealedEntryRecord
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(audience);
        if (audience.SeesEverything)
        {
            return records;
        }

        Guid? organization = audience.Organization;
        return records.Where(Rule<T>(() => false, () => organization));
    }

    /// <summary>The rule as one predicate over the record and its entry; the audience as expressions, for a query filter.</summary>
    public static Expression<Func<T, bool>> Rule<T>(Expression<Func<bool>> seesEverything, Expression<Func<Guid?>> organization)
        where T : class, ISealedEntryRecord
    {
        ArgumentNullException.ThrowIfNull(seesEverything);
        var record = Expression.Parameter(typeof(T), "r");
        // The entry rule itself, applied to the record's entry: one definition of who sees which entry.
        var entryRule = Visibility.Rule<Entry>(seesEverything, organization);
        var entrySeen = new Replace(entryRule.Parameters[0], Expression.Property(record, nameof(ISealedEntryRecord.Entry))).Visit(entryRule.Body);
        var sealedAt = Expression.Property(record, nameof(ISealedEntryRecord.SealedAt));
        var isSealed = Expression.NotEqual(sealedAt, Expression.Constant(null, sealedAt.Type));
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(seesEverything.Body, Expression.AndAlso(isSealed, entrySeen)), record);
    }

    /// <summary>The same rule for one record already loaded with its entry.</summary>
    public static bool MaySee(ISealedEntryRecord record, Entry entry, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(actor);
        return actor.SeesEverything || (record.SealedAt is not null && (entry.Status.IsPublic() || actor.IsOwnerOf(entry)));
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
