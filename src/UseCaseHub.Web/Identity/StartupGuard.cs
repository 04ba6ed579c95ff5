using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace UseCaseHub.Web.Identity;

/// <summary>Outside Development and the test host, refuses to start with demo accounts or throwaway/development keys.</summary>
internal static class StartupGuard
{
    public static void Check(IServiceProvider services, IHostEnvironment environment)
    {
        if (HubIdentityExtensions.IsRelaxed(environment))
        {
            return;
        }

        var identity = services.GetRequiredService<IOptions<HubIdentityOptions>>().Value;
        if (identity.Demo.Enabled)
        {
            throw new InvalidOperationException(
                $"Identity:Demo:Enabled creates accounts with published passwords; it is refused in the {environment.EnvironmentName} environment.");
        }

        if (string.IsNullOrWhiteSpace(identity.Keys.DataProtectionCertificatePath))
        {
            throw new InvalidOperationException(
                $"Data-protection keys (sign-in cookies, antiforgery, reset links) must be encrypted at rest in the {environment.EnvironmentName} environment: set Identity:Keys:DataProtectionCertificatePath (a PKCS#12 file) and Identity:Keys:DataProtectionCertificatePassword.");
        }

        var server = services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value;
        var keys = server.SigningCredentials.Select(c => c.Key).Concat(server.EncryptionCredentials.Select(c => c.Key));
        foreach (var key in keys)
        {
            // Ephemeral keys die with the process; OpenIddict's development certificates are shared knowledge.
            if (key is not X509SecurityKey certificate
                || certificate.Certificate.Subject.Contains("OpenIddict Server", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Development or ephemeral token keys are refused in the {environment.EnvironmentName} environment: configure Identity:Keys or let the hub generate keys into its data directory.");
            }
        }
    }
}
