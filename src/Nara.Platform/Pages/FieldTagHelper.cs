using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Nara.Platform.Pages;

/// <summary>
/// One form field in the design system: label, hint, error message and control, tied together with
/// <c>for</c> and <c>aria-describedby</c>, showing the person's answer back when the form re-renders.
/// Usage: <c>&lt;nara-field name="Email" label="…" hint="…" type="email" value="…" /&gt;</c>.
/// Text is encoded with the site's encoder, which leaves Arabic, Korean and accented letters as they are.
/// </summary>
[HtmlTargetElement("nara-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public string Name { get; set; } = "";

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    /// <summary>An input type, or "textarea", or "select" (with <see cref="Options"/>).</summary>
    public string Type { get; set; } = "text";

    public string? Value { get; set; }

    public string? Autocomplete { get; set; }

    public string? Inputmode { get; set; }

    public bool Required { get; set; }

    /// <summary>A width class from the stylesheet ("input-short", "input-code").</summary>
    public string? Width { get; set; }

    public IEnumerable<SelectListItem>? Options { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ViewData.ModelState;
        var error = state.TryGetValue(Name, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        // A re-rendered form shows what was typed, even when it did not bind.
        var value = entry?.AttemptedValue ?? Value;
        var id = Name.Replace('.', '_');
        var describedBy = string.Join(' ', new[] { Hint is null ? null : id + "-hint", error is null ? null : id + "-error" }.Where(x => x is not null));

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", error is null ? "field" : "field field-error");
        var html = output.Content;
        html.AppendHtml($"<label class=\"label\" for=\"{id}\">{encoder.Encode(Label)}</label>");
        if (Hint is not null)
        {
            html.AppendHtml($"<p class=\"hint\" id=\"{id}-hint\">{encoder.Encode(Hint)}</p>");
        }

        if (error is not null)
        {
            html.AppendHtml($"<p class=\"error-message\" id=\"{id}-error\">{encoder.Encode(error)}</p>");
        }

        var common = $" id=\"{id}\" name=\"{encoder.Encode(Name)}\""
            + (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "")
            + (error is not null ? " aria-invalid=\"true\"" : "")
            + (Required ? " required" : "")
            + (Autocomplete is not null ? $" autocomplete=\"{encoder.Encode(Autocomplete)}\"" : "");
        var width = Width is null ? "" : " " + Width;
        switch (Type)
        {
            case "textarea":
                html.AppendHtml($"<textarea class=\"input textarea{width}\" rows=\"5\"{common}>{encoder.Encode(value ?? "")}</textarea>");
                break;
            case "select":
                html.AppendHtml($"<select class=\"input select{width}\"{common}>");
                foreach (var option in Options ?? [])
                {
                    var selected = option.Value == value ? " selected" : "";
                    html.AppendHtml($"<option value=\"{encoder.Encode(option.Value)}\"{selected}>{encoder.Encode(option.Text)}</option>");
                }

                html.AppendHtml("</select>");
                break;
            default:
                var mode = Inputmode is null ? "" : $" inputmode=\"{encoder.Encode(Inputmode)}\"";
                var shown = Type == "password" ? "" : $" value=\"{encoder.Encode(value ?? "")}\"";
                html.AppendHtml($"<input class=\"input{width}\" type=\"{encoder.Encode(Type)}\"{common}{mode}{shown}>");
                break;
        }
    }
}

/// <summary>The error summary at the top of a form: each problem links to its field.</summary>
[HtmlTargetElement("nara-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper(HtmlEncoder encoder) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public string Title { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ViewData.ModelState;
        var errors = state.Where(e => e.Value?.Errors.Count > 0).ToList();
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error-summary");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("aria-labelledby", "error-summary-title");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Content.AppendHtml($"<h2 id=\"error-summary-title\">{encoder.Encode(Title)}</h2><ul>");
        foreach (var (key, value) in errors)
        {
            // A field shows its first problem; problems with the whole form are all listed.
            foreach (var error in key.Length == 0 ? value!.Errors : [value!.Errors[0]])
            {
                var message = encoder.Encode(error.ErrorMessage);
                output.Content.AppendHtml(key.Length == 0
                    ? $"<li>{message}</li>"
                    : $"<li><a href=\"#{encoder.Encode(key.Replace('.', '_'))}\">{message}</a></li>");
            }
        }

        output.Content.AppendHtml("</ul>");
    }
}
