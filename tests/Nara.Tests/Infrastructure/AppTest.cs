namespace Nara.Tests.Infrastructure;

/// <summary>A test class with its own Nara instance and database, started before its tests and disposed after.</summary>
public abstract class AppTest : IAsyncLifetime
{
    protected AppTest(NaraApp? app = null) => this.app = app ?? new NaraApp();

    // Lower case on purpose: test bodies read "app.SignInAsync(...)" like the system they drive.
    protected NaraApp app { get; }

    public virtual Task InitializeAsync() => app.InitializeAsync();

    public virtual Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();
}
