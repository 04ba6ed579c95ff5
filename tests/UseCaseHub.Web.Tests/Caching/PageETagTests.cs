using System.Net;
using System.Net.Http.Headers;
using UseCaseHub.Web.Tests.Api;

namespace UseCaseHub.Web.Tests.Caching;

/// <summary>A repeat visit to a public page costs a 304, never a stale or another person's page.</summary>
public sealed class PageETagTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/search?q=water&sdg=6")]
    [InlineData("/use-cases/kenya-water")]
    [InlineData("/fr/sdg/6")]
    public async Task A_page_fetched_again_with_its_tag_answers_304_with_no_body(string path)
    {
        var client = factory.CreateClient();
        // A browser's user agent, so the entry page counts its views: a counted view must not change the page's text.
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        var first = await client.GetAsync(path);
        first.EnsureSuccessStatusCode();
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.True(first.Headers.CacheControl?.NoCache, "the page must be revalidated, not served stale from a cache");

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(tag!);
        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Another_language_or_query_has_another_tag_and_an_old_tag_gets_the_page()
    {
        var client = factory.CreateClient();
        var english = (await client.GetAsync("/sdg/6")).Headers.ETag;
        var french = (await client.GetAsync("/fr/sdg/6")).Headers.ETag;
        var searchA = (await client.GetAsync("/search?q=water")).Headers.ETag;
        var searchB = (await client.GetAsync("/search?q=reef")).Headers.ETag;

        Assert.NotEqual(english, french);
        Assert.NotEqual(searchA, searchB);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/fr/sdg/6");
        stale.Headers.IfNoneMatch.Add(english!);
        var answer = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotEmpty(await answer.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Signed_in_pages_forms_and_api_answers_carry_no_tag()
    {
        var client = factory.CreateClient();
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/");
        Caller.Curator.Apply(signedIn);

        Assert.Null((await client.SendAsync(signedIn)).Headers.ETag);
        Assert.Null((await client.GetAsync("/account/login")).Headers.ETag);
        Assert.Null((await client.GetAsync("/api/search?q=water")).Headers.ETag);
        Assert.Null((await client.GetAsync("/no-such-page")).Headers.ETag);
    }

    [Fact]
    public async Task A_compressed_page_and_its_304_keep_the_same_tag()
    {
        var client = factory.CreateClient();
        using var first = new HttpRequestMessage(HttpMethod.Get, "/search?q=water");
        first.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var page = await client.SendAsync(first);
        Assert.Contains("br", page.Content.Headers.ContentEncoding);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/search?q=water");
        again.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        again.Headers.IfNoneMatch.Add(page.Headers.ETag!);
        var notModified = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(page.Headers.ETag, notModified.Headers.ETag);
    }
}
