using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using UseCaseHub.Web.Caching;

namespace UseCaseHub.Web.Tests.Caching;

/// <summary>
/// The page kept for its tag grows from pooled arrays as it is written: whatever its size, the answer is the page as
/// written, byte for byte; above the limit it passes through untagged; and arrays shared by concurrent requests never
/// mix two pages.
/// </summary>
public sealed class PageBufferTests : IAsyncDisposable
{
    private readonly IHost _host = new HostBuilder()
        .ConfigureWebHost(web => web.UseTestServer().Configure(app =>
        {
            app.UseHubPageETags();
            app.Run(async context =>
            {
                // A page of the asked size in the asked chunk size, each page's bytes its own (the seed).
                var size = int.Parse(context.Request.Query["size"]!, System.Globalization.CultureInfo.InvariantCulture);
                var chunk = int.Parse(context.Request.Query["chunk"]!, System.Globalization.CultureInfo.InvariantCulture);
                context.Response.ContentType = "text/html; charset=utf-8";
                var page = Page(size, context.Request.Query["seed"]!);
                for (var at = 0; at < page.Length; at += chunk)
                {
                    await context.Response.Body.WriteAsync(page.AsMemory(at, Math.Min(chunk, page.Length - at)));
                }
            });
        }))
        .Start();

    private static byte[] Page(int size, string seed) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, (size / 16) + 1).Select(i => $"<p>{seed}{i:D8}</p>")))[..size];

    [Theory]
    [InlineData(10, 4_000)]
    [InlineData(70_000, 4_000)]
    [InlineData(300_000, 16_384)]
    [InlineData(PageETags.MaxBufferedBytes, 100_000)]
    [InlineData(PageETags.MaxBufferedBytes + 1, 100_000)]
    [InlineData(3_000_000, 1_000_000)]
    public async Task The_answer_is_the_page_as_written_tagged_up_to_the_limit(int size, int chunk)
    {
        var response = await _host.GetTestClient().GetAsync($"/?size={size}&chunk={chunk}&seed=a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Page(size, "a"), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(size <= PageETags.MaxBufferedBytes, response.Headers.ETag is not null);
    }

    [Fact]
    public async Task Concurrent_pages_of_every_size_come_back_each_as_itself()
    {
        var client = _host.GetTestClient();
        var asked = Enumerable.Range(0, 48).Select(i => (Size: 5_000 + (i * 9_973 % 200_000), Seed: $"s{i}")).ToList();

        var answers = await Task.WhenAll(asked.Select(async a =>
            (a, Body: await client.GetByteArrayAsync($"/?size={a.Size}&chunk=3000&seed={a.Seed}"))));

        Assert.All(answers, x => Assert.Equal(Page(x.a.Size, x.a.Seed), x.Body));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
