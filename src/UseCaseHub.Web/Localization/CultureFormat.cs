using System.Globalization;

namespace UseCaseHub.Web.Localization;

/// <summary>
/// Dates and numbers as the reader's language writes them: the request culture (set by request localization from
/// the URL prefix, cookie or Accept-Language) with two deliberate choices made once, here.
/// </summary>
/// <remarks>
/// Arabic keeps Western digits (.NET never substitutes digits) and gets Western separators too (<c>1,234.5</c>, not
/// <c>1٬234٫5</c>): United Nations Arabic documents write numbers with Western digits, and the hub's codes mix digits
/// with Latin letters (<c>6.b</c>, <c>UC-2026-00042</c>, <c>ITU-T Y.4900</c>) that must read the same next to counts
/// and years. Every culture's long date drops the weekday (<c>30 نوفمبر 2026</c>, <c>30 novembre 2026</c>,
/// <c>2026年11月30日</c>): a day name says nothing about when an entry was published.
/// </remarks>
public static class CultureFormat
{
    /// <summary>The culture the site serves for a configured name (used as the request localization's supported culture).</summary>
    public static CultureInfo ForDisplay(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        if (culture.TwoLetterISOLanguageName == "ar")
        {
            culture.NumberFormat.NumberGroupSeparator = ",";
            culture.NumberFormat.NumberDecimalSeparator = ".";
            culture.NumberFormat.PercentGroupSeparator = ",";
            culture.NumberFormat.PercentDecimalSeparator = ".";
        }

        var pattern = culture.DateTimeFormat.LongDatePattern;
        foreach (var weekday in new[] { "dddd، ", "dddd, ", "dddd ", "dddd" })
        {
            pattern = pattern.Replace(weekday, "", StringComparison.Ordinal);
        }

        culture.DateTimeFormat.LongDatePattern = pattern.Trim().TrimEnd(',');
        return CultureInfo.ReadOnly(culture);
    }

    /// <summary>A day in the reader's language (UTC): <c>November 30, 2026</c>, <c>30 نوفمبر 2026</c>.</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("D", CultureInfo.CurrentCulture);

    /// <summary>A day and time in the reader's language, said to be UTC.</summary>
    public static string DateTime(DateTimeOffset at) =>
        $"{at.UtcDateTime.ToString("D", CultureInfo.CurrentCulture)} {at.UtcDateTime.ToString("t", CultureInfo.CurrentCulture)} UTC";

    /// <summary>A count with the reader's digit grouping: <c>1,234</c>, <c>1 234</c>, <c>1.234</c>.</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
