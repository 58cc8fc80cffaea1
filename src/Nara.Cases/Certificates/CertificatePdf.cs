using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace Nara.Cases.Certificates;

/// <summary>
/// Renders a certificate as an A4 PDF with PDFsharp's Core build, using only embedded fonts.
/// Text is laid out left to right without shaping: scripts that need it (Arabic, Indic) or that
/// Liberation Sans lacks (Hangul, CJK) are not rendered faithfully; code points without a glyph
/// become <see cref="MissingGlyph"/> instead of the empty .notdef boxes PDFsharp would draw.
/// </summary>
internal static class CertificatePdf
{
    public const char MissingGlyph = '?';

    private const double Margin = 56;
    private const double FooterHeight = 30;
    private const double LabelColumnWidth = 150;
    private const double ColumnGap = 14;
    private const double PanelPadding = 12;
    private const double QrSize = 118;
    private const int QrPixelsPerModule = 10;

    private static readonly byte[] QrDarkRgba = [0, 0, 0, 255];
    private static readonly byte[] QrLightRgba = [255, 255, 255, 255];

    private static XSolidBrush InkBrush => new(XColor.FromArgb(33, 37, 41));

    private static XSolidBrush MutedBrush => new(XColor.FromArgb(96, 104, 112));

    private static XPen RulePen => new(XColor.FromArgb(206, 212, 218), 0.75);

    private static XPen PanelPen => new(XColor.FromArgb(150, 158, 166), 1);

    /// <summary>
    /// Installs the embedded-font resolver. <see cref="Render"/> does this itself; call it at start-up
    /// when other code in the process may use PDFsharp fonts first, because PDFsharp refuses any
    /// resolver change once a font has been used.
    /// </summary>
    public static void RegisterFonts() => CertificateFontResolver.EnsureRegistered();

    public static byte[] Render(CertificateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(content.Labels);
        ArgumentNullException.ThrowIfNull(content.Lines);
        ArgumentException.ThrowIfNullOrWhiteSpace(content.VerifyUrl);

        CertificateFontResolver.EnsureRegistered();
        var fonts = new FontSet();
        var culture = ResolveCulture(content.Language);

        using var document = new PdfDocument();
        document.Info.Title = content.Title;
        document.Info.Author = content.IssuedBy;
        document.Info.Subject = content.Reference;
        if (!string.IsNullOrWhiteSpace(content.Language))
        {
            document.Language = content.Language;
        }

        using var qrPng = new MemoryStream(RenderQrPng(content.VerifyUrl));
        using var qrImage = XImage.FromStream(qrPng);
        qrImage.Interpolate = false;

        using (var writer = new PageWriter(document))
        {
            DrawHeader(writer, fonts, content);
            DrawVerificationPanel(writer, fonts, content, culture, qrImage);
            DrawLines(writer, fonts, content.Lines);
        }

        DrawFooters(document, fonts, content);

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void DrawHeader(PageWriter writer, FontSet fonts, CertificateContent content)
    {
        writer.DrawBlock(content.Title, fonts.Title, InkBrush, Margin, writer.Width, XStringAlignment.Center);
        writer.Y += 10;
        writer.DrawBlock(content.Labels.IssuedBy, fonts.Caption, MutedBrush, Margin, writer.Width, XStringAlignment.Center);
        writer.DrawBlock(content.IssuedBy, fonts.BodyBold, InkBrush, Margin, writer.Width, XStringAlignment.Center);
        writer.Y += 12;
        writer.Graphics.DrawLine(RulePen, Margin, writer.Y, Margin + writer.Width, writer.Y);
        writer.Y += 16;
    }

    private static void DrawVerificationPanel(
        PageWriter writer, FontSet fonts, CertificateContent content, CultureInfo? culture, XImage qrImage)
    {
        var gfx = writer.Graphics;
        var textLeft = Margin + PanelPadding;
        var textWidth = writer.Width - (2 * PanelPadding) - QrSize - ColumnGap;

        var dates = new List<(string Caption, string Value)>
        {
            (content.Labels.IssuedOn, FormatDate(content.IssuedOn, culture, fonts.Body)),
        };
        if (content.ValidUntil is { } validUntil)
        {
            dates.Add((content.Labels.ValidUntil, FormatDate(validUntil, culture, fonts.Body)));
        }

        var blocks = new List<(IReadOnlyList<string> Lines, XFont Font, XBrush Brush, double SpaceAfter)>
        {
            (Wrap(gfx, content.Labels.VerificationCode, fonts.Caption, textWidth), fonts.Caption, MutedBrush, 2),
            (Wrap(gfx, content.VerificationCode, fonts.Code, textWidth), fonts.Code, InkBrush, 10),
        };
        foreach (var (caption, value) in dates)
        {
            blocks.Add((Wrap(gfx, caption, fonts.Caption, textWidth), fonts.Caption, MutedBrush, 1));
            blocks.Add((Wrap(gfx, value, fonts.Body, textWidth), fonts.Body, InkBrush, 6));
        }

        blocks.Add((Wrap(gfx, content.Labels.CheckAt, fonts.Caption, textWidth), fonts.Caption, MutedBrush, 1));
        blocks.Add((Wrap(gfx, content.VerifyUrl, fonts.Small, textWidth), fonts.Small, InkBrush, 0));

        var textHeight = blocks.Sum(b => (b.Lines.Count * LineHeight(b.Font)) + b.SpaceAfter);
        var panelHeight = Math.Max(textHeight, QrSize) + (2 * PanelPadding);
        writer.EnsureSpace(panelHeight);
        gfx = writer.Graphics;

        var top = writer.Y;
        var y = top + PanelPadding;
        foreach (var (lines, font, brush, spaceAfter) in blocks)
        {
            foreach (var line in lines)
            {
                gfx.DrawString(line, font, brush, textLeft, y, XStringFormats.TopLeft);
                y += LineHeight(font);
            }

            y += spaceAfter;
        }

        var qrLeft = Margin + writer.Width - PanelPadding - QrSize;
        gfx.DrawImage(qrImage, qrLeft, top + PanelPadding, QrSize, QrSize);
        gfx.DrawRectangle(PanelPen, Margin, top, writer.Width, panelHeight);
        writer.Y = top + panelHeight + 20;
    }

    private static void DrawLines(PageWriter writer, FontSet fonts, IReadOnlyList<(string Label, string Value)> rows)
    {
        var valueLeft = Margin + LabelColumnWidth + ColumnGap;
        var valueWidth = writer.Width - LabelColumnWidth - ColumnGap;
        var lineHeight = Math.Max(LineHeight(fonts.BodyBold), LineHeight(fonts.Body));

        for (var row = 0; row < rows.Count; row++)
        {
            var (label, value) = rows[row];
            var labelLines = Wrap(writer.Graphics, label, fonts.BodyBold, LabelColumnWidth);
            var valueLines = Wrap(writer.Graphics, value, fonts.Body, valueWidth);
            var count = Math.Max(labelLines.Count, valueLines.Count);

            if (row > 0)
            {
                writer.EnsureSpace(lineHeight + 8);
                writer.Y += 4;
                writer.Graphics.DrawLine(RulePen, Margin, writer.Y, Margin + writer.Width, writer.Y);
                writer.Y += 4;
            }

            for (var i = 0; i < count; i++)
            {
                writer.EnsureSpace(lineHeight);
                if (i < labelLines.Count)
                {
                    writer.Graphics.DrawString(labelLines[i], fonts.BodyBold, InkBrush, Margin, writer.Y, XStringFormats.TopLeft);
                }

                if (i < valueLines.Count)
                {
                    writer.Graphics.DrawString(valueLines[i], fonts.Body, InkBrush, valueLeft, writer.Y, XStringFormats.TopLeft);
                }

                writer.Y += lineHeight;
            }
        }
    }

    private static void DrawFooters(PdfDocument document, FontSet fonts, CertificateContent content)
    {
        var pageCount = document.PageCount;
        for (var index = 0; index < pageCount; index++)
        {
            var page = document.Pages[index];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var width = page.Width.Point - (2 * Margin);
            var top = page.Height.Point - Margin - FooterHeight + 10;
            var pageText = string.Create(CultureInfo.InvariantCulture, $"{index + 1} / {pageCount}");
            var pageTextWidth = gfx.MeasureString(pageText, fonts.Small).Width;
            var identity = string.Join("  ·  ", new[] { content.Reference, content.VerificationCode }.Where(s => !string.IsNullOrWhiteSpace(s)));
            var identityLines = Wrap(gfx, identity, fonts.Small, width - pageTextWidth - ColumnGap);

            gfx.DrawLine(RulePen, Margin, top, Margin + width, top);
            if (identityLines.Count > 0)
            {
                gfx.DrawString(identityLines[0], fonts.Small, MutedBrush, Margin, top + 6, XStringFormats.TopLeft);
            }

            gfx.DrawString(pageText, fonts.Small, MutedBrush, Margin + width, top + 6, XStringFormats.TopRight);
        }
    }

    /// <summary>
    /// The RGBA overload matters: QRCoder's default output is a 1-bit greyscale PNG, which the
    /// PDFsharp 6.2 Core PNG importer rejects ("Unsupported image format"); with explicit colours
    /// QRCoder writes a 1-bit palette PNG, which it accepts.
    /// </summary>
    private static byte[] RenderQrPng(string url)
    {
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(QrPixelsPerModule, QrDarkRgba, QrLightRgba);
    }

    private static CultureInfo? ResolveCulture(string language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(language);
            return culture.Equals(CultureInfo.InvariantCulture) ? null : culture;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Long local date where the culture is known (not under invariant globalization), Gregorian,
    /// and printable with the embedded font; ISO 8601 otherwise.
    /// </summary>
    private static string FormatDate(DateOnly date, CultureInfo? culture, XFont font)
    {
        var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (culture is null || culture.DateTimeFormat.Calendar is not GregorianCalendar)
        {
            return iso;
        }

        var local = date.ToString("D", culture);
        return ToPrintable(local, font).Contains(MissingGlyph, StringComparison.Ordinal) ? iso : local;
    }

    private static double LineHeight(XFont font) => font.GetHeight();

    /// <summary>
    /// Normalises to NFC, drops format characters (bidi marks, zero-width joiners, soft hyphens),
    /// turns other whitespace and control characters into spaces, and replaces code points the
    /// font has no glyph for. Line feeds are kept for <see cref="Wrap"/>.
    /// </summary>
    internal static string ToPrintable(string text, XFont font)
    {
        var normalized = text.ReplaceLineEndings("\n").Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                builder.Append('\n');
            }
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                continue;
            }
            else if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                builder.Append(' ');
            }
            else if (GlyphHelper.GlyphIndexFromCodePoint(rune.Value, font) == 0)
            {
                builder.Append(MissingGlyph);
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    internal static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in ToPrintable(text ?? string.Empty, font).Split('\n'))
        {
            var current = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Fits(gfx, candidate, font, width))
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (!Fits(gfx, current, font, width))
                {
                    var cut = LongestFittingPrefix(gfx, current, font, width);
                    lines.Add(current[..cut]);
                    current = current[cut..];
                }
            }

            lines.Add(current);
        }

        return lines;
    }

    private static bool Fits(XGraphics gfx, string text, XFont font, double width) =>
        gfx.MeasureString(text, font).Width <= width;

    private static int LongestFittingPrefix(XGraphics gfx, string text, XFont font, double width)
    {
        var boundaries = StringInfo.ParseCombiningCharacters(text);
        var best = boundaries.Length > 1 ? boundaries[1] : text.Length;
        for (var i = 2; i < boundaries.Length; i++)
        {
            if (!Fits(gfx, text[..boundaries[i]], font, width))
            {
                break;
            }

            best = boundaries[i];
        }

        return best;
    }

    private sealed class FontSet
    {
        public XFont Title { get; } = new(CertificateFontResolver.FamilyName, 20, XFontStyleEx.Bold);

        public XFont Code { get; } = new(CertificateFontResolver.FamilyName, 22, XFontStyleEx.Bold);

        public XFont Body { get; } = new(CertificateFontResolver.FamilyName, 10, XFontStyleEx.Regular);

        public XFont BodyBold { get; } = new(CertificateFontResolver.FamilyName, 10, XFontStyleEx.Bold);

        public XFont Caption { get; } = new(CertificateFontResolver.FamilyName, 8.5, XFontStyleEx.Regular);

        public XFont Small { get; } = new(CertificateFontResolver.FamilyName, 8, XFontStyleEx.Regular);
    }

    private sealed class PageWriter : IDisposable
    {
        private readonly PdfDocument document;

        public PageWriter(PdfDocument document)
        {
            this.document = document;
            NewPage();
        }

        public XGraphics Graphics { get; private set; }

        public double Y { get; set; }

        public double Width { get; private set; }

        public double Bottom { get; private set; }

        public void EnsureSpace(double height)
        {
            if (Y + height > Bottom)
            {
                NewPage();
            }
        }

        public void DrawBlock(string text, XFont font, XBrush brush, double left, double width, XStringAlignment alignment)
        {
            var lineHeight = LineHeight(font);
            foreach (var line in Wrap(Graphics, text, font, width))
            {
                EnsureSpace(lineHeight);
                var (x, format) = alignment switch
                {
                    XStringAlignment.Center => (left + (width / 2), XStringFormats.TopCenter),
                    XStringAlignment.Far => (left + width, XStringFormats.TopRight),
                    _ => (left, XStringFormats.TopLeft),
                };
                Graphics.DrawString(line, font, brush, x, Y, format);
                Y += lineHeight;
            }
        }

        public void Dispose() => Graphics.Dispose();

        [MemberNotNull(nameof(Graphics))]
        private void NewPage()
        {
            Graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            Graphics = XGraphics.FromPdfPage(page);
            Width = page.Width.Point - (2 * Margin);
            Bottom = page.Height.Point - Margin - FooterHeight;
            Y = Margin;
        }
    }
}
