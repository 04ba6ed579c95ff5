using System.Globalization;
using AngleSharp.Html.Parser;
using UseCaseHub.Web.Localization;

namespace UseCaseHub.Web.Tests.Site;

/// <summary>Issue 13, item 4: dates and numbers in the reader's language, with Western digits in Arabic.</summary>
public sealed class CultureFormatTests(HubFactory factory) : IClassFixture<HubFactory>
{
    private static readonly DateTimeOffset Day = new(2026, 11, 30, 14, 5, 0, TimeSpan.Zero);

    private static T In<T>(string culture, Func<T> format)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureFormat.ForDisplay(culture);
        try
        {
            return format();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [Theory]
    [InlineData("en", "November 30, 2026")]
    [InlineData("fr", "30 novembre 2026")]
    [InlineData("es", "30 de noviembre de 2026")]
    [InlineData("ar", "30 نوفمبر 2026")]
    [InlineData("ru", "30 ноября 2026 г.")]
    [InlineData("zh", "2026年11月30日")]
    public void A_date_is_written_as_the_language_writes_it_without_the_weekday(string culture, string expected)
    {
        // ICU puts no-break spaces in some patterns ("2026 г."); the reader sees a space.
        Assert.Equal(expected, In(culture, () => CultureFormat.Date(Day)).Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    [Fact]
    public void Arabic_numbers_use_western_digits_and_separators_as_un_arabic_documents_do()
    {
        Assert.Equal("1,234,567", In("ar", () => CultureFormat.Number(1_234_567)));
        var dateTime = In("ar", () => CultureFormat.DateTime(Day));
        Assert.DoesNotContain(dateTime, c => c is >= '\u0660' and <= '\u0669');
        Assert.Contains("2026", dateTime, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "1,234,567")]
    [InlineData("es", "1.234.567")]
    [InlineData("zh", "1,234,567")]
    public void Counts_use_the_language_grouping(string culture, string expected)
    {
        Assert.Equal(expected, In(culture, () => CultureFormat.Number(1_234_567)));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ru")]
    public void French_and_russian_group_with_a_space_never_a_comma_or_a_dot(string culture)
    {
        // A (narrow) no-break space, which the reader sees as a space.
        var number = In(culture, () => CultureFormat.Number(1_234_567));
        Assert.Equal("1 234 567", number.Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    [InlineData("ru")]
    public async Task The_versions_page_dates_its_versions_in_the_page_language(string culture)
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri($"/{culture}/use-cases/kenya-water/versions", UriKind.Relative));
        var cell = new HtmlParser().ParseDocument(html).QuerySelectorAll("td").Select(td => td.TextContent).First(t => t.Contains("UTC", StringComparison.Ordinal));

        var months = CultureFormat.ForDisplay(culture).DateTimeFormat;
        Assert.Contains(months.MonthGenitiveNames.Concat(months.MonthNames).Where(m => m.Length > 0), m => cell.Contains(m, StringComparison.Ordinal));
        Assert.DoesNotContain(cell, c => c is >= '\u0660' and <= '\u0669');
    }
}
