using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Tests.Site;

/// <summary>
/// The search page, the most read page, answers an anonymous reader from the search index and cached lists alone:
/// no database context is built for it (a context a request cost a measurable share of the page's CPU under load).
/// </summary>
public sealed class AnonymousPageStoreTests(AnonymousPageStoreTests.CountingFactory factory) : IClassFixture<AnonymousPageStoreTests.CountingFactory>
{
    [Theory]
    [InlineData("/search?q=water&sdg=6")]
    [InlineData("/fr/search?q=eau")]
    public async Task An_anonymous_search_page_builds_no_database_context_once_its_lists_are_cached(string path)
    {
        var client = factory.CreateClient();
        (await client.GetAsync(path)).EnsureSuccessStatusCode(); // fills the footer's and the labels' caches

        factory.Paths.Clear();
        var page = await client.GetAsync(path);

        page.EnsureSuccessStatusCode();
        Assert.Contains("search-hits", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(factory.Paths);
    }

    [Fact]
    public async Task The_counter_sees_a_page_that_does_read_the_store()
    {
        var client = factory.CreateClient();
        factory.Paths.Clear();

        (await client.GetAsync("/use-cases/kenya-water")).EnsureSuccessStatusCode();

        Assert.Contains("/use-cases/kenya-water", factory.Paths);
    }

    /// <summary>The host, with every <see cref="HubDbContext"/> built during a request noted by the request's path.</summary>
    public sealed class CountingFactory : HubFactory
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Paths { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddHttpContextAccessor();
                var registered = services.Single(d => d.ServiceType == typeof(HubDbContext));
                services.Remove(registered);
                services.AddScoped(provider =>
                {
                    if (provider.GetRequiredService<IHttpContextAccessor>().HttpContext is { } context)
                    {
                        Paths.Add(context.Request.Path.Value ?? "");
                    }

                    return ActivatorUtilities.CreateInstance<HubDbContext>(provider);
                });
            });
        }
    }
}
