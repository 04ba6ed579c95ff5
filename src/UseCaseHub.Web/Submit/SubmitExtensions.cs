using UseCaseHub.Core.Access;
using UseCaseHub.Core.Workflow;

namespace UseCaseHub.Web.Submit;

/// <summary>The submission form, "my entries" and the organisation pages.</summary>
public static class SubmitExtensions
{
    /// <summary>Who reaches the form: whoever the workflow lets create entries (a member of an organisation, a curator, an admin).</summary>
    public const string SubmitterPolicy = "Hub.Submitter";

    public static IServiceCollection AddHubSubmit(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(SubmitterPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(c => EntryWorkflow.MayCreate(Actor.From(c.User))));
        services.AddScoped<SubmitChoices>();
        services.AddScoped<CriteriaGuidance>();
        return services;
    }
}
