using UseCaseHub.Core.Taxonomies;

namespace UseCaseHub.Core.Catalogue;

/// <summary>What use cases and best practices share: identity, text, tagging, workflow state.</summary>
public abstract class Entry
{
    /// <summary>Globally unique and permanent; half of the persistent identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>Human-readable persistent identifier such as <c>UC-2026-00042</c>; never changes.</summary>
    public string Pid { get; set; } = "";

    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";

    /// <summary>Markdown.</summary>
    public string Body { get; set; } = "";

    /// <summary>BCP 47 language tag of the entry's text.</summary>
    public string Language { get; set; } = "en";

    public EntryStatus Status { get; set; } = EntryStatus.Draft;

    /// <summary>
    /// Set on a revision: a draft of a new version of this published entry, with the same <see cref="Pid"/>, assessed
    /// again while the published entry stays visible; applied onto it when published (see <see cref="Workflow.EntryRevisions"/>).
    /// </summary>
    public Guid? RevisionOfId { get; set; }

    /// <summary>Incremented on every accepted change; the workflow issue keeps the history.</summary>
    public int Version { get; set; } = 1;

    public string Licence { get; set; } = Licences.Default;
    public string? Contact { get; set; }

    public Guid? OrganizationId { get; set; }

    /// <summary>The submitting organisation, which owns the entry.</summary>
    public Organization? Organization { get; set; }

    public List<Organization> Partners { get; set; } = [];
    public List<Vertical> Verticals { get; set; } = [];
    public List<Country> Countries { get; set; } = [];
    public List<SdgGoal> Sdgs { get; set; } = [];
    public List<SdgTarget> SdgTargets { get; set; } = [];
    public List<Technology> Technologies { get; set; } = [];
    public List<Standard> Standards { get; set; } = [];
    public List<EntryLink> Links { get; set; } = [];

    /// <summary>Where the entry's facts come from (URLs).</summary>
    public List<string> Sources { get; set; } = [];

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When the entry last changed state (set by <see cref="Workflow.EntryWorkflow"/>): the age the curators' queue sorts by.</summary>
    public DateTimeOffset? StatusChangedAt { get; set; }

    /// <summary>The curator (user id) assessing the entry: set by Claim, changed by Reassign and Release (<see cref="Workflow.EntryAssignment"/>).</summary>
    public string? AssignedCuratorId { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>When the owner last confirmed a published entry is still deployed (re-validation); null: never since publication.</summary>
    public DateTimeOffset? LastConfirmedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Hash of the content file the entry was imported from: an unchanged file is skipped.</summary>
    public string? ContentHash { get; set; }

    /// <summary>Optimistic concurrency token, renewed on every save (the API's ETag).</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public abstract EntryKind Kind { get; }

    /// <summary>The site path of the entry, without culture prefix.</summary>
    public string Path => $"/{Kind.UrlSegment()}/{Slug}";
}

public sealed class EntryLink
{
    public string Title { get; set; } = "";
    public string Url { get; set; } = "";
}

public static class Licences
{
    public const string Default = "CC-BY-4.0";
}
