using System.Security.Claims;
using UseCaseHub.Core.Access;

namespace UseCaseHub.Core.Audit;

/// <summary>Who acted, as the log stores it: an id (user or client), a readable name and the role acted in.</summary>
public sealed record AuditActor(string? Id, string Name, string Role)
{
    /// <summary>The content importer: curated files, applied by whoever runs <c>import</c>.</summary>
    public static AuditActor ContentImport { get; } = new(null, "content import", "System");

    /// <summary>An operator at the server's shell (the <c>users</c> commands).</summary>
    public static AuditActor Operator(string userName, string machine) => new(null, $"operator {userName}@{machine}", "Operator");

    /// <summary>A signed-in person or a token's bearer: the email or name when there is one, else the client's id.</summary>
    public static AuditActor From(ClaimsPrincipal? user)
    {
        var actor = Actor.From(user);
        if (user is null || actor.Role == ActorRole.Anonymous)
        {
            return new(null, "anonymous", actor.Role.ToString());
        }

        var client = user.FindFirstValue("client_id") ?? user.FindFirstValue("azp");
        var id = actor.Id ?? client;
        var name = user.FindFirstValue(ClaimTypes.Email) ?? user.FindFirstValue("email") ?? user.Identity?.Name
            ?? (client is null ? null : "client " + client) ?? id ?? "unknown";
        return new(id, name, actor.Role.ToString());
    }
}
