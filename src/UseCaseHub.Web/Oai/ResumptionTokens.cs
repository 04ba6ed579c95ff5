using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace UseCaseHub.Web.Oai;

/// <summary>
/// Where a list stopped: its verb, format, set and window, the last identifier sent (lists are ordered by PID, so the next
/// page starts after it even when records change meanwhile) and how many were sent before.
/// </summary>
public sealed record ResumptionState(string Verb, string Prefix, string? Set, DateTimeOffset? From, DateTimeOffset? Until, string After, int Cursor);

/// <summary>
/// Resumption tokens are opaque and tamper-proof: the state encrypted and signed with the host's data-protection keys
/// (shared by every host of a deployment), with an expiry. A token that was altered, expired or made for another verb is
/// a badResumptionToken, never a guess.
/// </summary>
public sealed class ResumptionTokens(IDataProtectionProvider protection, IOptions<OaiOptions> options)
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("UseCaseHub.Oai.ResumptionToken.v1").ToTimeLimitedDataProtector();

    public (string Token, DateTimeOffset Expires) Issue(ResumptionState state)
    {
        var expires = DateTimeOffset.UtcNow.AddHours(options.Value.TokenLifetimeHours);
        return (_protector.Protect(JsonSerializer.Serialize(state), expires), expires);
    }

    public ResumptionState? Read(string token, string verb)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize<ResumptionState>(_protector.Unprotect(token));
            return state is not null && state.Verb == verb ? state : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
