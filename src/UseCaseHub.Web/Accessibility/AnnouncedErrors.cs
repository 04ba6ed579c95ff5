using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace UseCaseHub.Web.Accessibility;

/// <summary>
/// A form that failed is announced: its validation summary becomes an alert that takes the focus when the page loads
/// (so a screen reader reads it and a keyboard user starts from it), and each field in error is marked invalid and
/// described by the summary. Runs after the framework's own tag helpers, on every form of the site.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class AnnouncedValidationSummaryTagHelper : TagHelper
{
    public const string Id = "form-errors";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (ViewContext.ViewData.ModelState.IsValid)
        {
            return;
        }

        output.Attributes.SetAttribute("id", Id);
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("autofocus", "autofocus");
    }
}

/// <summary>
/// Marks a field in error as invalid and ties it to the message that says why: the model's errors for an
/// <c>asp-for</c> field (described by the validation summary), or a submission-form field whose
/// <c>aria-describedby</c> names its messages (<c>err-{field}</c>, from Submit/_FieldErrors).
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("input", Attributes = "aria-describedby", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "aria-describedby")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "aria-describedby")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var attribute) ? attribute.Value?.ToString() ?? "" : "";
        if (describedBy.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(id => id.StartsWith("err-", StringComparison.Ordinal)))
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            return;
        }

        if (For is null)
        {
            return;
        }

        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            output.Attributes.SetAttribute("aria-describedby", (describedBy + " " + AnnouncedValidationSummaryTagHelper.Id).Trim());
        }
    }
}
