using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Api;

/// <summary>
/// The store as one API caller may see it. Root queries go through <see cref="Visibility"/>;
/// this context adds the same rule as a query filter on every entry, so that side doors ($expand of
/// Sdgs/Entries, Organizations/Entries, BestPractices/DrawsOn, nested $count, any()) cannot reach an
/// entry the caller may not see. Saving still runs <see cref="HubDbContext"/>'s own SaveChanges.
/// </summary>
public sealed class ApiDbContext(DbContextOptions<HubDbContext> options, SearchAudience audience) : HubDbContext(options)
{
    // Fields of the context are parameters of the filter, read per query.
    private readonly bool _seesEverything = audience.SeesEverything;
    private readonly Guid? _organization = audience.Organization;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The one visibility rule, given this context's fields so the filter reads them per query.
        builder.Entity<Entry>().HasQueryFilter(Visibility.Rule<Entry>(() => _seesEverything, () => _organization));
        builder.Entity<Core.Versions.EntryVersion>().HasQueryFilter(Core.Versions.VersionVisibility.Rule(() => _seesEverything, () => _organization));
        // Assessments and gaps: sealed ones of visible entries, everything for curators (Core's AssessmentVisibility).
        builder.Entity<Assessment>().HasQueryFilter(AssessmentVisibility.Rule<Assessment>(() => _seesEverything, () => _organization));
        builder.Entity<StandardisationGap>().HasQueryFilter(AssessmentVisibility.Rule<StandardisationGap>(() => _seesEverything, () => _organization));
        // Translations follow their entry (Core's TranslationRules.VisibleTo): the entries this context may read, by its filter above.
        builder.Entity<Core.Catalogue.Translations.EntryTranslation>().HasQueryFilter(t => Entries.Any(e => e.Id == t.EntryId && e.RevisionOfId == null));
    }
}
