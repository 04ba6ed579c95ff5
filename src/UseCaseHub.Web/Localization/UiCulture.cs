using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace UseCaseHub.Web.Localization;

/// <summary>
/// Says a text in a chosen language outside the request's own scope: a mail in its recipient's language, or a problem
/// body written by middleware that runs outside the request localization middleware (whose culture is gone there).
/// </summary>
public static class UiCulture
{
    /// <summary>The UI culture the localization middleware chose for this request, if it ran.</summary>
    public static CultureInfo? Of(HttpContext context) =>
        context?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture;

    /// <summary>Switches the current (UI) culture until disposed; a null culture changes nothing.</summary>
    public static Scope Use(CultureInfo? culture) => new(culture);

    /// <summary>A culture switch undone by Dispose (use it synchronously: it sets the current thread's culture).</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly CultureInfo? _culture;
        private readonly CultureInfo? _uiCulture;

        internal Scope(CultureInfo? culture)
        {
            if (culture is null)
            {
                return;
            }

            (_culture, _uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
        }

        public void Dispose()
        {
            if (_culture is not null && _uiCulture is not null)
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
            }
        }
    }
}
