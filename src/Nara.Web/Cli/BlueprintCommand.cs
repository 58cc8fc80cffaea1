using System.CommandLine;
using Nara.Blueprints;
using Nara.Cases;
using Nara.Web.Hosting;

namespace Nara.Web.Cli;

/// <summary><c>nara blueprint validate FILE|FOLDER…</c>: every problem of a blueprint and its translations, with file, line and path.</summary>
internal static class BlueprintCommand
{
    public static Command Build()
    {
        var paths = new Argument<string[]>("PATH") { Description = "blueprint.yaml files or the folders holding them", Arity = ArgumentArity.OneOrMore };
        var validate = new Command("validate", "Check blueprints against the schema and the workflow rules; exits 1 when any has a problem") { paths };
        validate.SetAction(parse =>
        {
            var failed = false;
            foreach (var path in parse.GetValue(paths)!)
            {
                var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
                if (!Directory.Exists(folder) || (!Directory.Exists(path) && !File.Exists(path)))
                {
                    Console.Error.WriteLine($"{path}: no such file or folder");
                    failed = true;
                    continue;
                }

                var load = BlueprintReader.ReadFolder(folder);
                foreach (var problem in load.Problems)
                {
                    Console.Error.WriteLine(Path.Combine(Path.GetDirectoryName(folder.TrimEnd('/')) ?? "", problem.ToString()));
                }

                if (load.Succeeded)
                {
                    var blueprint = load.Blueprint!;
                    var languages = string.Join(", ", new[] { blueprint.Language }.Concat(blueprint.Translations.Keys.Order(StringComparer.Ordinal)));
                    Console.Out.WriteLine($"OK {blueprint.Id} {blueprint.Version} ({languages})");
                }
                else
                {
                    failed = true;
                }
            }

            return failed ? 1 : 0;
        });
        var id = new Argument<string>("ID") { Description = "The blueprint's id, like birth-registration" };
        var version = new Option<string?>("--version") { Description = "The version to export (default: the current one)" };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the package (default: ID-VERSION.nara-blueprint.json)" };
        var export = new Command("export", "Write an installed blueprint as a package signed with this government's publisher key") { id, version, output };
        export.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = NaraHost.CreateBuilder(NaraCommands.HostArgs(parse, demo: false)).Build();
            await NaraCommands.MigrateAsync(app, cancellationToken);
            var (package, problem) = await BlueprintSharing.ExportAsync(app.Services, parse.GetValue(id)!, parse.GetValue(version), cancellationToken);
            if (package is null)
            {
                Console.Error.WriteLine(problem);
                return 1;
            }

            var file = parse.GetValue(output)?.FullName ?? Path.GetFullPath($"{parse.GetValue(id)}.nara-blueprint.json");
            await File.WriteAllTextAsync(file, package, cancellationToken);
            Console.Out.WriteLine($"Wrote {file}");
            return 0;
        });

        var packageFile = new Argument<FileInfo>("FILE") { Description = "A .nara-blueprint.json package" };
        var trust = new Option<string?>("--trust") { Description = "The publisher's verifier key (name+id+key) you expect; refuse a package signed by any other" };
        var import = new Command("import", "Verify a signed blueprint package and install it, crediting its publisher") { packageFile, trust };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(packageFile)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"{path.Name}: no such file");
                return 1;
            }

            await using var app = NaraHost.CreateBuilder(NaraCommands.HostArgs(parse, demo: false)).Build();
            await NaraCommands.MigrateAsync(app, cancellationToken);
            var (ok, message) = await BlueprintSharing.ImportAsync(app.Services, await File.ReadAllTextAsync(path.FullName, cancellationToken), parse.GetValue(trust), cancellationToken);
            (ok ? Console.Out : Console.Error).WriteLine($"{path.Name}: {message}");
            return ok ? 0 : 1;
        });
        return new Command("blueprint", "Service blueprints") { validate, export, import };
    }
}
