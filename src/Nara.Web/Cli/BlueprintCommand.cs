using System.CommandLine;
using Nara.Blueprints;

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
        return new Command("blueprint", "Service blueprints") { validate };
    }
}
