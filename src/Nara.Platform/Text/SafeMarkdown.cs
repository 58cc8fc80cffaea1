using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace Nara.Platform.Text;

/// <summary>
/// Renders what people write (petitions, draft texts, comments): plain text or limited Markdown through Markdig, then
/// HtmlSanitizer keeps only the allowed elements. Raw HTML in the text is shown as text, never run. Links leave
/// Nara with rel="nofollow noopener noreferrer".
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Plain = new MarkdownPipelineBuilder().DisableHtml().DisableHeadings().Build();

    private static readonly MarkdownPipeline WithHeadings = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Paragraphs, emphasis, lists, links, quotes and code; headings only when <paramref name="headings"/> (drafts have sections).</summary>
    public static string ToHtml(string text, bool headings = false)
    {
        var html = Markdown.ToHtml(text, headings ? WithHeadings : Plain);
        // A page has one h1: a text's own headings move one level down (h1 → h2 … h5 → h6).
        if (headings)
        {
            for (var level = 5; level >= 1; level--)
            {
                html = html.Replace($"<h{level}", $"<h{level + 1}", StringComparison.Ordinal).Replace($"</h{level}>", $"</h{level + 1}>", StringComparison.Ordinal);
            }
        }

        return Sanitizer.Sanitize(html);
    }

    /// <summary>
    /// A text's top-level blocks (paragraphs, headings, lists, quotes) as their Markdown source, in order: the units people
    /// comment on and a revision is compared by.
    /// </summary>
    public static IReadOnlyList<string> Blocks(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var document = Markdown.Parse(normalized, WithHeadings);
        // Link definitions and rules are not text to comment on.
        return [.. document.Where(b => b is not (BlankLineBlock or LinkReferenceDefinitionGroup or ThematicBreakBlock) && b.Span.Length > 0)
            .Select(b => normalized.Substring(b.Span.Start, Math.Min(b.Span.Length, normalized.Length - b.Span.Start)).Trim())
            .Where(b => b.Length > 0)];
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "em", "strong", "ul", "ol", "li", "a", "br", "blockquote", "code", "pre", "h2", "h3", "h4", "h5", "h6"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "start"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["https", "http", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
        sanitizer.AllowedAttributes.Add("rel");
        return sanitizer;
    }
}
