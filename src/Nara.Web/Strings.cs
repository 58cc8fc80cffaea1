namespace Nara.Web;

/// <summary>Marker for the host's text resources (Strings.*.resx): layout, home, errors. Keys are the English text.</summary>
public sealed class Strings;
