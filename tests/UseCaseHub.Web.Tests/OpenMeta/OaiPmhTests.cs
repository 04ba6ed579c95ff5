using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Store;
using UseCaseHub.Web.Oai;

namespace UseCaseHub.Web.Tests.OpenMeta;

/// <summary>OAI-PMH 2.0 at /oai: every verb, every error, resumption, sets, incremental harvests, a deleted record.</summary>
[Collection(OpenMetaHostGroup.Name)]
public sealed class OaiPmhTests(OpenMetaHubFactory factory)
{
    private static readonly XNamespace Oai = OaiResponder.OaiNamespace;
    private static readonly XNamespace OaiDc = OaiResponder.OaiDcNamespace;
    private static readonly XNamespace Dc = OaiResponder.DcNamespace;
    private static readonly XNamespace Xsi = OaiResponder.XsiNamespace;
    private readonly HttpClient _client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<XElement> GetAsync(string query)
    {
        await factory.PrepareAsync();
        var response = await _client.GetAsync(new Uri("/oai?" + query, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Oai + "OAI-PMH", root.Name);
        Assert.Equal($"{OaiResponder.OaiNamespace} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd", root.Attribute(Xsi + "schemaLocation")!.Value);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", root.Element(Oai + "responseDate")!.Value);
        Assert.Equal("http://localhost/oai", root.Element(Oai + "request")!.Value);
        return root;
    }

    private static string? ErrorOf(XElement root) => root.Element(Oai + "error")?.Attribute("code")!.Value;

    private static string Id(string pid) => "oai:localhost:" + pid;

    /// <summary>A whole list, following resumption tokens; checks each token's cursor and completeListSize on the way.</summary>
    private async Task<(List<XElement> Items, int Pages)> HarvestAsync(string verb, string arguments)
    {
        var items = new List<XElement>();
        var root = await GetAsync($"verb={verb}&{arguments}");
        var pages = 1;
        while (true)
        {
            Assert.Null(ErrorOf(root));
            var list = root.Element(Oai + verb)!;
            var page = verb == "ListRecords" ? list.Elements(Oai + "record").ToList() : list.Elements(Oai + "header").ToList();
            Assert.InRange(page.Count, 1, OpenMetaHubFactory.OaiPageSize);
            var token = list.Element(Oai + "resumptionToken");
            if (token is not null)
            {
                Assert.Equal(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), token.Attribute("cursor")!.Value);
            }

            items.AddRange(page);
            if (token is null || token.Value.Length == 0)
            {
                if (token is not null)
                {
                    Assert.Equal(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), token.Attribute("completeListSize")!.Value);
                }

                return (items, pages);
            }

            Assert.NotNull(token.Attribute("expirationDate"));
            root = await GetAsync($"verb={verb}&resumptionToken={Uri.EscapeDataString(token.Value)}");
            pages++;
        }
    }

    private static XElement HeaderOf(XElement item) => item.Name == Oai + "header" ? item : item.Element(Oai + "header")!;

    [Fact]
    public async Task Identify_describes_the_repository()
    {
        var identify = (await GetAsync("verb=Identify")).Element(Oai + "Identify")!;
        Assert.Equal("http://localhost/oai", identify.Element(Oai + "baseURL")!.Value);
        Assert.Equal("2.0", identify.Element(Oai + "protocolVersion")!.Value);
        Assert.Contains("@", identify.Element(Oai + "adminEmail")!.Value, StringComparison.Ordinal);
        Assert.Equal("transient", identify.Element(Oai + "deletedRecord")!.Value);
        Assert.Equal("YYYY-MM-DDThh:mm:ssZ", identify.Element(Oai + "granularity")!.Value);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", identify.Element(Oai + "earliestDatestamp")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(identify.Element(Oai + "repositoryName")!.Value));
    }

    [Fact]
    public async Task ListMetadataFormats_offers_oai_dc_for_the_repository_and_for_a_record()
    {
        foreach (var query in new[] { "verb=ListMetadataFormats", $"verb=ListMetadataFormats&identifier={Id("UC-2026-00001")}" })
        {
            var format = Assert.Single((await GetAsync(query)).Element(Oai + "ListMetadataFormats")!.Elements(Oai + "metadataFormat"));
            Assert.Equal("oai_dc", format.Element(Oai + "metadataPrefix")!.Value);
            Assert.Equal(OaiResponder.OaiDcNamespace, format.Element(Oai + "metadataNamespace")!.Value);
            Assert.Equal("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", format.Element(Oai + "schema")!.Value);
        }

        Assert.Equal("idDoesNotExist", ErrorOf(await GetAsync($"verb=ListMetadataFormats&identifier={Id(OpenMetaHubFactory.DraftPid)}")));
    }

    [Fact]
    public async Task ListSets_lists_verticals_goals_and_regions()
    {
        var specs = (await GetAsync("verb=ListSets")).Element(Oai + "ListSets")!.Elements(Oai + "set").Select(s => s.Element(Oai + "setSpec")!.Value).ToList();
        Assert.Contains("vertical", specs);
        Assert.Contains("vertical:water", specs);
        Assert.Contains("sdg:6", specs);
        Assert.Contains("sdg:17", specs);
        Assert.Contains("region:002", specs);
        Assert.Equal(specs.Count, specs.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task ListRecords_resumes_across_pages_and_holds_every_public_entry_once_and_the_withdrawn_one_as_deleted()
    {
        var (records, pages) = await HarvestAsync("ListRecords", "metadataPrefix=oai_dc");
        Assert.True(pages > 2, "more records than one page");
        var (entries, _) = await factory.PublicAsync();
        var identifiers = records.Select(r => HeaderOf(r).Element(Oai + "identifier")!.Value).ToList();
        Assert.Equal(identifiers.Count, identifiers.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(entries.Select(e => Id(e.Pid)).Append(Id(OpenMetaHubFactory.WithdrawnPid)).Order(StringComparer.Ordinal).ToList(), identifiers.Order(StringComparer.Ordinal).ToList());
        Assert.DoesNotContain(Id(OpenMetaHubFactory.DraftPid), identifiers);

        var deleted = Assert.Single(records, r => HeaderOf(r).Attribute("status")?.Value == "deleted");
        Assert.Equal(Id(OpenMetaHubFactory.WithdrawnPid), HeaderOf(deleted).Element(Oai + "identifier")!.Value);
        Assert.Null(deleted.Element(Oai + "metadata"));
        Assert.All(records.Where(r => r != deleted), r => Assert.NotNull(r.Element(Oai + "metadata")!.Element(OaiDc + "dc")));

        var (headers, _) = await HarvestAsync("ListIdentifiers", "metadataPrefix=oai_dc");
        Assert.Equal(identifiers, headers.Select(h => h.Element(Oai + "identifier")!.Value).ToList());
    }

    [Fact]
    public async Task GetRecord_answers_dublin_core_with_its_namespaces_and_a_deleted_record_as_its_header()
    {
        var record = (await GetAsync($"verb=GetRecord&identifier={Id("UC-2026-00001")}&metadataPrefix=oai_dc")).Element(Oai + "GetRecord")!.Element(Oai + "record")!;
        var header = record.Element(Oai + "header")!;
        Assert.Null(header.Attribute("status"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", header.Element(Oai + "datestamp")!.Value);
        Assert.Contains("sdg:6", header.Elements(Oai + "setSpec").Select(s => s.Value));
        Assert.Contains("vertical:water", header.Elements(Oai + "setSpec").Select(s => s.Value));
        Assert.Contains("region:002", header.Elements(Oai + "setSpec").Select(s => s.Value));
        var dc = record.Element(Oai + "metadata")!.Element(OaiDc + "dc")!;
        Assert.Equal($"{OaiResponder.OaiDcNamespace} http://www.openarchives.org/OAI/2.0/oai_dc.xsd", dc.Attribute(Xsi + "schemaLocation")!.Value);
        string[] Values(string name) => [.. dc.Elements(Dc + name).Select(e => e.Value)];
        Assert.Contains("Smart water metering in Kenya", Values("title"));
        Assert.Equal(3, Values("title").Length); // the original and its two translations, each with its xml:lang
        Assert.Contains(dc.Elements(Dc + "title"), t => t.Attribute(XNamespace.Xml + "lang")?.Value == "fr");
        Assert.Equal("Fixture Utility", Assert.Single(Values("creator")));
        Assert.Contains("Water", Values("subject"), StringComparer.OrdinalIgnoreCase);
        Assert.Contains(Values("subject"), s => s.StartsWith("SDG 6", StringComparison.Ordinal));
        Assert.Contains("A fixture entry about smart water metering in kenya.", Values("description"));
        Assert.NotEmpty(Values("publisher"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", Assert.Single(Values("date")));
        Assert.Contains("Text", Values("type"));
        Assert.Contains("http://localhost/id/UC-2026-00001", Values("identifier"));
        Assert.Contains("urn:uuid:195dbc3c-3646-5c86-88fe-1ba6d4bf65df", Values("identifier"));
        Assert.Equal("ar en fr", string.Join(' ', Values("language").Order(StringComparer.Ordinal)));
        Assert.Contains("Kenya", Values("coverage"));
        Assert.Contains(Values("rights"), r => r.StartsWith("CC-BY-4.0", StringComparison.Ordinal));
        Assert.Contains(Values("relation"), r => r.StartsWith("ITU-T Y.4900", StringComparison.Ordinal));

        var deleted = (await GetAsync($"verb=GetRecord&identifier={Id(OpenMetaHubFactory.WithdrawnPid)}&metadataPrefix=oai_dc")).Element(Oai + "GetRecord")!.Element(Oai + "record")!;
        Assert.Equal("deleted", deleted.Element(Oai + "header")!.Attribute("status")!.Value);
        Assert.Null(deleted.Element(Oai + "metadata"));
    }

    [Fact]
    public async Task Sets_select_their_members_only()
    {
        var (water, _) = await HarvestAsync("ListIdentifiers", "metadataPrefix=oai_dc&set=sdg:6");
        Assert.Contains(water, h => h.Element(Oai + "identifier")!.Value == Id("UC-2026-00001"));
        Assert.All(water, h => Assert.Contains("sdg:6", h.Elements(Oai + "setSpec").Select(s => s.Value)));
        var (all, _) = await HarvestAsync("ListIdentifiers", "metadataPrefix=oai_dc");
        Assert.True(water.Count < all.Count);
        Assert.Equal(all.Count(h => h.Elements(Oai + "setSpec").Any(s => s.Value == "sdg:6")), water.Count);

        var (africa, _) = await HarvestAsync("ListIdentifiers", "metadataPrefix=oai_dc&set=region:002");
        Assert.All(africa, h => Assert.Contains("region:002", h.Elements(Oai + "setSpec").Select(s => s.Value)));
        var (verticals, _) = await HarvestAsync("ListIdentifiers", "metadataPrefix=oai_dc&set=vertical");
        Assert.Equal(all.Count(h => h.Elements(Oai + "setSpec").Any(s => s.Value.StartsWith("vertical:", StringComparison.Ordinal))), verticals.Count);
        Assert.Equal("noRecordsMatch", ErrorOf(await GetAsync("verb=ListIdentifiers&metadataPrefix=oai_dc&set=vertical:no-such-vertical")));
    }

    [Fact]
    public async Task Harvesting_by_date_returns_what_changed_in_the_window()
    {
        await factory.PrepareAsync();
        var changed = factory.HostileChangedAt.UtcDateTime;
        var from = changed.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (recent, _) = await HarvestAsync("ListIdentifiers", $"metadataPrefix=oai_dc&from={from}");
        var ids = recent.Select(h => h.Element(Oai + "identifier")!.Value).ToList();
        Assert.Contains(Id("UC-2026-00004"), ids);
        Assert.Contains(Id(OpenMetaHubFactory.WithdrawnPid), ids);
        Assert.All(recent, h => Assert.True(string.CompareOrdinal(h.Element(Oai + "datestamp")!.Value, from) >= 0));

        var (all, _) = await HarvestAsync("ListIdentifiers", "metadataPrefix=oai_dc");
        Assert.True(recent.Count < all.Count, "the import came before the changes");
        var until = changed.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (older, _) = await HarvestAsync("ListIdentifiers", $"metadataPrefix=oai_dc&until={until}");
        Assert.DoesNotContain(Id("UC-2026-00004"), older.Select(h => h.Element(Oai + "identifier")!.Value));
        Assert.Equal(all.Count, older.Count + recent.Count);

        var day = changed.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (sameDay, _) = await HarvestAsync("ListIdentifiers", $"metadataPrefix=oai_dc&from={day}&until={day}");
        Assert.Contains(Id("UC-2026-00004"), sameDay.Select(h => h.Element(Oai + "identifier")!.Value));
        Assert.Equal("noRecordsMatch", ErrorOf(await GetAsync("verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01")));
        Assert.Equal("noRecordsMatch", ErrorOf(await GetAsync("verb=ListRecords&metadataPrefix=oai_dc&until=1990-01-01T00:00:00Z")));
    }

    [Fact]
    public async Task A_translations_change_is_harvested_as_a_change_of_its_record()
    {
        await factory.PrepareAsync();
        var changed = factory.HostileChangedAt.UtcDateTime;
        var from = changed.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (recent, _) = await HarvestAsync("ListIdentifiers", $"metadataPrefix=oai_dc&from={from}");
        var header = Assert.Single(recent, h => h.Element(Oai + "identifier")!.Value == Id(OpenMetaHubFactory.TranslatedPid));
        Assert.Equal(from, header.Element(Oai + "datestamp")!.Value);

        var until = changed.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (older, _) = await HarvestAsync("ListIdentifiers", $"metadataPrefix=oai_dc&until={until}");
        Assert.DoesNotContain(Id(OpenMetaHubFactory.TranslatedPid), older.Select(h => h.Element(Oai + "identifier")!.Value));
        var record = (await GetAsync($"verb=GetRecord&identifier={Id(OpenMetaHubFactory.TranslatedPid)}&metadataPrefix=oai_dc")).Element(Oai + "GetRecord")!;
        Assert.Equal(from, record.Descendants(Oai + "datestamp").Single().Value);
    }

    [Fact]
    public async Task An_imported_draft_with_a_publication_date_is_never_a_record()
    {
        await factory.PrepareAsync();
        using (var scope = factory.Services.CreateScope())
        {
            // The importer keeps the file's date on the draft: the case this test is about.
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var draft = await db.Entries.AsNoTracking().SingleAsync(e => e.Pid == OpenMetaHubFactory.DatedDraftPid && e.RevisionOfId == null);
            Assert.Equal(EntryStatus.Draft, draft.Status);
            Assert.NotNull(draft.PublishedAt);
        }

        var (headers, _) = await HarvestAsync("ListIdentifiers", "metadataPrefix=oai_dc");
        Assert.DoesNotContain(Id(OpenMetaHubFactory.DatedDraftPid), headers.Select(h => h.Element(Oai + "identifier")!.Value));
        var (records, _) = await HarvestAsync("ListRecords", "metadataPrefix=oai_dc&set=sdg:6");
        Assert.DoesNotContain(Id(OpenMetaHubFactory.DatedDraftPid), records.Select(r => HeaderOf(r).Element(Oai + "identifier")!.Value));
        Assert.Equal("idDoesNotExist", ErrorOf(await GetAsync($"verb=GetRecord&identifier={Id(OpenMetaHubFactory.DatedDraftPid)}&metadataPrefix=oai_dc")));
    }

    [Fact]
    public async Task Post_with_a_form_answers_as_get_does()
    {
        await factory.PrepareAsync();
        using var form = new FormUrlEncodedContent([new("verb", "GetRecord"), new("identifier", Id("UC-2026-00001")), new("metadataPrefix", "oai_dc")]);
        var response = await _client.PostAsync(new Uri("/oai", UriKind.Relative), form);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("GetRecord", root.Element(Oai + "request")!.Attribute("verb")!.Value);
        Assert.NotNull(root.Element(Oai + "GetRecord")!.Element(Oai + "record")!.Element(Oai + "metadata"));

        using var text = new StringContent("verb=Identify", System.Text.Encoding.UTF8, "text/plain");
        var notForm = XDocument.Parse(await (await _client.PostAsync(new Uri("/oai", UriKind.Relative), text)).Content.ReadAsStringAsync()).Root!;
        Assert.Equal("badArgument", ErrorOf(notForm));
    }

    [Theory]
    [InlineData("", "badVerb")]
    [InlineData("verb=Harvest", "badVerb")]
    [InlineData("verb=Identify&verb=ListSets", "badVerb")]
    [InlineData("verb=Identify&set=sdg:6", "badArgument")]
    [InlineData("verb=ListRecords", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=yesterday", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-12-31T00:00:00Z", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-01&until=2026-01-01", "badArgument")]
    [InlineData("verb=ListRecords&metadataPrefix=oai_dc&set=planet:mars", "badArgument")]
    [InlineData("verb=GetRecord&identifier=oai:localhost:UC-2026-00001", "badArgument")]
    [InlineData("verb=ListRecords&resumptionToken=not-a-token", "badResumptionToken")]
    [InlineData("verb=ListSets&resumptionToken=anything", "badResumptionToken")]
    [InlineData("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat")]
    [InlineData("verb=GetRecord&identifier=oai:localhost:UC-2026-00001&metadataPrefix=mods", "cannotDisseminateFormat")]
    [InlineData("verb=GetRecord&identifier=oai:localhost:UC-2026-00005&metadataPrefix=oai_dc", "idDoesNotExist")]
    [InlineData("verb=GetRecord&identifier=oai:elsewhere.org:UC-2026-00001&metadataPrefix=oai_dc", "idDoesNotExist")]
    [InlineData("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01T00:00:00Z", "noRecordsMatch")]
    [InlineData("verb=Identify&%01=x", "badArgument")]
    [InlineData("verb=Identify&x%0B=%01", "badArgument")]
    [InlineData("verb=%01", "badVerb")]
    public async Task Every_protocol_error_is_answered_with_its_code(string query, string code)
    {
        var root = await GetAsync(query);
        Assert.Equal(code, ErrorOf(root));
        var request = root.Element(Oai + "request")!;
        if (code is "badVerb" or "badArgument")
        {
            Assert.Empty(request.Attributes());
        }
    }

    [Fact]
    public async Task A_resumption_token_is_tamper_proof_and_bound_to_its_verb()
    {
        var first = (await GetAsync("verb=ListIdentifiers&metadataPrefix=oai_dc")).Element(Oai + "ListIdentifiers")!;
        var token = first.Element(Oai + "resumptionToken")!.Value;
        Assert.Equal("0", first.Element(Oai + "resumptionToken")!.Attribute("cursor")!.Value);
        Assert.Equal("badResumptionToken", ErrorOf(await GetAsync($"verb=ListRecords&resumptionToken={Uri.EscapeDataString(token)}")));
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        Assert.Equal("badResumptionToken", ErrorOf(await GetAsync($"verb=ListIdentifiers&resumptionToken={Uri.EscapeDataString(altered)}")));
        Assert.Null(ErrorOf(await GetAsync($"verb=ListIdentifiers&resumptionToken={Uri.EscapeDataString(token)}")));
    }
}
