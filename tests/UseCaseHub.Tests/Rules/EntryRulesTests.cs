using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Rules;

namespace UseCaseHub.Tests.Rules;

public sealed class EntryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("water-metering\n")]
    [InlineData("water-metering\r\n")]
    [InlineData("\nwater-metering")]
    [InlineData("Water-Metering")]
    [InlineData("water--metering")]
    [InlineData("")]
    public void Slugs_are_matched_exactly(string slug)
    {
        Assert.False(Slugs.IsValid(slug) && slug.Length > 0);
        Assert.NotNull(EntryRules.Slug(slug));
    }

    [Theory]
    [InlineData("en\n")]
    [InlineData("english")]
    public void Language_tags_are_matched_exactly(string language) =>
        Assert.Equal(RuleCodes.Language, EntryRules.Language(language)?.Rule);

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/x")]
    [InlineData("/relative/path")]
    [InlineData("https://example.org/\nx")]
    public void Links_and_sources_are_http_or_https_only(string url)
    {
        var entry = new UseCase { Title = "T", Slug = "t", Links = [new EntryLink { Title = "x", Url = url }], Sources = [url] };

        var violations = EntryRules.Check(entry, Now);

        Assert.Equal([(nameof(Entry.Links), RuleCodes.WebAddress), (nameof(Entry.Sources), RuleCodes.WebAddress)],
            violations.Select(v => (v.Field, v.Rule)));
    }

    [Theory]
    [InlineData(1949, false)]
    [InlineData(1950, true)]
    [InlineData(2031, true)]
    [InlineData(2032, false)]
    public void Start_years_run_from_1950_to_five_years_ahead(int year, bool valid)
    {
        var violation = EntryRules.StartYear(year, Now);

        Assert.Equal(valid, violation is null);
        if (violation is not null)
        {
            Assert.Equal((nameof(UseCase.StartYear), RuleCodes.OutOfRange), (violation.Field, violation.Rule));
            Assert.Equal([year, 1950, 2031], violation.Arguments);
        }
    }

    [Fact]
    public void A_valid_entry_breaks_no_rule() =>
        Assert.Empty(EntryRules.Check(new UseCase
        {
            Title = "Water",
            Slug = "水务",
            Language = "zh-Hans",
            StartYear = 2020,
            Links = [new EntryLink { Title = "a", Url = "https://example.org" }],
            Sources = ["http://example.org"],
        }, Now));
}
