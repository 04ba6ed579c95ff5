using System.Globalization;

namespace UseCaseHub.Web.Localization;

public static class Languages
{
    /// <summary>Whether text in this BCP 47 language runs right to left; false for tags .NET does not know.</summary>
    public static bool IsRightToLeft(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
