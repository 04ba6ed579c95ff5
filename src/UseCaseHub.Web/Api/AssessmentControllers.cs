using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Assessments;

namespace UseCaseHub.Web.Api;

// Read-only: assessments are written through the entries' Assess action, gaps on the curators' page. What a caller sees
// is AssessmentVisibility (Core), applied at the root here and again by ApiDbContext's query filter for every side door.

/// <summary>Curators' assessments: the public reads sealed ones of public entries, members their organisation's sealed ones, curators all.</summary>
public sealed class AssessmentsController(ApiDbContext db) : ODataController
{
    private IQueryable<Assessment> Visible => db.Assessments.AsNoTracking().VisibleTo(Actor.From(User).Audience);

    [HubQuery]
    public IQueryable<Assessment> Get() => Visible;

    [HubQuery]
    public SingleResult<Assessment> Get([FromODataUri] Guid key) => SingleResult.Create(Visible.Where(a => a.Id == key));
}

/// <summary>Standardisation gaps noted by curators, under the same rule as assessments.</summary>
public sealed class StandardisationGapsController(ApiDbContext db) : ODataController
{
    private IQueryable<StandardisationGap> Visible => db.StandardisationGaps.AsNoTracking().VisibleTo(Actor.From(User).Audience);

    [HubQuery]
    public IQueryable<StandardisationGap> Get() => Visible;

    [HubQuery]
    public SingleResult<StandardisationGap> Get([FromODataUri] Guid key) => SingleResult.Create(Visible.Where(g => g.Id == key));
}
