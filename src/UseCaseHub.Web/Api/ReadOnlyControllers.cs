using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Web.Api;

// Taxonomies and organisations are public; the entries reachable from them through $expand, any() or
// nested $count are limited by ApiDbContext's query filter, the same rule as the entry sets.

/// <summary>Both kinds together, read-only (writes go to UseCases or BestPractices).</summary>
public sealed class EntriesController(ApiDbContext db, EntrySearch search) : ODataController
{
    [HubQuery(SupportsSearch = true)]
    public async Task<ActionResult<IQueryable<Entry>>> Get(CancellationToken cancellationToken)
    {
        return await search.ApplyAsync(db.Entries.AsNoTracking().VisibleTo(User), Request, type: null, cancellationToken);
    }

    [HubQuery]
    public SingleResult<Entry> Get([FromODataUri] Guid key) => SingleResult.Create(db.Entries.AsNoTracking().VisibleTo(User).Where(e => e.Id == key));
}

public sealed class SdgsController(ApiDbContext db) : ODataController
{
    [HubQuery]
    public IQueryable<SdgGoal> Get() => db.SdgGoals.AsNoTracking();

    [HubQuery]
    public SingleResult<SdgGoal> Get([FromODataUri] int key) => SingleResult.Create(db.SdgGoals.AsNoTracking().Where(g => g.Number == key));
}

public sealed class SdgTargetsController(ApiDbContext db) : ODataController
{
    [HubQuery]
    public IQueryable<SdgTarget> Get() => db.SdgTargets.AsNoTracking();

    [HubQuery]
    public SingleResult<SdgTarget> Get([FromODataUri] string key) => SingleResult.Create(db.SdgTargets.AsNoTracking().Where(t => t.Code == key));
}

public sealed class CountriesController(ApiDbContext db) : ODataController
{
    [HubQuery]
    public IQueryable<Country> Get() => db.Countries.AsNoTracking();

    [HubQuery]
    public SingleResult<Country> Get([FromODataUri] string key) => SingleResult.Create(db.Countries.AsNoTracking().Where(c => c.Iso2 == key));
}

public sealed class RegionsController(ApiDbContext db) : ODataController
{
    [HubQuery]
    public IQueryable<Region> Get() => db.Regions.AsNoTracking();

    [HubQuery]
    public SingleResult<Region> Get([FromODataUri] string key) => SingleResult.Create(db.Regions.AsNoTracking().Where(r => r.Code == key));
}

public sealed class ItuRegionsController(ApiDbContext db) : ODataController
{
    [HubQuery]
    public IQueryable<ItuRegion> Get() => db.ItuRegions.AsNoTracking();

    [HubQuery]
    public SingleResult<ItuRegion> Get([FromODataUri] string key) => SingleResult.Create(db.ItuRegions.AsNoTracking().Where(r => r.Code == key));
}

public sealed class VerticalsController(ApiDbContext db) : ODataController
{
    [HubQuery]
    public IQueryable<Vertical> Get() => db.Verticals.AsNoTracking();

    [HubQuery]
    public SingleResult<Vertical> Get([FromODataUri] string key) => SingleResult.Create(db.Verticals.AsNoTracking().Where(v => v.Slug == key));
}

public sealed class TechnologiesController(ApiDbContext db) : ODataController
{
    [HubQuery]
    public IQueryable<Technology> Get() => db.Technologies.AsNoTracking();

    [HubQuery]
    public SingleResult<Technology> Get([FromODataUri] string key) => SingleResult.Create(db.Technologies.AsNoTracking().Where(t => t.Slug == key));
}

public sealed class StandardsController(ApiDbContext db) : ODataController
{
    [HubQuery]
    public IQueryable<Standard> Get() => db.Standards.AsNoTracking();

    [HubQuery]
    public SingleResult<Standard> Get([FromODataUri] string key) => SingleResult.Create(db.Standards.AsNoTracking().Where(s => s.Code == key));
}

public sealed class OrganizationsController(ApiDbContext db) : ODataController
{
    [HubQuery]
    public IQueryable<Organization> Get() => db.Organizations.AsNoTracking();

    [HubQuery]
    public SingleResult<Organization> Get([FromODataUri] Guid key) => SingleResult.Create(db.Organizations.AsNoTracking().Where(o => o.Id == key));
}

/// <summary>
/// Kept versions, read-only: the published versions of public entries for everyone; every version of its organisation's
/// entries for a member; all for curators and admins (<see cref="Core.Versions.VersionVisibility"/>, also the context's filter).
/// </summary>
public sealed class EntryVersionsController(ApiDbContext db) : ODataController
{
    private IQueryable<Core.Versions.EntryVersion> Visible =>
        Core.Versions.VersionVisibility.VisibleTo(db.EntryVersions.AsNoTracking(), SearchAudience.Of(User));

    [HubQuery]
    public IQueryable<Core.Versions.EntryVersion> Get() => Visible;

    [HubQuery]
    public SingleResult<Core.Versions.EntryVersion> Get([FromODataUri] long key) => SingleResult.Create(Visible.Where(v => v.Id == key));
}

/// <summary>
/// Linked translations of entries, read-only: visible exactly when their entry is (Core's TranslationRules, applied both
/// here and by the context's query filter).
/// </summary>
public sealed class TranslationsController(ApiDbContext db) : ODataController
{
    private IQueryable<Core.Catalogue.Translations.EntryTranslation> Visible =>
        Core.Catalogue.Translations.TranslationRules.VisibleTo(db.EntryTranslations.AsNoTracking(), db.Entries, SearchAudience.Of(User));

    [HubQuery]
    public IQueryable<Core.Catalogue.Translations.EntryTranslation> Get() => Visible;

    [HubQuery]
    public SingleResult<Core.Catalogue.Translations.EntryTranslation> Get([FromODataUri] Guid key) => SingleResult.Create(Visible.Where(t => t.Id == key));
}
