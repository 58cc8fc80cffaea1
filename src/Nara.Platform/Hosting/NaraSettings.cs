namespace Nara.Platform.Hosting;

/// <summary>Settings every part of Nara may read: where its data lives and whether it runs the demo.</summary>
public sealed record NaraSettings(string DataDirectory, bool Demo, bool Development)
{
    /// <summary>Whether messages and codes may be shown on the demo pages (never in production).</summary>
    public bool ShowsDemoMailbox => Demo || Development;
}
