namespace UseCaseHub.Core.Catalogue;

/// <summary>How a name finds an organisation, and which organisations curated content may be attached to.</summary>
public static class Organizations
{
    /// <summary>The organisation a typed name stands for: the same slug, or exactly the same name.</summary>
    public static IQueryable<Organization> Named(this IQueryable<Organization> organizations, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = Slugs.From(name);
        var trimmed = name.Trim();
        return organizations.Where(o => o.Slug == slug || o.Name == trimmed);
    }

    /// <summary>
    /// Curated content files never attach entries to an organisation founded through a registration: whoever
    /// registered first with a well-known name ("ITU", a ministry) must not receive that organisation's entries.
    /// </summary>
    public static bool AcceptsCuratedEntries(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return !organization.CreatedByRegistration;
    }
}
