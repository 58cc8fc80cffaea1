namespace Nara.Consultations;

/// <summary>Marker for the module's text resources (Strings.*.resx). Keys are the English text.</summary>
public sealed class Strings;
