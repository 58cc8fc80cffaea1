using System.Collections.Concurrent;
using Nara.Blueprints;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Blueprints;

public sealed class BlueprintReaderTests
{
    internal const string Sample = """
        format: 1
        id: sample
        version: "1.0.0"
        agency: test-agency
        title: Sample
        summary: A sample service.
        form:
          pages:
            - id: first
              title: First
              fields:
                - id: name
                  type: text
                  label: Name
                  required: true
                - id: kind
                  type: choice
                  label: Kind
                  options:
                    - value: a
                      label: A
                    - value: b
                      label: B
                - id: items
                  type: group
                  label: Items
                  fields:
                    - id: amount
                      type: money
                      label: Amount
                - id: proof_file
                  type: file
                  label: Proof
                  document: proof
        documents:
          - id: proof
            label: Proof
            types: [pdf]
        fee:
          currency: XOF
          amount: 100
          by_answer:
            field: kind
            amounts:
              a: 0
              b: 50
        workflow:
          initial: submitted
          states:
            - id: submitted
              label: Submitted
            - id: approved
              label: Approved
              terminal: true
              outcome: approved
              issues: true
          actions:
            - id: approve
              label: Approve
              from: [submitted]
              to: approved
              by: [officer]
        output:
          title: Certificate
          fields: [name]

        """;

    private const string FrenchSample = """
        language: fr
        title: Exemple
        pages:
          first: Premier
        fields:
          name:
            label: Nom
          kind:
            options:
              a: Un
          items.amount:
            label: Montant
        states:
          submitted: Envoyé

        """;

    [Theory]
    [MemberData(nameof(ShippedNames))]
    public void ReadFolder_ShippedBlueprint_HasNoProblems(string name)
    {
        var folder = Path.Combine(Repository.Root, "blueprints", name);

        var load = BlueprintReader.ReadFolder(folder);

        Assert.Empty(load.Problems);
        Assert.True(load.Succeeded);
        Assert.Equal(name, load.Blueprint!.Id);
    }

    [Theory]
    [MemberData(nameof(ShippedNames))]
    public void ReadFolder_ShippedBlueprint_IsEnglishWithAtLeastOneTranslation(string name)
    {
        var blueprint = ShippedBlueprints.Load(name);

        Assert.Equal("en", blueprint.Language);
        Assert.NotEmpty(blueprint.Translations);
        Assert.All(blueprint.Translations, pair =>
        {
            Assert.Equal(pair.Key, pair.Value.Language);
            Assert.NotEqual("en", pair.Key);
        });
    }

    [Fact]
    public void ShippedBlueprints_Folder_HoldsTheKnownServices()
    {
        var folders = Directory.GetDirectories(Path.Combine(Repository.Root, "blueprints"))
            .Where(d => File.Exists(Path.Combine(d, BlueprintReader.FileName)))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(ShippedBlueprints.Names.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void Read_SampleWithTranslation_Succeeds()
    {
        var load = Read(Sample, ("blueprint.fr.yaml", FrenchSample));

        Assert.Empty(load.Problems);
        var text = new BlueprintText(load.Blueprint!, "fr");
        Assert.Equal("Exemple", text.Title);
        Assert.Equal("A sample service.", text.Summary);
        Assert.Equal("Envoyé", text.State("submitted"));
        Assert.Equal("Approved", text.State("approved"));
        var kind = load.Blueprint!.FindField("kind")!;
        Assert.Equal("Un", text.Option("kind", kind, "a"));
        Assert.Equal("B", text.Option("kind", kind, "b"));
    }

    [Fact]
    public void Read_NoMainFile_ReportsTheMissingFile()
    {
        var load = BlueprintReader.Read(new Dictionary<string, string> { ["blueprint.fr.yaml"] = FrenchSample }, "svc");

        var problem = Assert.Single(load.Problems);
        Assert.Equal("svc/blueprint.yaml", problem.File);
        Assert.Null(load.Blueprint);
    }

    [Fact]
    public void Read_EmptyFile_ReportsAProblem()
    {
        var load = Read("");

        Assert.False(load.Succeeded);
        Assert.NotEmpty(load.Problems);
    }

    [Fact]
    public void Read_InvalidYaml_ReportsTheLine()
    {
        var text = Edit(Sample, "title: Sample\n", "title: Sample: more\n");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal(LineOf(text, "title: Sample: more"), problem.Line);
        Assert.StartsWith("This is not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.Null(load.Blueprint);
    }

    [Fact]
    public void Read_TwoDocuments_ReportsAProblem()
    {
        var load = Read(Sample + "---\nid: other\n");

        var problem = Assert.Single(load.Problems);
        Assert.Contains("one YAML document", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_VersionNotSemantic_ReportsVersionLineAndPath()
    {
        var text = Edit(Sample, "version: \"1.0.0\"", "version: \"1.0\"");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/version", problem.Path);
        Assert.Equal(3, problem.Line);
        Assert.Null(load.Blueprint);
    }

    [Fact]
    public void Read_UnknownFieldType_ReportsTypeLineAndPath()
    {
        var text = Edit(Sample, "type: choice", "type: colour");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/form/pages/0/fields/1/type", problem.Path);
        Assert.Equal(LineOf(text, "type: colour"), problem.Line);
    }

    [Fact]
    public void Read_UnknownTopLevelProperty_ReportsPropertyLineAndPath()
    {
        var text = Sample + "colour: red\n";

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/colour", problem.Path);
        Assert.Equal(LineOf(text, "colour: red"), problem.Line);
    }

    [Fact]
    public void Read_MissingRequiredProperty_ReportsAtTheRoot()
    {
        var text = Edit(Sample, "summary: A sample service.\n", "");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("", problem.Path);
        Assert.Contains("summary", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuotedTrue_IsTextAndFailsTheBooleanSchema()
    {
        var text = Edit(Sample, "required: true", "required: \"true\"");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/form/pages/0/fields/0/required", problem.Path);
        Assert.Equal(LineOf(text, "required: \"true\""), problem.Line);
    }

    [Fact]
    public void Read_UnreachableState_IsReported()
    {
        var text = Edit(Sample, "  actions:\n", """
                - id: orphan
                  label: Orphan
              actions:
                - id: leave-orphan
                  label: Leave
                  from: [orphan]
                  to: approved
                  by: [officer]

            """);

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/workflow/states/2", problem.Path);
        Assert.Equal(LineOf(text, "- id: orphan"), problem.Line);
        Assert.Contains("No action leads to the state \"orphan\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonTerminalStateWithoutExit_IsReported()
    {
        var text = Edit(Sample, "  actions:\n", """
                - id: stuck
                  label: Stuck
              actions:
                - id: park
                  label: Park
                  from: [submitted]
                  to: stuck
                  by: [officer]

            """);

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/workflow/states/2", problem.Path);
        Assert.Equal(LineOf(text, "- id: stuck"), problem.Line);
        Assert.Contains("could never leave", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ActionToUnknownState_IsReported()
    {
        var text = Edit(Sample, "to: approved", "to: nowhere");

        var load = Read(text);

        var problem = Assert.Single(load.Problems, p => p.Path == "/workflow/actions/0/to");
        Assert.Equal(LineOf(text, "to: nowhere"), problem.Line);
        Assert.Contains("\"nowhere\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ActionFromUnknownState_IsReported()
    {
        var text = Edit(Sample, "from: [submitted]", "from: [submitted, limbo]");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/workflow/actions/0/from", problem.Path);
        Assert.Contains("\"limbo\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConditionOnLaterField_IsReported()
    {
        var text = Edit(Sample, "          required: true\n", "          required: true\n          show_if: {field: kind, equals: a}\n");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/form/pages/0/fields/0/show_if", problem.Path);
        Assert.Equal(LineOf(text, "show_if: {field: kind"), problem.Line);
        Assert.Contains("\"kind\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConditionOnUnknownField_IsReported()
    {
        var text = Edit(Sample, "          document: proof\n", "          document: proof\n          show_if: {any: [{field: name, answered: true}, {field: ghost, answered: true}]}\n");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/form/pages/0/fields/3/show_if", problem.Path);
        Assert.Contains("\"ghost\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConditionOnEarlierField_IsAccepted()
    {
        var text = Edit(Sample, "          document: proof\n", "          document: proof\n          show_if: {field: kind, in: [a]}\n");

        var load = Read(text);

        Assert.Empty(load.Problems);
        Assert.NotNull(load.Blueprint!.FindField("proof_file")!.ShowIf);
    }

    [Fact]
    public void Read_DocumentNotAskedByAnyFileField_IsReported()
    {
        var text = Edit(Sample, "fee:\n", "  - id: extra\n    label: Extra\n    types: [png]\nfee:\n");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/documents/1", problem.Path);
        Assert.Equal(LineOf(text, "- id: extra"), problem.Line);
        Assert.Contains("0 ask for it", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileFieldForUndeclaredDocument_IsReported()
    {
        var text = Edit(Sample, "document: proof", "document: passport");

        var load = Read(text);

        Assert.Contains(load.Problems, p => p.Path == "/documents" && p.Message.Contains("\"passport\"", StringComparison.Ordinal));
        Assert.Contains(load.Problems, p => p.Path == "/documents/0" && p.Message.Contains("0 ask for it", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_OutputFieldThatIsAGroup_IsReported()
    {
        var text = Edit(Sample, "fields: [name]", "fields: [name, items]");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/output/fields/1", problem.Path);
        Assert.Equal(LineOf(text, "fields: [name, items]"), problem.Line);
        Assert.Contains("group", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OutputFieldThatIsNotAQuestion_IsReported()
    {
        var text = Edit(Sample, "fields: [name]", "fields: [name, ghost]");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/output/fields/1", problem.Path);
        Assert.Contains("\"ghost\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ByAnswerOnNonChoiceField_IsReported()
    {
        var text = Edit(Sample, "field: kind", "field: name");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/fee/by_answer/field", problem.Path);
        Assert.Equal(LineOf(text, "field: name"), problem.Line);
    }

    [Fact]
    public void Read_ByAnswerAmountForUnknownOption_IsReported()
    {
        var text = Edit(Sample, "      b: 50\n", "      b: 50\n      c: 70\n");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/fee/by_answer/amounts", problem.Path);
        Assert.Contains("\"c\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PercentOfGroupMoneyField_IsAccepted()
    {
        var text = Edit(Sample, "  by_answer:\n", "  percent_of:\n    field: items.amount\n    percent: 10\n  by_answer:\n");

        var load = Read(text);

        Assert.Empty(load.Problems);
        Assert.Equal("items.amount", load.Blueprint!.Fee!.PercentOf!.Field);
    }

    [Fact]
    public void Read_PercentOfTextField_IsReported()
    {
        var text = Edit(Sample, "  by_answer:\n", "  percent_of:\n    field: name\n    percent: 10\n  by_answer:\n");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/fee/percent_of/field", problem.Path);
    }

    [Fact]
    public void Read_TerminalStateWithoutOutcome_IsReported()
    {
        var text = Edit(Sample, "      outcome: approved\n", "");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/workflow/states/1", problem.Path);
        Assert.Equal(LineOf(text, "- id: approved"), problem.Line);
        Assert.Contains("outcome", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SystemActionWithoutWhen_IsReported()
    {
        var text = Edit(Sample, "      by: [officer]\n", """
                  by: [officer]
                - id: auto
                  label: Automatic
                  from: [submitted]
                  to: approved
                  by: [system]

            """);

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/workflow/actions/1/by", problem.Path);
        Assert.Equal(LineOf(text, "by: [system]"), problem.Line);
    }

    [Fact]
    public void Read_PeopleActionWithWhen_IsReported()
    {
        var text = Edit(Sample, "      by: [officer]\n", "      by: [officer]\n      when: {field: name, answered: true}\n");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/workflow/actions/0/when", problem.Path);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsThemAll()
    {
        var text = Edit(Sample, "      outcome: approved\n", "");
        text = Edit(text, "fields: [name]", "fields: [name, items]");
        text = Edit(text, "field: kind", "field: name");
        text = Edit(text, "          required: true\n", "          required: true\n          show_if: {field: kind, equals: a}\n");

        var load = Read(text);

        Assert.Equal(
            ["/fee/by_answer/field", "/form/pages/0/fields/0/show_if", "/output/fields/1", "/workflow/states/1"],
            load.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Null(load.Blueprint);
    }

    [Fact]
    public void Read_SeveralSchemaViolations_ReportsThemAll()
    {
        var text = Edit(Sample, "version: \"1.0.0\"", "version: \"1.0\"");
        text = Edit(text, "type: choice", "type: colour");
        text += "colour: red\n";

        var load = Read(text);

        Assert.Contains(load.Problems, p => p.Path == "/version" && p.Line == 3);
        Assert.Contains(load.Problems, p => p.Path == "/form/pages/0/fields/1/type" && p.Line == LineOf(text, "type: colour"));
        Assert.Contains(load.Problems, p => p.Path == "/colour" && p.Line == LineOf(text, "colour: red"));
    }

    [Fact]
    public void Read_DuplicateKey_IsReportedOnItsLine()
    {
        var text = Edit(Sample, "agency: test-agency\n", "agency: test-agency\nagency: other-agency\n");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal(LineOf(text, "agency: other-agency"), problem.Line);
        Assert.Contains("agency", problem.Message, StringComparison.Ordinal);
        Assert.Null(load.Blueprint);
    }

    [Fact]
    public void Read_DuplicateQuestionIdsWithoutFeeOrOutput_AreReported()
    {
        var text = Edit(Sample, "- id: kind", "- id: name");
        text = text[..text.IndexOf("fee:\n", StringComparison.Ordinal)] + text[text.IndexOf("workflow:\n", StringComparison.Ordinal)..];
        text = Edit(text, "      issues: true\n", "");
        text = text[..text.IndexOf("output:\n", StringComparison.Ordinal)];

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/form/pages/0/fields/1/id", problem.Path);
        Assert.Equal(LineOf(text, "- id: name\n          type: choice"), problem.Line);
    }

    [Theory]
    [InlineData("id: x\ntags: [a\nsummary: b\n")]
    [InlineData("id: x\nitems:\n  - :\n")]
    [InlineData("- :")]
    [InlineData("id: !![\n")]
    public void Read_YamlThatYamlDotNetRejectsWithoutAYamlException_IsReportedAsInvalidYaml(string text)
    {
        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.StartsWith("This is not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.Null(load.Blueprint);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(200)]
    public void Read_DeeplyNestedValue_IsReportedAsTooDeep(int depth)
    {
        var text = "id: " + new string('[', depth) + new string(']', depth) + "\n";

        var load = Read(text);

        Assert.Contains(load.Problems, p => p.Message == "The file is nested too deeply." && p.Path.StartsWith("/id/0/0/", StringComparison.Ordinal));
        Assert.Null(load.Blueprint);
    }

    [Theory]
    [InlineData("format: 1\n", "format: 1.0\n")]
    [InlineData("summary: A sample service.\n", "summary: A sample service.\nexpected_days: 5.0\n")]
    [InlineData("          required: true\n", "          required: true\n          max_length: 30.0\n")]
    public void Read_WholeNumberWrittenWithADecimalPoint_IsAccepted(string old, string replacement)
    {
        var load = Read(Edit(Sample, old, replacement));

        Assert.Empty(load.Problems);
    }

    [Fact]
    public void Read_WholeNumberWrittenWithADecimalPoint_KeepsItsValue()
    {
        var load = Read(Edit(Sample, "summary: A sample service.\n", "summary: A sample service.\nexpected_days: 5.0\n"));

        Assert.Equal(5, load.Blueprint!.ExpectedDays);
    }

    [Theory]
    [InlineData("min_length: 10000000000", "/form/pages/0/fields/0/min_length")]
    [InlineData("min_items: 10000000000", "/form/pages/0/fields/0/min_items")]
    public void Read_NumberTooLargeForTheModel_IsReportedOnItsLine(string property, string path)
    {
        var text = Edit(Sample, "          required: true\n", $"          required: true\n          {property}\n");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal(path, problem.Path);
        Assert.Equal(LineOf(text, property), problem.Line);
    }

    [Fact]
    public void Read_DuplicateQuestionIdsWithFeeAndOutput_AreReportedNotThrown()
    {
        var text = Edit(Sample, "- id: kind", "- id: name");

        var load = Read(text);

        Assert.Contains(load.Problems, p => p.Path == "/form/pages/0/fields/1/id" && p.Message.Contains("\"name\"", StringComparison.Ordinal));
        Assert.Null(load.Blueprint);
    }

    [Fact]
    public void Read_DuplicateQuestionIdsWithATranslation_AreReportedNotThrown()
    {
        var text = Edit(Sample, "- id: kind", "- id: name");
        text = text[..text.IndexOf("fee:\n", StringComparison.Ordinal)] + text[text.IndexOf("workflow:\n", StringComparison.Ordinal)..];

        var load = Read(text, ("blueprint.fr.yaml", "language: fr\ntitle: Exemple\n"));

        Assert.Contains(load.Problems, p => p.Path == "/form/pages/0/fields/1/id");
        Assert.Null(load.Blueprint);
    }

    [Fact]
    public void Read_DuplicateQuestionIdsInAGroupWithAFee_AreReportedNotThrown()
    {
        var text = Edit(Sample, "              label: Amount\n", "              label: Amount\n            - id: amount\n              type: money\n              label: Amount again\n");

        var load = Read(text);

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/form/pages/0/fields/2/fields/1/id", problem.Path);
        Assert.Contains("\"amount\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TranslationWithUnknownKeys_ReportsEachKey()
    {
        var french = Edit(FrenchSample, "fields:\n  name:", "fields:\n  ghost: {label: Fantôme}\n  name:");
        french = Edit(french, "      a: Un\n", "      a: Un\n      c: Trois\n");
        french = Edit(french, "  submitted: Envoyé\n", "  submitted: Envoyé\n  nowhere: Nulle part\n");

        var load = Read(Sample, ("blueprint.fr.yaml", french));

        Assert.Equal(3, load.Problems.Count);
        Assert.All(load.Problems, p => Assert.Equal("sample/blueprint.fr.yaml", p.File));
        var ghost = Assert.Single(load.Problems, p => p.Path == "/fields/ghost");
        Assert.Equal(LineOf(french, "ghost: {label"), ghost.Line);
        var option = Assert.Single(load.Problems, p => p.Path == "/fields/kind/options/c");
        Assert.Equal(LineOf(french, "c: Trois"), option.Line);
        var state = Assert.Single(load.Problems, p => p.Path == "/states/nowhere");
        Assert.Equal(LineOf(french, "nowhere: Nulle part"), state.Line);
        Assert.Null(load.Blueprint);
    }

    [Fact]
    public void Read_TranslationViolatingItsSchema_IsReported()
    {
        var french = FrenchSample + "colour: rouge\n";

        var load = Read(Sample, ("blueprint.fr.yaml", french));

        var problem = Assert.Single(load.Problems);
        Assert.Equal("sample/blueprint.fr.yaml", problem.File);
        Assert.Equal("/colour", problem.Path);
        Assert.Equal(LineOf(french, "colour: rouge"), problem.Line);
    }

    [Fact]
    public void Read_TranslationNamedForAnotherLanguage_IsReported()
    {
        var spanish = Edit(FrenchSample, "language: fr", "language: es");

        var load = Read(Sample, ("blueprint.fr.yaml", spanish));

        var problem = Assert.Single(load.Problems);
        Assert.Equal("sample/blueprint.fr.yaml", problem.File);
        Assert.Equal("/language", problem.Path);
        Assert.Equal(1, problem.Line);
        Assert.Contains("blueprint.es.yaml", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TranslationIntoTheBlueprintsOwnLanguage_IsReported()
    {
        var english = Edit(FrenchSample, "language: fr", "language: en");

        var load = Read(Sample, ("blueprint.en.yaml", english));

        var problem = Assert.Single(load.Problems);
        Assert.Equal("/language", problem.Path);
        Assert.Contains("\"en\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Problem_IsFileLinePathMessage()
    {
        var problem = new BlueprintProblem("svc/blueprint.yaml", 12, "/workflow/actions/0/to", "Something is wrong.");

        Assert.Equal("svc/blueprint.yaml:12: /workflow/actions/0/to: Something is wrong.", problem.ToString());
    }

    [Fact]
    public void ToString_ProblemAtTheRoot_ShowsASlash()
    {
        var problem = new BlueprintProblem("blueprint.yaml", 1, "", "The file is empty.");

        Assert.Equal("blueprint.yaml:1: /: The file is empty.", problem.ToString());
    }

    [Fact]
    public void ToString_ReportedProblem_NamesLabelledFile()
    {
        var text = Edit(Sample, "to: approved", "to: nowhere");

        var load = Read(text);

        var problem = Assert.Single(load.Problems, p => p.Path == "/workflow/actions/0/to");
        Assert.Equal($"sample/blueprint.yaml:{LineOf(text, "to: nowhere")}: /workflow/actions/0/to: {problem.Message}", problem.ToString());
    }

    public static TheoryData<string> ShippedNames() => [.. ShippedBlueprints.Names];

    internal static BlueprintLoad Read(string main, params (string Name, string Text)[] others)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal) { [BlueprintReader.FileName] = main };
        foreach (var (name, text) in others)
        {
            files[name] = text;
        }

        return BlueprintReader.Read(files, "sample");
    }

    internal static string Edit(string text, string old, string replacement)
    {
        var first = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(first >= 0, $"\"{old}\" is not in the text.");
        Assert.True(text.IndexOf(old, first + 1, StringComparison.Ordinal) < 0, $"\"{old}\" is in the text more than once.");
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }

    internal static int LineOf(string text, string fragment)
    {
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.True(index >= 0, $"\"{fragment}\" is not in the text.");
        return text.AsSpan(0, index).Count('\n') + 1;
    }

    [Fact]
    public void Read_AliasExpansionBomb_IsRefusedCheaply()
    {
        var text = new System.Text.StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 7; level++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var load = Read(text.ToString());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(load.Problems, p => p.Message.Contains("anchors and aliases", StringComparison.Ordinal));
        Assert.True(allocated < 20_000_000, $"Reading a {text.Length}-character file allocated {allocated:N0} bytes.");
    }
}

internal static class ShippedBlueprints
{
    public static readonly IReadOnlyList<string> Names =
    [
        "birth-registration",
        "building-permit",
        "business-licence",
        "customs-import",
        "grievance",
        "information-request",
        "official-memo",
        "residence-certificate",
        "social-assistance",
    ];

    private static readonly ConcurrentDictionary<string, Blueprint> Loaded = new(StringComparer.Ordinal);

    public static Blueprint Load(string name) =>
        Loaded.GetOrAdd(name, n => BlueprintReader.ReadFolder(Path.Combine(Repository.Root, "blueprints", n)).Blueprint
            ?? throw new InvalidOperationException($"The shipped blueprint {n} does not read."));
}
