using PdfSharp.Fonts;

namespace Nara.Cases.Certificates;

/// <summary>
/// Serves Liberation Sans (SIL OFL 1.1, see Fonts/OFL-LiberationSans.txt) from embedded resources,
/// so PDFsharp's Core build needs no installed fonts. Every family name resolves to it.
/// </summary>
internal sealed class CertificateFontResolver : IFontResolver
{
    internal const string FamilyName = "Nara Certificate Sans";

    private const string RegularFace = "LiberationSans-Regular";
    private const string BoldFace = "LiberationSans-Bold";
    private const string ResourcePrefix = "Nara.Cases.Certificates.Fonts.";

    private static readonly CertificateFontResolver Instance = new();
    private static readonly Lock RegistrationGate = new();
    private static bool registered;

    private CertificateFontResolver()
    {
    }

    /// <summary>
    /// PDFsharp keeps one process-wide resolver that cannot be replaced once a font was used.
    /// If the host already installed its own resolver, ours becomes the fallback resolver,
    /// which PDFsharp asks whenever the main one returns null.
    /// </summary>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref registered))
        {
            return;
        }

        lock (RegistrationGate)
        {
            if (registered)
            {
                return;
            }

            var current = GlobalFontSettings.FontResolver;
            try
            {
                if (current is null)
                {
                    GlobalFontSettings.FontResolver = Instance;
                }
                else if (current is not CertificateFontResolver && GlobalFontSettings.FallbackFontResolver is null)
                {
                    GlobalFontSettings.FallbackFontResolver = Instance;
                }
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException(
                    $"PDFsharp already used fonts through '{current?.GetType().FullName}', so the certificate font resolver "
                    + "can no longer be installed. Call CertificatePdf.RegisterFonts() at application start-up.",
                    ex);
            }

            Volatile.Write(ref registered, true);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic)
    {
        return new FontResolverInfo(isBold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: isItalic);
    }

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(CertificateFontResolver).Assembly.GetManifestResourceStream(ResourcePrefix + faceName + ".ttf");
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
