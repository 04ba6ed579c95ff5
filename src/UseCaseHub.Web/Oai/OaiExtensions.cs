using System.Globalization;
using System.Xml;
using Microsoft.Extensions.Options;
using UseCaseHub.Web.Metadata;
using UseCaseHub.Web.Site;

namespace UseCaseHub.Web.Oai;

/// <summary>
/// OAI-PMH 2.0 at <c>/oai</c> (GET, and POST with a form body): every verb, every protocol error, sets by vertical, goal
/// and M49 region, oai_dc records, resumption tokens, deleted records (transient: the store keeps what was withdrawn
/// from view, but a draft an operator deletes leaves no trace). Protocol errors are answered in the protocol's own XML
/// with 200, as the specification requires.
/// </summary>
public static class OaiExtensions
{
    public const string Path = "/oai";

    /// <summary>A form body larger than this is no harvester's request.</summary>
    private const long MaxFormBytes = 8 * 1024;

    public static IServiceCollection AddHubOai(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OaiOptions>().Bind(configuration.GetSection(OaiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<OaiRepository>();
        services.AddSingleton<ResumptionTokens>();
        services.AddScoped<OaiResponder>();
        return services;
    }

    public static WebApplication MapHubOai(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, (HttpContext context, OaiResponder responder, CancellationToken cancellationToken) =>
            AnswerAsync(context, responder, context.Request.Query, cancellationToken));
        app.MapPost(Path, async (HttpContext context, OaiResponder responder, CancellationToken cancellationToken) =>
        {
            if (!context.Request.HasFormContentType || context.Request.ContentLength is null or > MaxFormBytes)
            {
                return await AnswerAsync(context, responder, [], cancellationToken, new OaiError("badArgument", "POST requests carry their arguments as a form (application/x-www-form-urlencoded) of at most 8 KB."));
            }

            var form = await context.Request.ReadFormAsync(cancellationToken);
            return await AnswerAsync(context, responder, form, cancellationToken);
        });
        return app;
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, OaiResponder responder, IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> arguments,
        CancellationToken cancellationToken, OaiError? error = null)
    {
        var xml = await responder.AnswerAsync(context, arguments, error, cancellationToken);
        return Results.Text(xml, "text/xml; charset=utf-8");
    }

    internal static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Writes one OAI-PMH answer: the envelope, then the verb's body or its error.</summary>
public sealed class OaiResponder(OaiRepository repository, ResumptionTokens tokens, IOptions<OaiOptions> options, IOptions<SiteOptions> site)
{
    public const string OaiNamespace = "http://www.openarchives.org/OAI/2.0/";
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    public const string OaiDcNamespace = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    public const string DcNamespace = "http://purl.org/dc/elements/1.1/";
    public const string OaiDc = "oai_dc";

    private Uri _root = null!;

    public async Task<string> AnswerAsync(HttpContext context, IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> raw, OaiError? error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        _root = MetadataExtensions.SiteRoot(context, site.Value);
        var (request, badRequest) = error is null ? OaiRequest.Parse(raw) : (null, error);
        var body = request is null ? null : await BodyAsync(request, cancellationToken);
        return Sitemap.Xml(writer =>
        {
            writer.WriteStartElement("OAI-PMH", OaiNamespace);
            writer.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
            writer.WriteAttributeString("schemaLocation", XsiNamespace, $"{OaiNamespace} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd");
            writer.WriteElementString("responseDate", OaiNamespace, OaiExtensions.Format(DateTimeOffset.UtcNow));
            writer.WriteStartElement("request", OaiNamespace);
            // After badVerb or badArgument the request element carries no attributes (specification 3.2).
            if (request is not null && _failure?.Code is not ("badArgument" or "badVerb"))
            {
                writer.WriteAttributeString("verb", request.Name);
                foreach (var (name, value) in request.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    writer.WriteAttributeString(name, value);
                }
            }

            writer.WriteString(new Uri(_root, "oai").ToString());
            writer.WriteEndElement();
            if (badRequest is not null)
            {
                WriteError(writer, badRequest);
            }
            else
            {
                body!(writer);
            }

            writer.WriteEndElement();
        });
    }

    private static void WriteError(XmlWriter writer, OaiError error)
    {
        writer.WriteStartElement("error", OaiNamespace);
        writer.WriteAttributeString("code", error.Code);
        writer.WriteString(error.Message);
        writer.WriteEndElement();
    }

    /// <summary>The error this answer ends in, if any (a badArgument found after parsing also strips the request element).</summary>
    private OaiError? _failure;

    private Action<XmlWriter> Error(string code, string message)
    {
        var error = new OaiError(code, message);
        _failure = error;
        return writer => WriteError(writer, error);
    }

    private string RepositoryIdentifier => string.IsNullOrWhiteSpace(options.Value.RepositoryIdentifier) ? _root.Host : options.Value.RepositoryIdentifier;

    private string IdentifierOf(string pid) => $"oai:{RepositoryIdentifier}:{pid}";

    /// <summary>The PID an identifier names, if it is one of this repository's.</summary>
    private string? PidOf(string identifier)
    {
        var prefix = $"oai:{RepositoryIdentifier}:";
        return identifier.Length <= 200 && identifier.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? identifier[prefix.Length..].ToUpperInvariant() : null;
    }

    private async Task<Action<XmlWriter>> BodyAsync(OaiRequest request, CancellationToken cancellationToken)
    {
        switch (request.Name)
        {
            case "Identify":
                return await IdentifyAsync(cancellationToken);
            case "ListMetadataFormats":
                if (request["identifier"] is { } identifier && (PidOf(identifier) is not { } pid || await repository.FindAsync(pid, cancellationToken) is null))
                {
                    return Error("idDoesNotExist", "No record has this identifier.");
                }

                return writer =>
                {
                    writer.WriteStartElement("ListMetadataFormats", OaiNamespace);
                    writer.WriteStartElement("metadataFormat", OaiNamespace);
                    writer.WriteElementString("metadataPrefix", OaiNamespace, OaiDc);
                    writer.WriteElementString("schema", OaiNamespace, "http://www.openarchives.org/OAI/2.0/oai_dc.xsd");
                    writer.WriteElementString("metadataNamespace", OaiNamespace, OaiDcNamespace);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                };
            case "ListSets":
                if (request["resumptionToken"] is not null)
                {
                    // Every set fits in one answer: no token of ours is ever valid here.
                    return Error("badResumptionToken", "ListSets answers in one page; this token is not valid.");
                }

                var sets = await repository.SetsAsync(cancellationToken);
                return writer =>
                {
                    writer.WriteStartElement("ListSets", OaiNamespace);
                    foreach (var set in sets)
                    {
                        writer.WriteStartElement("set", OaiNamespace);
                        writer.WriteElementString("setSpec", OaiNamespace, set.Spec);
                        writer.WriteElementString("setName", OaiNamespace, set.Name);
                        writer.WriteEndElement();
                    }

                    writer.WriteEndElement();
                };
            case "GetRecord":
                if (request["metadataPrefix"] != OaiDc)
                {
                    return Error("cannotDisseminateFormat", "The only metadata format is oai_dc.");
                }

                if (PidOf(request["identifier"]!) is not { } recordPid || await repository.FindAsync(recordPid, cancellationToken) is not { } header)
                {
                    return Error("idDoesNotExist", "No record has this identifier.");
                }

                var records = await RecordsAsync([header], cancellationToken);
                return writer =>
                {
                    writer.WriteStartElement("GetRecord", OaiNamespace);
                    records(writer);
                    writer.WriteEndElement();
                };
            default:
                return await ListAsync(request, cancellationToken);
        }
    }

    private async Task<Action<XmlWriter>> IdentifyAsync(CancellationToken cancellationToken)
    {
        var earliest = await repository.EarliestAsync(cancellationToken) ?? DateTimeOffset.UnixEpoch;
        var identifier = RepositoryIdentifier;
        return writer =>
        {
            writer.WriteStartElement("Identify", OaiNamespace);
            writer.WriteElementString("repositoryName", OaiNamespace, options.Value.RepositoryName);
            writer.WriteElementString("baseURL", OaiNamespace, new Uri(_root, "oai").ToString());
            writer.WriteElementString("protocolVersion", OaiNamespace, "2.0");
            writer.WriteElementString("adminEmail", OaiNamespace, options.Value.AdminEmail);
            writer.WriteElementString("earliestDatestamp", OaiNamespace, OaiExtensions.Format(earliest));
            writer.WriteElementString("deletedRecord", OaiNamespace, "transient");
            writer.WriteElementString("granularity", OaiNamespace, "YYYY-MM-DDThh:mm:ssZ");
            // The oai-identifier description needs a domain name (with a dot); a host such as localhost has none.
            if (identifier.Contains('.', StringComparison.Ordinal))
            {
                const string Scheme = "http://www.openarchives.org/OAI/2.0/oai-identifier";
                writer.WriteStartElement("description", OaiNamespace);
                writer.WriteStartElement("oai-identifier", Scheme);
                writer.WriteAttributeString("schemaLocation", XsiNamespace, $"{Scheme} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd");
                writer.WriteElementString("scheme", Scheme, "oai");
                writer.WriteElementString("repositoryIdentifier", Scheme, identifier);
                writer.WriteElementString("delimiter", Scheme, ":");
                writer.WriteElementString("sampleIdentifier", Scheme, IdentifierOf("UC-2026-00042"));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        };
    }

    private async Task<Action<XmlWriter>> ListAsync(OaiRequest request, CancellationToken cancellationToken)
    {
        ResumptionState state;
        if (request["resumptionToken"] is { } token)
        {
            if (tokens.Read(token, request.Name) is not { } resumed)
            {
                return Error("badResumptionToken", "The resumption token is invalid or has expired.");
            }

            state = resumed;
        }
        else
        {
            if (request["metadataPrefix"] != OaiDc)
            {
                return Error("cannotDisseminateFormat", "The only metadata format is oai_dc.");
            }

            var (window, bad) = OaiRequest.Window(request["from"], request["until"]);
            if (bad is not null)
            {
                return Error(bad.Code, bad.Message);
            }

            if (request["set"] is { } named && !OaiRepository.IsWellFormedSet(named))
            {
                return Error("badArgument", "Sets are vertical, sdg and region, or one of their members (vertical:water, sdg:6, region:002).");
            }

            state = new ResumptionState(request.Name, OaiDc, request["set"], window!.From, window.Until, "", 0);
        }

        var range = new OaiWindow(state.From, state.Until);
        var size = options.Value.PageSize;
        var total = await repository.CountAsync(state.Set, range, cancellationToken);
        var headers = await repository.PageAsync(state.Set, range, state.After, size, cancellationToken);
        if (headers.Count == 0)
        {
            return Error("noRecordsMatch", "No records match the arguments.");
        }

        var cursor = state.Cursor;
        var more = cursor + headers.Count < total;
        var next = more ? tokens.Issue(state with { After = headers[^1].Pid, Cursor = cursor + headers.Count }) : default;
        var wasResumed = state.Cursor > 0;
        var items = request.Name == "ListRecords" ? await RecordsAsync(headers, cancellationToken) : writer => headers.ForEach(h => WriteHeader(writer, h));
        return writer =>
        {
            writer.WriteStartElement(request.Name, OaiNamespace);
            items(writer);
            if (more || wasResumed)
            {
                // The last page of a resumed list ends with an empty token (specification 3.5).
                writer.WriteStartElement("resumptionToken", OaiNamespace);
                if (more)
                {
                    writer.WriteAttributeString("expirationDate", OaiExtensions.Format(next.Expires));
                }

                writer.WriteAttributeString("completeListSize", total.ToString(CultureInfo.InvariantCulture));
                writer.WriteAttributeString("cursor", cursor.ToString(CultureInfo.InvariantCulture));
                if (more)
                {
                    writer.WriteString(next.Token);
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        };
    }

    private void WriteHeader(XmlWriter writer, OaiHeader header)
    {
        writer.WriteStartElement("header", OaiNamespace);
        if (header.Deleted)
        {
            writer.WriteAttributeString("status", "deleted");
        }

        writer.WriteElementString("identifier", OaiNamespace, IdentifierOf(header.Pid));
        writer.WriteElementString("datestamp", OaiNamespace, OaiExtensions.Format(header.Datestamp));
        foreach (var set in header.Sets)
        {
            writer.WriteElementString("setSpec", OaiNamespace, set);
        }

        writer.WriteEndElement();
    }

    private async Task<Action<XmlWriter>> RecordsAsync(IReadOnlyList<OaiHeader> headers, CancellationToken cancellationToken)
    {
        var ids = headers.Where(h => !h.Deleted).Select(h => h.Id).ToList();
        var entries = await repository.PublicEntriesAsync(ids, cancellationToken);
        var translations = await repository.TranslationsAsync(ids, cancellationToken);
        return writer =>
        {
            foreach (var header in headers)
            {
                writer.WriteStartElement("record", OaiNamespace);
                WriteHeader(writer, header);
                // Metadata only for what is public now; a deleted record is its header alone.
                if (!header.Deleted && entries.TryGetValue(header.Id, out var entry))
                {
                    writer.WriteStartElement("metadata", OaiNamespace);
                    DublinCore.Write(writer, entry, translations[entry.Id].ToList(), _root);
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }
        };
    }
}
