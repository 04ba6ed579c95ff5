using UseCaseHub.Core.Markdown;

namespace UseCaseHub.Tests.Markdown;

public sealed class MarkdownRendererTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](java&#x09;script:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=https://evil.example></iframe>")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<a href=\"https://ok.example\" onclick=\"steal()\">x</a>")]
    [InlineData("[x](https://ok.example){onclick=steal()}")]
    [InlineData("<style>body{display:none}</style>")]
    public void Hostile_markdown_renders_no_script_no_handler_and_no_unsafe_address(string markdown)
    {
        using var renderer = new MarkdownRenderer();

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + renderer.ToHtml(markdown));
        var elements = document.Body!.QuerySelectorAll("*");

        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "iframe" or "style" or "object" or "embed");
        Assert.DoesNotContain(elements, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(elements, e => e.Attributes.Any(a => a.Name is "href" or "src"
            && !a.Value.StartsWith("https:", StringComparison.Ordinal) && !a.Value.StartsWith("http:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_markup()
    {
        using var renderer = new MarkdownRenderer();

        var html = renderer.ToHtml("Before <b>bold</b> after");

        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_structure_links_and_heading_anchors()
    {
        using var renderer = new MarkdownRenderer();

        var html = renderer.ToHtml("## Results\n\nSee [the report](https://example.org/r) and *this*.\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Contains("<h2 id=\"results\">Results</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/r\">the report</a>", html, StringComparison.Ordinal);
        Assert.Contains("<em>this</em>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_text_renders_the_same_from_the_cache()
    {
        using var renderer = new MarkdownRenderer();

        Assert.Equal(renderer.ToHtml("**a**"), renderer.ToHtml("**a**"));
        Assert.Equal("", renderer.ToHtml("   "));
    }
}
