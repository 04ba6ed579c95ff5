using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Taxonomies;

public enum RegionLevel
{
    World,
    Region,
    SubRegion,
    IntermediateRegion,
}

/// <summary>A UN M49 region at some level (Africa &gt; Sub-Saharan Africa &gt; Eastern Africa).</summary>
public sealed class Region
{
    /// <summary>Three-digit M49 code such as <c>002</c>.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public RegionLevel Level { get; set; }
    public string? ParentCode { get; set; }
}

/// <summary>One of the six ITU-D regions.</summary>
public sealed class ItuRegion
{
    /// <summary>Such as <c>arab-states</c>.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}

public sealed class Country
{
    public string Iso2 { get; set; } = "";
    public string Iso3 { get; set; } = "";
    public string M49 { get; set; } = "";
    public string Name { get; set; } = "";
    public string? RegionCode { get; set; }
    public string? SubRegionCode { get; set; }
    public string? IntermediateRegionCode { get; set; }
    public string? ItuRegionCode { get; set; }

    /// <summary>Least Developed Country.</summary>
    public bool Ldc { get; set; }

    /// <summary>Landlocked Developing Country.</summary>
    public bool Lldc { get; set; }

    /// <summary>Small Island Developing State.</summary>
    public bool Sids { get; set; }

    public List<Entry> Entries { get; set; } = [];

    /// <summary>The M49 region codes the country belongs to, from the widest to the narrowest.</summary>
    public IEnumerable<string> RegionPath()
    {
        foreach (var code in new[] { RegionCode, SubRegionCode, IntermediateRegionCode })
        {
            if (code is not null)
            {
                yield return code;
            }
        }
    }

    public IEnumerable<string> Groups()
    {
        if (Ldc)
        {
            yield return "LDC";
        }

        if (Lldc)
        {
            yield return "LLDC";
        }

        if (Sids)
        {
            yield return "SIDS";
        }
    }
}
