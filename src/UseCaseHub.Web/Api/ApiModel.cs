using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using UseCaseHub.Core.Assessments;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Web.Api;

/// <summary>The one EDM model of the OData service: the catalogue's entities as the store holds them.</summary>
public static class ApiModel
{
    public const string Namespace = "UseCaseHub";

    /// <summary>
    /// An entry's tags: what an entry may be expanded with. Not its Organization: expanding that nullable single
    /// navigation failed in the query binder (a 500, found by the hostile-input suite); every row carries OrganizationId.
    /// </summary>
    private static readonly string[] Tags = ["Partners", "Verticals", "Countries", "Sdgs", "SdgTargets", "Technologies", "Standards"];

    /// <summary>
    /// The navigation paths each entity set may expand (checked by <see cref="ExpansionRules"/>): an entry's tags, a
    /// tag's entries with their tags, never a way back to the set being read (entries → goals → entries...).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Expandable { get; } = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        ["Entries"] = Paths(Tags),
        ["UseCases"] = Paths(Tags),
        ["BestPractices"] = Paths([.. Tags, "DrawsOn", .. Under("DrawsOn", Tags)]),
        ["Sdgs"] = Paths(["Targets", "Entries", .. Under("Entries", Tags), "Targets/Entries", .. Under("Targets/Entries", Tags)]),
        ["SdgTargets"] = Paths(["Goal", "Entries", .. Under("Entries", Tags)]),
        ["Countries"] = Paths(["Entries", .. Under("Entries", Tags)]),
        ["Verticals"] = Paths(["Entries", .. Under("Entries", Tags)]),
        ["Technologies"] = Paths(["Entries", .. Under("Entries", Tags)]),
        ["Standards"] = Paths(["Entries", .. Under("Entries", Tags)]),
        ["Organizations"] = Paths(["Entries", .. Under("Entries", Tags), "PartnerIn", .. Under("PartnerIn", Tags)]),

        // Versions are read flat (EntryId joins them to Entries); the entry is not a navigation of the model.
        ["EntryVersions"] = Paths([]),
        // Assessments and gaps (wf-assess): a gap's standards; never a way back to entries.
        ["Assessments"] = Paths([]),
        ["StandardisationGaps"] = Paths(["Standards"]),
    };

    private static HashSet<string> Paths(IEnumerable<string> paths) => new(paths, StringComparer.Ordinal);

    private static IEnumerable<string> Under(string parent, IEnumerable<string> children) => children.Select(c => parent + "/" + c);

    /// <summary>The workflow's moves, bound to each writable entry set (see <see cref="Core.Workflow.EntryWorkflow"/>).</summary>
    public static IReadOnlyList<string> Actions { get; } = ["Submit", "Claim", "Assess", "Decide", "Withdraw", "Retire"];

    /// <summary>The workflow actions bound to one entry type; each answers the moved entity.</summary>
    private static void Workflow<T>(ODataConventionModelBuilder builder, string set)
        where T : Entry
    {
        var type = builder.EntityType<T>();
        type.Action("Submit").ReturnsFromEntitySet<T>(set);
        type.Action("Claim").ReturnsFromEntitySet<T>(set);
        // Decision is a string (Publish, Return or Reject) so a wrong value gets a 400 naming the parameter, not a binder error.
        var decide = type.Action("Decide");
        decide.Parameter<string>("Decision").Required();
        decide.Parameter<string>("Note").Optional();
        decide.ReturnsFromEntitySet<T>(set);
        type.Action("Withdraw").ReturnsFromEntitySet<T>(set);
        // A curator's scores for this round; every rule on them is Core's (AssessmentRules), so all parameters are optional here.
        var assess = type.Action("Assess");
        assess.CollectionParameter<AssessmentScore>("Scores").Optional();
        assess.Parameter<string>("EvidenceLevel").Optional();
        assess.Parameter<string>("Comment").Optional();
        assess.ReturnsFromEntitySet<Assessment>("Assessments");
        var retire = type.Action("Retire");
        retire.Parameter<string>("Note").Optional();
        retire.ReturnsFromEntitySet<T>(set);
    }

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Hub" };

        var entry = builder.EntityType<Entry>();
        entry.HasKey(e => e.Id);
        // Internal bookkeeping and computed site paths are not part of the public contract.
        entry.Ignore(e => e.ContentHash);
        entry.Ignore(e => e.Kind);
        entry.Ignore(e => e.Path);
        // Curation bookkeeping (who assesses, when confirmed) is the curators' dashboard's, not the open data's.
        entry.Ignore(e => e.AssignedCuratorId);
        entry.Ignore(e => e.AssignedAt);
        entry.Ignore(e => e.StatusChangedAt);
        entry.Ignore(e => e.LastConfirmedAt);
        entry.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        builder.EntitySet<Entry>("Entries");
        builder.EntitySet<UseCase>("UseCases");
        builder.EntitySet<BestPractice>("BestPractices");

        // A taxonomy value's ETag is its name or title: stable, and renewed when a seed file renames it.
        builder.EntitySet<SdgGoal>("Sdgs").EntityType.HasKey(g => g.Number).Property(g => g.Title).IsConcurrencyToken();
        builder.EntitySet<SdgTarget>("SdgTargets").EntityType.HasKey(t => t.Code).Property(t => t.Text).IsConcurrencyToken();
        builder.EntitySet<Country>("Countries").EntityType.HasKey(c => c.Iso2).Property(c => c.Name).IsConcurrencyToken();
        builder.EntitySet<Region>("Regions").EntityType.HasKey(r => r.Code).Property(r => r.Name).IsConcurrencyToken();
        builder.EntitySet<ItuRegion>("ItuRegions").EntityType.HasKey(r => r.Code).Property(r => r.Name).IsConcurrencyToken();
        builder.EntitySet<Vertical>("Verticals").EntityType.HasKey(v => v.Slug).Property(v => v.Name).IsConcurrencyToken();
        builder.EntitySet<Technology>("Technologies").EntityType.HasKey(t => t.Slug).Property(t => t.Name).IsConcurrencyToken();
        builder.EntitySet<Standard>("Standards").EntityType.HasKey(s => s.Code).Property(s => s.Title).IsConcurrencyToken();
        builder.EntitySet<Organization>("Organizations").EntityType.HasKey(o => o.Id).Property(o => o.Name).IsConcurrencyToken();

        // Every kept version (snapshot as JSON), read-only, under the version visibility rule.
        var version = builder.EntitySet<Core.Versions.EntryVersion>("EntryVersions").EntityType;
        version.HasKey(v => v.Id);
        version.Ignore(v => v.Entry);
        version.Ignore(v => v.Content);
        // Assessments and gaps as readable sets under AssessmentVisibility; who assessed is for curators' pages, not the open API.
        var assessment = builder.EntitySet<Assessment>("Assessments").EntityType;
        assessment.HasKey(a => a.Id);
        assessment.Ignore(a => a.Entry);
        assessment.Ignore(a => a.CuratorId);
        assessment.Ignore(a => a.CuratorName);
        var gap = builder.EntitySet<StandardisationGap>("StandardisationGaps").EntityType;
        gap.HasKey(g => g.Id);
        gap.Ignore(g => g.Entry);
        gap.Ignore(g => g.CuratorId);
        gap.Ignore(g => g.CuratorName);

        // Linked translations, read-only, under their entries' visibility (the context's filter); EntryId links to the entry.
        var translation = builder.EntitySet<Core.Catalogue.Translations.EntryTranslation>("Translations").EntityType;
        translation.HasKey(t => t.Id);
        translation.Ignore(t => t.Entry);
        translation.Ignore(t => t.ContentHash);

        builder.EntitySet<EntryTag>("EntryTags").EntityType.HasKey(t => new { t.EntryId, t.Facet, t.Code });

        Workflow<UseCase>(builder, "UseCases");
        Workflow<BestPractice>(builder, "BestPractices");

        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
        }

        foreach (var type in builder.EnumTypes)
        {
            type.Namespace = Namespace;
        }

        return builder.GetEdmModel();
    }
}
