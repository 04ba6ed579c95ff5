using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Oai;

/// <summary>The OAI-PMH 2.0 repository at <c>/oai</c> (section <c>Oai</c>).</summary>
public sealed class OaiOptions
{
    public const string Section = "Oai";

    /// <summary>Records (or headers) per ListRecords/ListIdentifiers answer; the rest follows by resumption token.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>How long a resumption token stays valid (its expirationDate).</summary>
    [Range(1, 168)]
    public int TokenLifetimeHours { get; set; } = 24;

    [Required]
    [MaxLength(200)]
    public string RepositoryName { get; set; } = "UseCaseHub: IoT and smart-city use cases, ITU-T Study Group 20";

    /// <summary>Identify's adminEmail (required by the protocol): the SG20 secretariat by default.</summary>
    [Required]
    [EmailAddress]
    public string AdminEmail { get; set; } = "tsbsg20@itu.int";

    /// <summary>The middle of every identifier (<c>oai:{this}:UC-2026-00042</c>); empty: the host of the public address.</summary>
    [RegularExpression("^$|^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$", ErrorMessage = "Oai:RepositoryIdentifier must be a domain name such as usecases.example.org.")]
    public string? RepositoryIdentifier { get; set; }
}
