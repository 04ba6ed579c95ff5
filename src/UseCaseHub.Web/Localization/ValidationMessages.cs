using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace UseCaseHub.Web.Localization;

/// <summary>
/// Form validation in the reader's language: DataAnnotations messages and display names, and the model binder's own
/// messages, are looked up in SharedResource. An attribute without its own ErrorMessage gets the hub's English
/// sentence as its key (the framework's default messages are not localizable).
/// </summary>
public static class ValidationMessages
{
    public static IServiceCollection AddHubValidationMessages(this IServiceCollection services)
    {
        // Options only: the site (AddHubSite) adds Razor Pages with data annotations, which read them. Adding MVC here
        // would register its services ahead of features that must come first (the problem details writer).
        services.Configure<MvcDataAnnotationsLocalizationOptions>(o =>
            o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddSingleton<IConfigureOptions<MvcOptions>, BinderMessages>();
        return services;
    }

    /// <summary>The English key for an attribute's message: {0} is the field's (localized) display name.</summary>
    internal static string? KeyFor(ValidationAttribute attribute) => attribute switch
    {
        RequiredAttribute => "{0} is required.",
        StringLengthAttribute { MinimumLength: > 0 } => "{0} must have from {2} to {1} characters.",
        StringLengthAttribute => "{0} may have at most {1} characters.",
        EmailAddressAttribute => "{0} is not a valid email address.",
        RangeAttribute => "{0} must be from {1} to {2}.",
        CompareAttribute => "{0} and {1} do not match.",
        MinLengthAttribute => "{0} must have at least {1} characters.",
        MaxLengthAttribute => "{0} may have at most {1} characters.",
        UrlAttribute => "{0} is not a valid web address.",
        RegularExpressionAttribute => "{0} is not in the expected form.",
        _ => null,
    };

    /// <summary>Gives attributes without a message the hub's key, before the localizing adapters read it.</summary>
    private sealed class DefaultMessages : IValidationMetadataProvider
    {
        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            foreach (var attribute in context.Attributes.OfType<ValidationAttribute>())
            {
                if (string.IsNullOrEmpty(attribute.ErrorMessage) && attribute.ErrorMessageResourceType is null
                    && KeyFor(attribute) is { } key)
                {
                    attribute.ErrorMessage = key;
                }
            }
        }
    }

    private sealed class BinderMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            // The localizer looks the culture up at each call, so one instance serves every request.
            var T = factory.Create(typeof(SharedResource));
            options.ModelMetadataDetailsProviders.Insert(0, new DefaultMessages());
            var m = options.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((value, field) => T["'{0}' is not a valid value for {1}.", value, field]);
            m.SetMissingBindRequiredValueAccessor(field => T["{0} is required.", field]);
            m.SetMissingKeyOrValueAccessor(() => T["A value is required."]);
            m.SetMissingRequestBodyRequiredValueAccessor(() => T["A value is required."]);
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => T["'{0}' is not a valid value.", value]);
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => T["The value is not valid."]);
            m.SetNonPropertyValueMustBeANumberAccessor(() => T["The value must be a number."]);
            m.SetUnknownValueIsInvalidAccessor(field => T["The value is not valid for {0}.", field]);
            m.SetValueIsInvalidAccessor(value => T["'{0}' is not a valid value.", value]);
            m.SetValueMustBeANumberAccessor(field => T["{0} must be a number.", field]);
            m.SetValueMustNotBeNullAccessor(value => T["A value is required for {0}.", value]);
        }
    }
}
