using System.Xml.Linq;

namespace UseCaseHub.Web.Tests.Share;

/// <summary>The share fixture behind a configured public address (as in production).</summary>
public sealed class PublicAddressShareFactory : ShareFactory
{
    public const string PublicBase = "https://hub.example.org/";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [.. base.Settings, new("Site:PublicBaseUrl", PublicBase)];
}

/// <summary>
/// share: with <c>Site:PublicBaseUrl</c> set, a feed's identifiers are the same in every language and its links keep
/// the reader's language prefix (the configured address used to drop it).
/// </summary>
public sealed class FeedAddressTests(PublicAddressShareFactory factory) : IClassFixture<PublicAddressShareFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task A_french_feed_has_the_english_feeds_ids_and_french_links()
    {
        var english = XDocument.Parse(await ShareHttp.TextAsync(_client, "/feed.atom?sdg=6")).Root!;
        var french = XDocument.Parse(await ShareHttp.TextAsync(_client, "/fr/feed.atom?sdg=6")).Root!;
        static List<string> Ids(XElement feed) => [.. feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).Order(StringComparer.Ordinal)];
        static string Link(XElement element, string rel) => (string)element.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == rel).Attribute("href")!;

        Assert.NotEmpty(Ids(english));
        Assert.Equal(Ids(english), Ids(french));
        Assert.All(Ids(french), id => Assert.StartsWith(PublicAddressShareFactory.PublicBase + "id/", id, StringComparison.Ordinal));
        Assert.Equal(PublicAddressShareFactory.PublicBase + "feed.atom?sdg=6", Link(english, "self"));
        Assert.Equal(PublicAddressShareFactory.PublicBase + "fr/feed.atom?sdg=6", Link(french, "self"));
        Assert.StartsWith(PublicAddressShareFactory.PublicBase + "fr/", Link(french, "alternate"), StringComparison.Ordinal);
        Assert.All(french.Elements(Atom + "entry"), e => Assert.StartsWith(PublicAddressShareFactory.PublicBase + "fr/", Link(e, "alternate"), StringComparison.Ordinal));
        Assert.All(english.Elements(Atom + "entry"), e => Assert.DoesNotContain("/fr/", Link(e, "alternate"), StringComparison.Ordinal));
    }
}
