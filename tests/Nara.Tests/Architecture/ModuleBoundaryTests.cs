using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nara.Tests.Architecture;

/// <summary>Modules show the rest of the program two doors and their Contracts; everything else stays internal.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly Identity = typeof(Nara.Identity.IdentityModule).Assembly;
    private static readonly Assembly Platform = typeof(Nara.Platform.Storage.NaraDb).Assembly;
    private static readonly Assembly Cases = typeof(Nara.Cases.CasesModule).Assembly;

    [Fact]
    public void IdentityModule_PublicTypes_OnlyTheDoorsContractsAndEntryPoints()
    {
        string[] allowed = ["Nara.Identity", "Nara.Identity.Contracts", "Nara.Identity.Demo", "Nara.Identity.Setup"];

        var leaks = Identity.GetExportedTypes()
            .Where(t => !allowed.Contains(t.Namespace))
            .Where(t => !t.Name.StartsWith("Pages_", StringComparison.Ordinal) && t.Namespace != "AspNetCoreGeneratedDocument")
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(leaks);
    }

    [Fact]
    public void CasesModule_PublicTypes_OnlyTheDoorsContractsAndApiRecords()
    {
        string[] allowed = ["Nara.Cases", "Nara.Cases.Contracts", "Nara.Cases.Demo"];

        var leaks = Cases.GetExportedTypes()
            .Where(t => !allowed.Contains(t.Namespace))
            .Where(t => !t.Name.StartsWith("Pages_", StringComparison.Ordinal) && t.Namespace != "AspNetCoreGeneratedDocument")
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(leaks);
    }

    [Fact]
    public void OpenDataModule_PublicTypes_OnlyTheDoorsContractsAndDemo()
    {
        string[] allowed = ["Nara.OpenData", "Nara.OpenData.Contracts", "Nara.OpenData.Demo"];

        var leaks = typeof(Nara.OpenData.OpenDataModule).Assembly.GetExportedTypes()
            .Where(t => !allowed.Contains(t.Namespace))
            .Where(t => !t.Name.StartsWith("Pages_", StringComparison.Ordinal) && t.Namespace != "AspNetCoreGeneratedDocument")
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(leaks);
    }

    [Fact]
    public void PageModels_AreInternal()
    {
        var pageModels = new[] { Identity, Cases, typeof(Nara.OpenData.OpenDataModule).Assembly, typeof(Nara.Web.Strings).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && t.IsPublic)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(pageModels);
    }

    [Fact]
    public void Platform_DependsOnNoModule()
    {
        var references = Platform.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(references, name => name is not null && name.StartsWith("Nara.", StringComparison.Ordinal));
    }

    [Fact]
    public void Modules_DoNotDependOnTheHost()
    {
        Assert.DoesNotContain(Identity.GetReferencedAssemblies(), a => a.Name == "nara");
        Assert.DoesNotContain(Cases.GetReferencedAssemblies(), a => a.Name == "nara");
    }

    [Fact]
    public void Voting_IsPureWithoutWebOrDatabaseDependencies()
    {
        var references = typeof(Nara.Voting.Election).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || name.StartsWith("Nara.", StringComparison.Ordinal));
    }

    [Fact]
    public void Blueprints_IsPureWithoutWebOrDatabaseDependencies()
    {
        var references = typeof(Nara.Blueprints.Blueprint).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || name.StartsWith("Nara.", StringComparison.Ordinal));
    }
}
