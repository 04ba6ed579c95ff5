using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Access;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Api;

/// <summary>
/// One row per (entry, tag): the flat shape a spreadsheet pivots on. OData's groupby cannot group over a
/// collection (<c>groupby((Sdgs/Number))</c> is rejected), so counts by SDG, vertical or region are asked
/// of this set: <c>EntryTags?$apply=filter(Facet eq 'sdg')/groupby((Code,Label),aggregate($count as Entries))</c>.
/// </summary>
public sealed class EntryTag
{
    public Guid EntryId { get; set; }
    public string Pid { get; set; } = "";

    /// <summary><c>UseCase</c> or <c>BestPractice</c>.</summary>
    public string Type { get; set; } = "";
    public EntryStatus Status { get; set; }

    /// <summary>The facet key, as in search: <c>sdg</c>, <c>vertical</c>, <c>country</c>, <c>region</c>, ...</summary>
    public string Facet { get; set; } = "";
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
}

public sealed class EntryTagsController(ApiDbContext db, TagPivots pivots) : ODataController
{
    [HubQuery]
    public async Task<ActionResult<IQueryable<EntryTag>>> Get(CancellationToken cancellationToken)
    {
        if (await pivots.TryAnswerAsync(Request, cancellationToken) is { } pivot)
        {
            return new ActionResult<IQueryable<EntryTag>>((ActionResult)pivot);
        }

        return new ActionResult<IQueryable<EntryTag>>(Rows());
    }

    private IQueryable<EntryTag> Rows()
    {
        var entries = db.Entries.AsNoTracking().VisibleTo(User).Canonical();
        // ToString becomes a SQL CAST (culture plays no part); the overload with a provider is not translatable.
#pragma warning disable CA1305
        var sdgs = entries.SelectMany(e => e.Sdgs, (e, g) => new EntryTag
        {
            EntryId = e.Id,
            Pid = e.Pid,
            Type = EF.Property<string>(e, "Type"),
            Status = e.Status,
            Facet = Facets.Sdg,
            Code = g.Number.ToString(),
            Label = g.ShortTitle,
        });
#pragma warning restore CA1305
        var verticals = entries.SelectMany(e => e.Verticals, (e, v) => new EntryTag
        {
            EntryId = e.Id,
            Pid = e.Pid,
            Type = EF.Property<string>(e, "Type"),
            Status = e.Status,
            Facet = Facets.Vertical,
            Code = v.Slug,
            Label = v.Name,
        });
        var countries = entries.SelectMany(e => e.Countries, (e, c) => new EntryTag
        {
            EntryId = e.Id,
            Pid = e.Pid,
            Type = EF.Property<string>(e, "Type"),
            Status = e.Status,
            Facet = Facets.Country,
            Code = c.Iso2,
            Label = c.Name,
        });
        // An entry in two countries of one region counts once for the region.
        var regions = entries.SelectMany(e => e.Countries, (e, c) => new { e, c })
            .Join(db.Regions, x => x.c.RegionCode, r => r.Code, (x, r) => new EntryTag
            {
                EntryId = x.e.Id,
                Pid = x.e.Pid,
                Type = EF.Property<string>(x.e, "Type"),
                Status = x.e.Status,
                Facet = Facets.Region,
                Code = r.Code,
                Label = r.Name,
            }).Distinct();
        var technologies = entries.SelectMany(e => e.Technologies, (e, t) => new EntryTag
        {
            EntryId = e.Id,
            Pid = e.Pid,
            Type = EF.Property<string>(e, "Type"),
            Status = e.Status,
            Facet = Facets.Technology,
            Code = t.Slug,
            Label = t.Name,
        });
        var standards = entries.SelectMany(e => e.Standards, (e, s) => new EntryTag
        {
            EntryId = e.Id,
            Pid = e.Pid,
            Type = EF.Property<string>(e, "Type"),
            Status = e.Status,
            Facet = Facets.Standard,
            Code = s.Code,
            Label = s.Title,
        });
        return sdgs.Concat(verticals).Concat(countries).Concat(regions).Concat(technologies).Concat(standards);
    }

}
