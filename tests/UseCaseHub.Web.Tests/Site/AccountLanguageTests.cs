using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using UseCaseHub.Web.Tests.Identity;

namespace UseCaseHub.Web.Tests.Site;

/// <summary>
/// What the account forms and mails say comes from the resource files: Identity's errors, the validation messages
/// and the mails, in the reader's language (a mail in its recipient's language once the account has one).
/// </summary>
public sealed class AccountLanguageTests(IdentityHubFactory hub) : IClassFixture<IdentityHubFactory>
{
    private static readonly Dictionary<string, string> French = InterfaceLanguageTests.Strings("fr");
    private static readonly Dictionary<string, string> Spanish = InterfaceLanguageTests.Strings("es");

    private static Dictionary<string, string> Form(string email, string password) => new()
    {
        ["DisplayName"] = "Lucía Pérez",
        ["Email"] = email,
        ["OrganizationName"] = "Agua Limpia Cooperativa",
        ["CountryIso2"] = "BO",
        ["Password"] = password,
    };

    private static string Say(string template, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, template, arguments);

    /// <summary>The messages the form shows, as a reader reads them (entities decoded).</summary>
    private static async Task<List<string>> MessagesAsync(HttpResponseMessage response) =>
        [.. new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync())
            .QuerySelectorAll(".validation-summary-errors li, [data-valmsg-for], .field-validation-error").Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0)];

    [Fact]
    public async Task Validation_messages_use_the_translated_field_name_in_french()
    {
        using var response = await hub.Browser().SubmitAsync("/fr/account/register", Form("", "a long enough passphrase"));
        var messages = await MessagesAsync(response);

        Assert.Contains(Say(French["{0} is required."], French["Email"]), messages);
        Assert.DoesNotContain(messages, m => m.Contains("field is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Identity_password_errors_are_in_french()
    {
        using var response = await hub.Browser().SubmitAsync("/fr/account/register", Form("court@example.org", "abc"));
        var messages = await MessagesAsync(response);

        Assert.Contains(Say(French["The password must have at least {0} characters."], 10), messages);
        Assert.Contains(Say(French["The password must use at least {0} different characters."], 4), messages);
    }

    [Fact]
    public async Task Mails_go_in_the_language_the_person_registered_in_even_when_asked_from_another()
    {
        const string email = "lucia@agua.example";
        var client = hub.Browser();
        using (var registered = await client.SubmitAsync("/es/account/register", Form(email, "una frase de paso larga")))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        var confirmation = Http.MailTo(hub.EffectiveDataPath, email);
        var hello = Spanish["Hello {0}, confirm your email address by opening this link: {1}"];
        Assert.StartsWith(Say(hello[..hello.IndexOf("{1}", StringComparison.Ordinal)], "Lucía Pérez"), confirmation, StringComparison.Ordinal);
        using (var confirmed = await client.GetAsync(new Uri(Http.LinkIn(confirmation), UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        // Asked from the English site: the mail still speaks the recipient's language.
        using (var asked = await hub.Browser().SubmitAsync("/account/forgotpassword", new Dictionary<string, string> { ["Email"] = email }))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var reset = Http.MailTo(hub.EffectiveDataPath, email);
        var choose = Spanish["Hello {0}, choose a new password by opening this link: {1} If you did not ask for it, ignore this mail."];
        Assert.StartsWith(Say(choose[..choose.IndexOf("{1}", StringComparison.Ordinal)], "Lucía Pérez"), reset, StringComparison.Ordinal);
    }
}
