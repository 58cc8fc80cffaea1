using Nara.Web.Cli;

return await NaraCommands.Build().Parse(args).InvokeAsync();

/// <summary>The entry point, named so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
