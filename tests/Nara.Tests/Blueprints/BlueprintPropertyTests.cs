using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Nara.Blueprints;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Blueprints;

public sealed class BlueprintPropertyTests
{
    private static readonly string[] Refusals =
        ["unknown-action", "case-closed", "not-in-this-state", "not-your-action", "comment-required", "comment-too-long", "document-required", "unknown-state"];

    private static readonly string[] ErrorCodes =
    [
        "required", "one-answer", "not-an-option", "not-a-number", "not-money", "too-small", "too-large", "not-a-date", "not-a-region",
        "not-an-email", "not-a-phone", "too-long", "too-short", "pattern", "too-few-items",
    ];

    private static readonly string[] AllRoles =
        [WorkflowRoles.Applicant, WorkflowRoles.Officer, WorkflowRoles.Supervisor, WorkflowRoles.Director, WorkflowRoles.Agent, WorkflowRoles.System, "stranger"];

    private static readonly string[] MadeUpActions = ["teleport", "", "APPROVE", "approve ", "withdraw-all"];

    private static readonly IReadOnlySet<string> Regions = new HashSet<string>(StringComparer.Ordinal) { "north", "south", "capital" };

    private static readonly Gen<string?> Comments = Gen.OneOf<string?>(
        Gen.Const<string?>((string?)null),
        Gen.OneOf<string?>("", "   ", "Looks fine.", "Ça va – مرحبا 🙂", new string('x', WorkflowEngine.MaxCommentLength + 1), new string('y', WorkflowEngine.MaxCommentLength)),
        BlueprintDocuments.Text.Select(s => (string?)s));

    private static readonly Gen<Step[]> Walks =
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, (1 << AllRoles.Length) - 1], Comments, Gen.Bool, Gen.Int[0, 3], (pick, roles, comment, document, mode) => new Step(pick, roles, comment, document, mode != 0))
            .Array[1, 40];

    private static readonly Gen<string> RawAnswers = Gen.Frequency<string>(
        (3, Gen.OneOf(
            "yes", "no", "true", "false", "north", "capital", "atlantis", "2026-03-05", "5/3/2026", "31/02/2026", "0", "12", "-3", "1,000.50", "10.125",
            "1e9", "awa@example.org", "Awa <awa@example.org>", "+221 77 123 45 67", "12345", "123456789", "1234567890", "610910", "  ", "")),
        (1, BlueprintDocuments.Text),
        (1, Gen.String[0, 30]),
        (1, Gen.Const(new string('z', 6000))));

    public static TheoryData<string> ShippedNames() => [.. ShippedBlueprints.Names];

    [Fact]
    public void Read_RandomDocuments_ReportsProblemsOrSucceedsWithoutThrowing()
    {
        BlueprintDocuments.Files.Sample(CheckRead, iter: 500, print: BlueprintDocuments.Print);
    }

    [Fact]
    public void Read_MutatedShippedBlueprints_ReportsProblemsOrSucceedsWithoutThrowing()
    {
        BlueprintDocuments.MutatedShipped.Sample(CheckRead, iter: 400, print: BlueprintDocuments.Print);
    }

    [Fact]
    public void Read_RandomBytes_ReportsProblemsWithoutThrowing()
    {
        Gen.Byte.Array[0, 400].Sample(
            bytes => CheckRead(new Dictionary<string, string>(StringComparer.Ordinal) { [BlueprintReader.FileName] = Encoding.UTF8.GetString(bytes) }),
            iter: 3000);
    }

    [Fact]
    public void Read_RandomText_ReportsProblemsWithoutThrowing()
    {
        Gen.String[0, 300].Sample(
            text => CheckRead(new Dictionary<string, string>(StringComparer.Ordinal) { [BlueprintReader.FileName] = text }),
            iter: 3000);
    }

    [Fact]
    public void Read_RandomYamlPunctuation_ReportsProblemsWithoutThrowing()
    {
        Gen.Char["ab:[]{}-,#&*!|>'\"%@` \n\t?é"].Array[0, 14].Select(chars => new string(chars)).Sample(
            text => CheckRead(new Dictionary<string, string>(StringComparer.Ordinal) { [BlueprintReader.FileName] = text }),
            iter: 5000);
    }

    [Fact]
    public void Read_RandomTranslationBesideAValidBlueprint_ReportsProblemsOrSucceeds()
    {
        var main = File.ReadAllText(Path.Combine(Repository.Root, "blueprints", "residence-certificate", BlueprintReader.FileName));

        BlueprintDocuments.Translation.Sample(
            translation => CheckRead(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [BlueprintReader.FileName] = main,
                [translation.Name] = translation.Text,
            }),
            iter: 400);
    }

    [Theory]
    [MemberData(nameof(ShippedNames))]
    public void Apply_RandomWalk_OnlyEverMovesAlongDeclaredActions(string name)
    {
        var blueprint = ShippedBlueprints.Load(name);
        var states = blueprint.Workflow.States.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var actionIds = blueprint.Workflow.Actions.Select(a => a.Id).Concat(MadeUpActions).ToArray();

        Walks.Sample(steps =>
        {
            var state = blueprint.Workflow.Initial;
            foreach (var step in steps)
            {
                var roles = RolesOf(step.Roles);
                var offered = WorkflowEngine.Available(blueprint, state, roles);
                var actionId = step.PreferOffered && offered.Count > 0 ? offered[step.Pick % offered.Count].Id : actionIds[step.Pick % actionIds.Length];
                var wasTerminal = states[state].Terminal;

                var result = WorkflowEngine.Apply(blueprint, state, actionId, roles, step.Comment, step.HasDocument);

                if (result.Succeeded)
                {
                    var action = result.Action!;
                    Assert.False(wasTerminal);
                    Assert.Equal(actionId, action.Id);
                    Assert.Equal(action.To, result.NewState);
                    Assert.Contains(state, action.From);
                    Assert.Contains(action, offered);
                    Assert.True(action.Comment != "required" || !string.IsNullOrWhiteSpace(step.Comment));
                    Assert.True(action.Document != "required" || step.HasDocument);
                    Assert.True((step.Comment?.Length ?? 0) <= WorkflowEngine.MaxCommentLength || string.IsNullOrWhiteSpace(step.Comment));
                    state = result.NewState!;
                }
                else
                {
                    Assert.Null(result.NewState);
                    Assert.Contains(result.Refusal!, Refusals);
                    Assert.True(!wasTerminal || result.Refusal is "case-closed" or "unknown-action");
                }

                Assert.True(states.ContainsKey(state));
            }

            if (states[state].Terminal)
            {
                var everyone = RolesOf((1 << AllRoles.Length) - 1);
                Assert.Empty(WorkflowEngine.Available(blueprint, state, everyone));
                Assert.All(actionIds, id => Assert.False(WorkflowEngine.Apply(blueprint, state, id, everyone, "Closing comment", hasDocument: true).Succeeded));
            }
        }, iter: 400);
    }

    [Theory]
    [MemberData(nameof(ShippedNames))]
    public void Apply_EveryTerminalState_RefusesEveryAction(string name)
    {
        var blueprint = ShippedBlueprints.Load(name);
        var everyone = RolesOf((1 << AllRoles.Length) - 1);
        var terminals = blueprint.Workflow.States.Where(s => s.Terminal).ToList();

        Assert.NotEmpty(terminals);
        foreach (var state in terminals)
        {
            foreach (var action in blueprint.Workflow.Actions)
            {
                Assert.Equal("case-closed", WorkflowEngine.Apply(blueprint, state.Id, action.Id, everyone, "Comment", hasDocument: true).Refusal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ShippedNames))]
    public void ReadPage_RandomInput_ErrorsOnlyNameQuestionsOfThePage(string name)
    {
        var blueprint = ShippedBlueprints.Load(name);
        var keys = blueprint.Form.Pages.SelectMany(p => p.Fields).SelectMany(InputKeys).ToArray();
        var documentIds = blueprint.Documents.Select(d => d.Id).ToArray();
        var inputs = Gen.Select(
            BlueprintDocuments.All(keys.Select(key => RawAnswers.Array[0, 2].Select(raw => KeyValuePair.Create(key, raw))).ToArray()),
            Gen.Int[0, (1 << documentIds.Length) - 1]);

        inputs.Sample((typed, documentMask) =>
        {
            var input = typed.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            var answers = new JsonObject();
            var uploaded = documentIds.Where((_, i) => (documentMask & (1 << i)) != 0).ToHashSet(StringComparer.Ordinal);

            foreach (var page in blueprint.Form.Pages)
            {
                var errors = Answers.ReadPage(page, key => input.TryGetValue(key, out var raw) ? raw : [], answers, Regions);

                Assert.All(errors, error =>
                {
                    Assert.True(NamesAQuestion(page.Fields, error.Path), $"{error.Path} is not a question of the page {page.Id}.");
                    Assert.Contains(error.Code, ErrorCodes);
                });
            }

            var complete = Answers.CheckComplete(blueprint, answers, Regions, uploaded);
            var allFields = blueprint.Form.Pages.SelectMany(p => p.Fields).ToList();
            Assert.All(complete, error =>
            {
                Assert.True(NamesAQuestion(allFields, error.Path), $"{error.Path} is not a question of {blueprint.Id}.");
                Assert.Contains(error.Code, ErrorCodes);
            });
            Assert.All(answers, pair => Assert.Contains(allFields, f => f.Id == pair.Key && f.Type != FieldTypes.File));

            // Submitting skips asking which documents are on file when the answers need none: then they cannot matter.
            var withoutDocuments = Answers.CheckComplete(blueprint, answers, Regions, new HashSet<string>());
            if (Answers.NeedsDocuments(blueprint, answers))
            {
                Assert.Contains(withoutDocuments, error => allFields.Any(f => f.Id == error.Path && f.Type == FieldTypes.File));
            }
            else
            {
                Assert.Equal(complete, withoutDocuments);
            }

            Answers.DropHidden(blueprint, answers);
            var quote = Fees.Quote(blueprint, answers);
            Assert.True(quote is null || quote.Amount >= 0);
            var automatic = WorkflowEngine.Automatic(blueprint, blueprint.Workflow.Initial, answers);
            Assert.True(automatic is null || automatic.By.SequenceEqual([WorkflowRoles.System]));
        }, iter: 150);
    }

    private static void CheckRead(IReadOnlyDictionary<string, string> files)
    {
        var load = BlueprintReader.Read(files, "random");

        Assert.Equal(load.Problems.Count == 0, load.Blueprint is not null);
        foreach (var problem in load.Problems)
        {
            Assert.StartsWith("random/", problem.File, StringComparison.Ordinal);
            var text = files[problem.File["random/".Length..]];
            Assert.InRange(problem.Line, 1, text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') + 2);
            Assert.True(problem.Path.Length == 0 || problem.Path.StartsWith('/'), problem.Path);
            Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        }

        if (load.Blueprint is { } blueprint)
        {
            var states = blueprint.Workflow.States.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            Assert.Contains(blueprint.Workflow.Initial, states);
            Assert.All(blueprint.Workflow.Actions, a => Assert.Contains(a.To, states));
            Assert.All(blueprint.Workflow.States.Where(s => s.Terminal), s => Assert.NotNull(s.Outcome));
        }
    }

    private static HashSet<string> RolesOf(int mask) => AllRoles.Where((_, i) => (mask & (1 << i)) != 0).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> InputKeys(FieldSpec field) =>
        field.Type == FieldTypes.Group
            ? Enumerable.Range(0, 4).SelectMany(i => field.Fields.Select(child => $"{field.Id}[{i}].{child.Id}"))
            : [field.Id];

    private static bool NamesAQuestion(IEnumerable<FieldSpec> fields, string path)
    {
        var open = path.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return fields.Any(f => f.Id == path);
        }

        var close = path.IndexOf("].", open, StringComparison.Ordinal);
        var group = fields.FirstOrDefault(f => f.Id == path[..open] && f.Type == FieldTypes.Group);
        return group is not null
            && close > open
            && int.TryParse(path.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < (group.MaxItems ?? 50)
            && group.Fields.Any(child => child.Id == path[(close + 2)..]);
    }

    private sealed record Step(int Pick, int Roles, string? Comment, bool HasDocument, bool PreferOffered);
}

/// <summary>Random blueprint files: YAML trees that are mostly shaped like a blueprint, written out and sometimes damaged.</summary>
internal static class BlueprintDocuments
{
    private static readonly string[] StateIds = ["draft", "submitted", "in-review", "approved", "refused", "Bad State", "état"];
    private static readonly string[] FieldIds = ["name", "age", "kind", "goods", "proof_file", "agreed", "Name", "ghost"];
    private static readonly string[] ChildIds = ["description", "value", "amount", "Value"];
    private static readonly string[] DocumentIds = ["proof", "id-card", "missing"];
    private static readonly string[] Roles = ["applicant", "officer", "supervisor", "director", "agent", "system", "god"];

    private static readonly string[] Types =
    [
        "text", "long-text", "number", "money", "date", "choice", "multi-choice", "yes-no", "email", "phone", "national-id", "region", "file", "group",
        "colour", "TEXT",
    ];

    private static readonly string[] SimpleProperties =
        ["outcome: ", "issues: ", "terminal: ", "required: ", "document: ", "show_if: ", "escalate_to: ", "deadline_days: ", "min_items: ", "when: ", "label: ", "to: "];

    private static readonly string[] Pieces = ["a", "Z", "é", "ß", "中文", "🙂", "ا", "\u200B", " ", "\t", "\n", ":", "- ", "#", "'", "\"", "\\", "{", "[", "&x", "*y", "!", "%", "0"];

    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> ShippedFiles = new(() => ShippedBlueprints.Names.ToDictionary(
        name => name,
        name => Directory.EnumerateFiles(Path.Combine(Repository.Root, "blueprints", name), "blueprint*.yaml")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal),
        StringComparer.Ordinal));

    public static readonly Gen<string> Text = Gen.Frequency<string>(
        (2, Gen.OneOf("Label", "Étiquette", "标签", "تسمية", "Emoji 🙂 label")),
        (3, Gen.OneOf(Pieces).Array[0, 8].Select(string.Concat)));

    public static readonly Gen<(string Name, string Text)> Translation =
        Gen.Select(
            Gen.OneOf("blueprint.fr.yaml", "blueprint.ar.yaml", "blueprint.en.yaml", "blueprint.x.yaml"),
            Map(
                Entry("language", Gen.OneOf<object?>(Plain("fr"), Plain("ar"), Plain("en"), Plain("FR"), 12, null), 95),
                Entry("title", TextNode, 60),
                Entry("summary", TextNode, 30),
                Entry("you_need", TextNode.Array[0, 3].Select(Seq), 20),
                Entry("pages", Keyed(["about-you", "your-address", "proof", "nowhere"], TextNode), 50),
                Entry("fields", Keyed(["full_name", "occupancy", "region", "ghost", "declaration"], Map(Entry("label", TextNode, 80), Entry("hint", TextNode, 30), Entry("options", Keyed(["owner", "tenant", "castle"], TextNode), 30), Entry("colour", TextNode, 5))), 50),
                Entry("documents", Keyed(["proof-of-address", "passport"], Map(Entry("label", TextNode, 80), Entry("hint", TextNode, 30))), 30),
                Entry("states", Keyed(["submitted", "issued", "limbo"], TextNode), 40),
                Entry("actions", Keyed(["issue", "refuse", "fly"], TextNode), 40),
                Entry("output", Map(Entry("title", TextNode, 90)), 20),
                Entry("colour", TextNode, 5)),
            Gen.Int[0, 9],
            Gen.Int[0, 1_000_000],
            (name, document, damage, seed) => (name, Damage(Yaml(document), damage, seed)));

    private static Gen<object?> TextNode => Text.Select(s => (object?)s);

    public static readonly Gen<IReadOnlyDictionary<string, string>> Files =
        Gen.Select(Gen.Frequency<object?>((1, Wild()), (2, Shaped())), Gen.Bool, Translation, Gen.Int[0, 9], Gen.Int[0, 1_000_000], (document, translated, translation, damage, seed) =>
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal) { [BlueprintReader.FileName] = Damage(Yaml(document), damage, seed) };
            if (translated)
            {
                files[translation.Name] = translation.Text;
            }

            return (IReadOnlyDictionary<string, string>)files;
        });

    public static readonly Gen<IReadOnlyDictionary<string, string>> MutatedShipped =
        Gen.Select(Gen.OneOf(ShippedBlueprints.Names.ToArray()), Gen.Int[1, 4], Gen.Int[0, int.MaxValue], (name, edits, seed) =>
        {
            var files = new Dictionary<string, string>(ShippedFiles.Value[name], StringComparer.Ordinal);
            files[BlueprintReader.FileName] = Edit(files[BlueprintReader.FileName], edits, new Random(seed));
            return (IReadOnlyDictionary<string, string>)files;
        });

    public static string Print(IReadOnlyDictionary<string, string> files) =>
        string.Join("\n", files.Select(f => $"==== {f.Key}\n{f.Value}"));

    public static Gen<T[]> All<T>(params Gen<T>[] gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, gen) => all.SelectMany(items => gen.Select(item => (T[])[.. items, item])));

    private static Gen<object?> Wild()
    {
        var integer = Gen.Frequency<object?>((8, Gen.Int[-2, 400].Select(i => (object?)i)), (1, Gen.OneOf<object?>(5.0m, 10_000_000_000m, 1.5m)));
        var number = Gen.Frequency<object?>((3, Gen.Int[-5, 1000].Select(i => (object?)i)), (1, Gen.OneOf<object?>(2.5m, 0.01m, -1.25m, "12", Plain("1e3"))));
        var stateId = Gen.OneOf(StateIds).Select(s => (object?)Plain(s));
        var fieldId = Gen.Frequency<object?>((6, Gen.OneOf(FieldIds).Select(s => (object?)Plain(s))), (1, TextNode));
        var bools = Gen.Frequency<object?>((6, Gen.Bool.Select(b => (object?)b)), (1, Gen.OneOf<object?>("true", Plain("yes"), 1)));
        var scalar = Gen.OneOf<object?>(TextNode, number, bools, stateId);
        var condition = Condition(fieldId, scalar, number, bools, depth: 2);
        var option = Map(Entry("value", Gen.OneOf<object?>(Plain("a"), Plain("b"), Plain("c"), Plain("B B")), 95), Entry("label", TextNode, 90));

        Gen<object?> Field(bool nested) => Map(
            Entry("id", nested ? Gen.OneOf(ChildIds).Select(s => (object?)Plain(s)) : fieldId, 95),
            Entry("type", Gen.OneOf(Types).Select(s => (object?)Plain(s)), 95),
            Entry("label", TextNode, 92),
            Entry("hint", TextNode, 10),
            Entry("required", bools, 40),
            Entry("personal", bools, 10),
            Entry("options", option.Array[0, 3].Select(Seq), 30),
            Entry("document", Gen.OneOf(DocumentIds).Select(s => (object?)Plain(s)), 20),
            Entry("show_if", condition, nested ? 5 : 25),
            Entry("fields", nested ? Gen.Const<object?>((object?)null) : Field(nested: true).Array[0, 3].Select(Seq), nested ? 3 : 15),
            Entry("min", number, 10),
            Entry("max", number, 10),
            Entry("min_length", integer, 8),
            Entry("max_length", integer, 8),
            Entry("pattern", Gen.OneOf<object?>("^[0-9]{9}$", "[a-z]+", "(unclosed", "a{2,1}", "\\"), 10),
            Entry("min_items", integer, 5),
            Entry("max_items", integer, 5),
            Entry("colour", TextNode, 3));

        var page = Map(
            Entry("id", Gen.OneOf<object?>(Plain("first"), Plain("second"), Plain("first"), Plain("Third Page")), 95),
            Entry("title", TextNode, 92),
            Entry("show_if", condition, 10),
            Entry("fields", Field(nested: false).Array[0, 4].Select(Seq), 95));
        var document = Map(
            Entry("id", Gen.OneOf(DocumentIds).Select(s => (object?)Plain(s)), 95),
            Entry("label", TextNode, 90),
            Entry("required", bools, 40),
            Entry("types", Gen.OneOf<object?>(Plain("pdf"), Plain("png"), Plain("gif")).Array[0, 2].Select(Seq), 90),
            Entry("max_kb", integer, 10),
            Entry("show_if", condition, 15));
        var fee = Map(
            Entry("currency", Gen.OneOf<object?>(Plain("XOF"), Plain("eur"), 978), 95),
            Entry("amount", number, 70),
            Entry("by_answer", Map(Entry("field", fieldId, 95), Entry("amounts", Keyed(["a", "b", "z"], number), 90)), 30),
            Entry("percent_of", Map(Entry("field", Gen.OneOf<object?>(Plain("goods.value"), Plain("age"), Plain("name"), Plain("goods.amount")), 95), Entry("percent", number, 95)), 30),
            Entry("exemptions", Map(Entry("id", Gen.OneOf<object?>(Plain("poor"), Plain("old")), 95), Entry("when", condition, 90), Entry("reason", TextNode, 90)).Array[0, 2].Select(Seq), 30));
        var state = Map(
            Entry("id", stateId, 95),
            Entry("label", TextNode, 92),
            Entry("terminal", bools, 40),
            Entry("outcome", Gen.OneOf<object?>(Plain("approved"), Plain("rejected"), Plain("withdrawn"), Plain("maybe")), 35),
            Entry("issues", bools, 20),
            Entry("agency", Gen.OneOf<object?>(Plain("revenue"), Plain("Other Agency")), 10),
            Entry("deadline_days", integer, 15),
            Entry("escalate_to", Gen.OneOf<object?>(Plain("supervisor"), Plain("director"), Plain("officer")), 15),
            Entry("waiting_for_applicant", bools, 10));
        var action = Map(
            Entry("id", Gen.OneOf<object?>(Plain("approve"), Plain("refuse"), Plain("start"), Plain("approve"), Plain("auto")), 95),
            Entry("label", TextNode, 92),
            Entry("from", stateId.Array[0, 3].Select(Seq), 92),
            Entry("to", stateId, 92),
            Entry("by", Gen.OneOf(Roles).Select(s => (object?)Plain(s)).Array[0, 2].Select(Seq), 92),
            Entry("comment", Gen.OneOf<object?>(Plain("none"), Plain("optional"), Plain("required"), Plain("always")), 30),
            Entry("document", Gen.OneOf<object?>(Plain("none"), Plain("optional"), Plain("required")), 20),
            Entry("when", condition, 20));
        var workflow = Map(
            Entry("initial", stateId, 92),
            Entry("deadline_days", integer, 20),
            Entry("states", state.Array[0, 5].Select(Seq), 95),
            Entry("actions", action.Array[0, 5].Select(Seq), 95));
        var output = Map(
            Entry("title", TextNode, 92),
            Entry("fields", fieldId.Array[0, 3].Select(Seq), 92),
            Entry("valid_days", integer, 30));

        return Map(
            Entry("format", Gen.OneOf<object?>(1, 1, 2, "1"), 60),
            Entry("id", Gen.OneOf<object?>(Plain("sample"), Plain("Sample Service"), "x"), 95),
            Entry("version", Gen.OneOf<object?>("1.0.0", "1.0", Plain("2.1.0"), 1), 95),
            Entry("agency", Gen.OneOf<object?>(Gen.OneOf<object?>(Plain("revenue"), Plain("capital-city")), TextNode), 95),
            Entry("audience", Gen.OneOf<object?>(Plain("public"), Plain("staff"), Plain("everyone")), 20),
            Entry("language", Gen.OneOf<object?>(Plain("en"), Plain("fr"), Plain("english")), 40),
            Entry("title", TextNode, 95),
            Entry("summary", TextNode, 95),
            Entry("expected_days", integer, 20),
            Entry("form", Map(Entry("pages", page.Array[0, 3].Select(Seq), 95)), 95),
            Entry("documents", document.Array[0, 3].Select(Seq), 50),
            Entry("fee", fee, 40),
            Entry("workflow", workflow, 95),
            Entry("output", output, 40),
            Entry("colour", TextNode, 5));
    }

    private static Gen<object?> Shaped()
    {
        string[] slugStates = ["draft", "submitted", "in-review", "approved", "refused"];
        string[] fieldIds = ["name", "age", "kind", "goods", "proof_file", "agreed", "ghost"];
        var label = Text.Where(t => t.Length > 0).Select(t => (object?)t);
        var integer = Gen.Frequency<object?>((8, Gen.Int[1, 365].Select(i => (object?)i)), (1, Gen.OneOf<object?>(5.0m, 10_000_000_000m)));
        var number = Gen.Frequency<object?>((3, Gen.Int[0, 1000].Select(i => (object?)i)), (1, Gen.OneOf<object?>(2.5m, 0.01m, 12.75m)));
        var stateId = Gen.OneOf(slugStates).Select(s => (object?)Plain(s));
        var fieldId = Gen.OneOf(fieldIds).Select(s => (object?)Plain(s));
        var scalar = Gen.OneOf<object?>(label, number, Gen.Bool.Select(b => (object?)b), Gen.OneOf<object?>(Plain("a"), Plain("b")));
        var condition = ShapedCondition(fieldId, scalar, number, depth: 2);
        var option = Map(Entry("value", Gen.OneOf<object?>(Plain("a"), Plain("b"), Plain("c")), 100), Entry("label", label, 100));

        Gen<object?> Field(bool nested) => Map(
            Entry("id", nested ? Gen.OneOf<object?>(Plain("description"), Plain("value"), Plain("amount")) : fieldId, 100),
            Entry("type", Gen.OneOf(Types[..14]).Select(t => (object?)Plain(t)), 100),
            Entry("label", label, 100),
            Entry("required", Gen.Bool.Select(b => (object?)b), 50),
            Entry("options", option.Array[1, 3].Select(Seq), 35),
            Entry("document", Gen.OneOf(DocumentIds).Select(d => (object?)Plain(d)), 25),
            Entry("show_if", condition, nested ? 3 : 25),
            Entry("fields", nested ? Gen.Const<object?>((object?)null) : Field(nested: true).Array[1, 3].Select(Seq), nested ? 0 : 20),
            Entry("min", number, 10),
            Entry("max", number, 10),
            Entry("max_length", integer, 10),
            Entry("min_items", integer, 5),
            Entry("pattern", Gen.OneOf<object?>("^[0-9]{9}$", "(unclosed"), 5));

        return Map(
            Entry("format", Gen.Const<object?>(1), 50),
            Entry("id", Gen.Const<object?>(Plain("sample")), 100),
            Entry("version", Gen.Const<object?>("1.0.0"), 100),
            Entry("agency", Gen.Const<object?>(Plain("revenue")), 100),
            Entry("title", label, 100),
            Entry("summary", label, 100),
            Entry("form", Map(Entry("pages", Map(
                Entry("id", Gen.OneOf<object?>(Plain("first"), Plain("second"), Plain("third")), 100),
                Entry("title", label, 100),
                Entry("show_if", condition, 10),
                Entry("fields", Field(nested: false).Array[1, 4].Select(Seq), 100)).Array[1, 3].Select(Seq), 100)), 100),
            Entry("documents", Map(
                Entry("id", Gen.OneOf(DocumentIds).Select(d => (object?)Plain(d)), 100),
                Entry("label", label, 100),
                Entry("required", Gen.Bool.Select(b => (object?)b), 50),
                Entry("types", Gen.OneOf<object?>(Seq([Plain("pdf")]), Seq([Plain("pdf"), Plain("png")])), 100),
                Entry("show_if", condition, 20)).Array[1, 2].Select(Seq), 40),
            Entry("fee", Map(
                Entry("currency", Gen.Const<object?>(Plain("XOF")), 100),
                Entry("amount", number, 70),
                Entry("by_answer", Map(Entry("field", fieldId, 100), Entry("amounts", Keyed(["a", "b", "z"], number), 100)), 40),
                Entry("percent_of", Map(Entry("field", Gen.OneOf<object?>(Plain("goods.value"), Plain("goods.amount"), Plain("age"), Plain("name")), 100), Entry("percent", number, 100)), 40),
                Entry("exemptions", Map(Entry("id", Gen.OneOf<object?>(Plain("poor"), Plain("old")), 100), Entry("when", condition, 100), Entry("reason", label, 100)).Array[1, 2].Select(Seq), 30)), 35),
            Entry("workflow", Map(
                Entry("initial", stateId, 100),
                Entry("deadline_days", integer, 20),
                Entry("states", Map(
                    Entry("id", stateId, 100),
                    Entry("label", label, 100),
                    Entry("terminal", Gen.Bool.Select(b => (object?)b), 50),
                    Entry("outcome", Gen.OneOf<object?>(Plain("approved"), Plain("rejected"), Plain("withdrawn")), 45),
                    Entry("issues", Gen.Bool.Select(b => (object?)b), 20),
                    Entry("deadline_days", integer, 15),
                    Entry("escalate_to", Gen.OneOf<object?>(Plain("supervisor"), Plain("director")), 15)).Array[2, 5].Select(Seq), 100),
                Entry("actions", Map(
                    Entry("id", Gen.OneOf<object?>(Plain("approve"), Plain("refuse"), Plain("start"), Plain("auto"), Plain("withdraw")), 100),
                    Entry("label", label, 100),
                    Entry("from", Subset(slugStates), 100),
                    Entry("to", stateId, 100),
                    Entry("by", Subset(Roles[..6]), 100),
                    Entry("comment", Gen.OneOf<object?>(Plain("none"), Plain("optional"), Plain("required")), 30),
                    Entry("document", Gen.OneOf<object?>(Plain("none"), Plain("optional"), Plain("required")), 20),
                    Entry("when", condition, 15)).Array[1, 6].Select(Seq), 100)), 100),
            Entry("output", Map(Entry("title", label, 100), Entry("fields", Subset(fieldIds), 100), Entry("valid_days", integer, 30)), 35));
    }

    private static Gen<object?> ShapedCondition(Gen<object?> fieldId, Gen<object?> scalar, Gen<object?> number, int depth)
    {
        var simple = Map(
            Entry("field", fieldId, 100),
            Entry("equals", scalar, 40),
            Entry("not_equals", scalar, 10),
            Entry("in", Gen.OneOf<object?>(Plain("a"), Plain("b"), 3).Array[1, 2].Select(Seq), 15),
            Entry("at_least", number, 20),
            Entry("answered", Gen.Bool.Select(b => (object?)b), 15));
        if (depth == 0)
        {
            return simple;
        }

        var inner = ShapedCondition(fieldId, scalar, number, depth - 1).Array[1, 3].Select(Seq);
        return Gen.Frequency<object?>((5, simple), (1, Map(Entry("all", inner, 100))), (1, Map(Entry("any", inner, 100))));
    }

    private static Gen<object?> Subset(string[] values) =>
        Gen.Int[1, (1 << values.Length) - 1].Select(mask => Seq([.. values.Where((_, i) => (mask & (1 << i)) != 0).Select(v => (object?)Plain(v))]));

    private static Gen<object?> Condition(Gen<object?> fieldId, Gen<object?> scalar, Gen<object?> number, Gen<object?> bools, int depth)
    {
        var simple = Map(
            Entry("field", fieldId, 92),
            Entry("equals", scalar, 40),
            Entry("not_equals", scalar, 15),
            Entry("in", scalar.Array[0, 3].Select(Seq), 15),
            Entry("at_least", number, 20),
            Entry("at_most", number, 10),
            Entry("answered", bools, 15),
            Entry("colour", TextNode, 3));
        if (depth == 0)
        {
            return simple;
        }

        var inner = Condition(fieldId, scalar, number, bools, depth - 1).Array[0, 3].Select(Seq);
        return Gen.Frequency<object?>(
            (5, simple),
            (1, Map(Entry("all", inner, 95), Entry("field", fieldId, 5))),
            (1, Map(Entry("any", inner, 95))));
    }

    private static Gen<KeyValuePair<string, object?>?> Entry(string key, Gen<object?> value, int percent) =>
        Gen.Int[0, 99].SelectMany(roll => roll < percent
            ? value.Select(v => (KeyValuePair<string, object?>?)KeyValuePair.Create(key, v))
            : Gen.Const(default(KeyValuePair<string, object?>?)));

    private static Gen<object?> Map(params Gen<KeyValuePair<string, object?>?>[] entries) =>
        All(entries).Select(pairs => (object?)new MapNode([.. pairs.OfType<KeyValuePair<string, object?>>()]));

    private static Gen<object?> Keyed(string[] keys, Gen<object?> value) =>
        Map([.. keys.Select(key => Entry(key, value, 40))]);

    private static object? Seq(object?[] items) => new SeqNode(items);

    private static PlainNode Plain(string text) => new(text);

    private static string Edit(string text, int edits, Random random)
    {
        var lines = text.Split('\n').ToList();
        var ids = lines.Select(l => l.Trim()).Where(l => l.StartsWith("- id: ", StringComparison.Ordinal)).Select(l => l[6..]).Distinct(StringComparer.Ordinal).ToArray();
        string[] states = [.. ids.Where(id => id.Contains('-', StringComparison.Ordinal)), "nowhere"];
        string[] fields = [.. ids.Where(id => !id.Contains('-', StringComparison.Ordinal)), "ghost"];
        for (var e = 0; e < edits && lines.Count > 1; e++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(105))
            {
                case < 8:
                    lines.RemoveAt(at);
                    break;
                case < 12:
                    lines.Insert(at, lines[at]);
                    break;
                case < 16:
                    var other = random.Next(lines.Count);
                    (lines[at], lines[other]) = (lines[other], lines[at]);
                    break;
                case < 20:
                    lines[at] = random.Next(2) == 0 ? " " + lines[at] : lines[at].TrimStart();
                    break;
                case < 35:
                    Replace(random.Next(3) switch { 0 => "to: ", 1 => "initial: ", _ => "from: [" }, states);
                    break;
                case < 45:
                    Replace("type: ", Types);
                    break;
                case < 52:
                    Replace("by: [", Roles);
                    break;
                case < 62:
                    Replace(random.Next(2) == 0 ? "terminal: " : "required: ", ["true", "false"]);
                    break;
                case < 80:
                    var removable = Matching(l => SimpleProperties.Any(p => l.TrimStart().StartsWith(p, StringComparison.Ordinal)));
                    if (removable.Length > 0)
                    {
                        lines.RemoveAt(removable[random.Next(removable.Length)]);
                    }

                    break;
                case < 100:
                    Replace(random.Next(2) == 0 ? "field: " : "fields: [", fields);
                    break;
                default:
                    Replace("- id: ", ids);
                    break;
            }
        }

        return string.Join('\n', lines);

        int[] Matching(Func<string, bool> predicate) => [.. Enumerable.Range(0, lines.Count).Where(i => predicate(lines[i]))];

        void Replace(string prefix, string[] values)
        {
            var candidates = Matching(l => l.Contains(prefix, StringComparison.Ordinal));
            if (candidates.Length > 0 && values.Length > 0)
            {
                var line = candidates[random.Next(candidates.Length)];
                lines[line] = ReplaceValue(lines[line], prefix, values[random.Next(values.Length)]);
            }
        }
    }

    private static string ReplaceValue(string line, string prefix, string value)
    {
        var at = line.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length;
        var end = line.IndexOfAny([',', ']', '}'], at);
        return string.Concat(line.AsSpan(0, at), value, end < 0 ? "" : line[end..]);
    }

    private static string Damage(string yaml, int damage, int seed)
    {
        if (damage > 1)
        {
            return yaml;
        }

        var random = new Random(seed);
        var lines = yaml.Split('\n').ToList();
        var at = random.Next(lines.Count);
        if (damage == 0)
        {
            lines.RemoveAt(at);
        }
        else
        {
            lines[at] = lines[at].Length == 0 ? "  x" : lines[at][..random.Next(lines[at].Length)];
        }

        return string.Join('\n', lines);
    }

    public static string Yaml(object? root)
    {
        var yaml = new StringBuilder();
        Write(yaml, root, 0);
        return yaml.ToString();
    }

    private static void Write(StringBuilder yaml, object? node, int indent)
    {
        switch (node)
        {
            case MapNode { Entries.Count: > 0 } map:
                foreach (var (key, value) in map.Entries)
                {
                    yaml.Append(' ', indent).Append(IsPlainKey(key) ? key : Quote(key)).Append(':');
                    WriteValue(yaml, value, indent);
                }

                break;
            case SeqNode { Items.Count: > 0 } seq:
                foreach (var item in seq.Items)
                {
                    yaml.Append(' ', indent).Append('-');
                    WriteValue(yaml, item, indent);
                }

                break;
            default:
                yaml.Append(Scalar(node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(StringBuilder yaml, object? value, int indent)
    {
        if (value is MapNode { Entries.Count: > 0 } or SeqNode { Items.Count: > 0 })
        {
            yaml.Append('\n');
            Write(yaml, value, indent + 2);
        }
        else
        {
            yaml.Append(' ').Append(Scalar(value)).Append('\n');
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        PlainNode plain => plain.Text,
        MapNode => "{}",
        SeqNode => "[]",
        string text => Quote(text),
        _ => throw new ArgumentException($"Cannot write {value.GetType()}.", nameof(value)),
    };

    private static bool IsPlainKey(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is '"' or '\\')
            {
                quoted.Append('\\').Append((char)value);
            }
            else if (value < 0x20 || value is (>= 0x7F and <= 0x9F) or 0xFEFF or 0xFFFE or 0xFFFF)
            {
                quoted.Append(CultureInfo.InvariantCulture, $"\\u{value:X4}");
            }
            else
            {
                quoted.Append(rune.ToString());
            }
        }

        return quoted.Append('"').ToString();
    }

    private sealed record MapNode(IReadOnlyList<KeyValuePair<string, object?>> Entries);

    private sealed record SeqNode(IReadOnlyList<object?> Items);

    private sealed record PlainNode(string Text);
}
