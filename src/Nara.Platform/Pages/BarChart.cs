using System.Globalization;
using System.Net;
using System.Text;

namespace Nara.Platform.Pages;

/// <summary>One bar: its label, its length, and the figure written beside it.</summary>
public sealed record Bar(string Label, double Value, string Shown);

/// <summary>
/// A horizontal bar chart as inline SVG, drawn on the server: no JavaScript, a few hundred bytes. Each label sits
/// above its bar; bars grow from the start edge (the right in right-to-left languages: the coordinates are
/// mirrored, and the SVG's own direction stays left-to-right so that "end" means the right edge). The chart is an image
/// with a title; the page puts a table with the same figures beside it for screen readers.
/// </summary>
public static class BarChart
{
    public static string Svg(string id, string title, IReadOnlyList<Bar> bars, double? max = null)
    {
        const int width = 600, label = 20, bar = 22, gap = 12, room = 90;
        var top = Math.Max(max ?? 0, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var rtl = CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;
        var height = Math.Max(1, bars.Count * (label + bar + gap));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" direction=\"ltr\" role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}\">{WebUtility.HtmlEncode(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var y = i * (label + bar + gap);
            var length = top <= 0 ? 0 : (int)Math.Round((width - room) * Math.Clamp(bars[i].Value / top, 0, 1));
            var name = WebUtility.HtmlEncode(bars[i].Label);
            var shown = WebUtility.HtmlEncode(bars[i].Shown);
            var (start, anchor, rectX, valueX) = rtl ? (width, "end", width - length, width - length - 6) : (0, "start", 0, length + 6);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{start}\" y=\"{y + 15}\" text-anchor=\"{anchor}\" font-size=\"14\">{name}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{rectX}\" y=\"{y + label}\" width=\"{length}\" height=\"{bar}\" fill=\"#1d4f91\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{valueX}\" y=\"{y + label + 16}\" text-anchor=\"{anchor}\" font-size=\"14\">{shown}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
