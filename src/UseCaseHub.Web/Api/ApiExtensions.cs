using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Web.Api;

public static class ApiExtensions
{
    public const string Prefix = "odata";

    /// <summary>The OData v4 service at <c>/odata</c>: model, controllers, limits, write policies.</summary>
    public static IServiceCollection AddHubApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        var limits = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        var model = ApiModel.Build();
        services.AddSingleton(model);
        services.AddControllers().AddOData(odata => odata
            .EnableQueryFeatures(limits.MaxTop)
            .AddRouteComponents(Prefix, model));
        services.AddHttpContextAccessor();
        services.AddScoped(provider => new ApiDbContext(
            provider.GetRequiredService<DbContextOptions<HubDbContext>>(),
            SearchAudience.Of(provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.User)));
        services.AddScoped<EntrySearch>();
        services.AddScoped<TagPivots>();
        services.AddScoped<EntryEditor>();
        services.AddScoped<EntryCreator>();
        // Authentication schemes belong to the identity feature; the API only states who may write.
        services.AddAuthorization(ApiPolicies.Add);
        return services;
    }

    /// <summary>Limits checked before OData parses anything, so an oversized request costs nothing.</summary>
    public static WebApplication UseHubApi(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/" + Prefix, StringComparison.OrdinalIgnoreCase), api => api.Use(async (context, next) =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
            if (context.Request.QueryString.Value?.Length > limits.MaxQueryStringLength)
            {
                await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "QueryStringTooLong",
                    $"The query string is longer than the limit of {limits.MaxQueryStringLength} characters (Api:MaxQueryStringLength).");
                return;
            }

            // OData's query parser fails (a 500) on an option without a name ("?=" or "?&=x").
            if (context.Request.Query.Keys.Any(k => k.Trim().Length == 0))
            {
                await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "InvalidQuery", "A query option has no name (such as '?=x').");
                return;
            }

            if (context.Request.ContentLength > limits.MaxRequestBodyBytes)
            {
                await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BodyTooLarge",
                    $"The request body is larger than the limit of {limits.MaxRequestBodyBytes} bytes (Api:MaxRequestBodyBytes).");
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            }

            if (await StrictJson.RefusalAsync(context.Request, limits, context.RequestAborted) is { } refusal)
            {
                await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, refusal.Code, refusal.Message);
                return;
            }

            await next(context);
        }));
        return app;
    }

    public static WebApplication MapHubApi(this WebApplication app)
    {
        app.MapControllers();
        app.MapBulkSubmission();
        var description = OpenApiDescription.Build(app.Services.GetRequiredService<Microsoft.OData.Edm.IEdmModel>(),
            app.Services.GetRequiredService<IOptions<ApiOptions>>().Value).ToJsonString();
        app.MapGet($"/{Prefix}/openapi.json", () => Results.Text(description, "application/json"));
        return app;
    }
}
