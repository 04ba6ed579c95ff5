namespace UseCaseHub.Core.Catalogue;

/// <summary>A member organisation: administration, company, city, university.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string? CountryIso2 { get; set; }

    /// <summary>Founded by an admin approving a registration's request, not by curated content or an admin: see <see cref="Organizations"/>.</summary>
    public bool CreatedByRegistration { get; set; }

    public List<Entry> Entries { get; set; } = [];
    public List<Entry> PartnerIn { get; set; } = [];
}
