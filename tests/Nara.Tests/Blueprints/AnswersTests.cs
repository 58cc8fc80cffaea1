using System.Globalization;
using System.Text.Json.Nodes;
using Nara.Blueprints;

namespace Nara.Tests.Blueprints;

public sealed class AnswersTests
{
    private const string CarService = """
        format: 1
        id: car-service
        version: "1.0.0"
        agency: transport
        title: Car service
        summary: Tell us about your car.
        form:
          pages:
            - id: you
              title: You
              fields:
                - id: has_car
                  type: yes-no
                  label: Do you have a car?
                  required: true
                - id: licence_file
                  type: file
                  label: Upload your driving licence
                  document: driving-licence
            - id: car
              title: Your car
              show_if: {field: has_car, equals: true}
              fields:
                - id: plate
                  type: text
                  label: Plate number
                  required: true
        documents:
          - id: driving-licence
            label: Driving licence
            required: true
            types: [pdf]
            show_if: {field: has_car, equals: true}
        workflow:
          initial: submitted
          states:
            - id: submitted
              label: Submitted
            - id: done
              label: Done
              terminal: true
              outcome: approved
          actions:
            - id: finish
              label: Finish
              from: [submitted]
              to: done
              by: [officer]

        """;

    private static readonly IReadOnlySet<string> Regions = new HashSet<string>(StringComparer.Ordinal) { "north", "south" };

    private static readonly IReadOnlySet<string> NoDocuments = new HashSet<string>(StringComparer.Ordinal);

    [Theory]
    [InlineData("42", "42")]
    [InlineData(" -3.5 ", "-3.5")]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("12 000", "12000")]
    public void Read_Number_ParsesInvariantNumbers(string typed, string expected)
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Number), [typed], Regions);

        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData("12,5.3.1")]
    [InlineData("$5")]
    public void Read_NotANumber_IsRefused(string typed)
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Number), [typed], Regions);

        Assert.Null(value);
        Assert.Equal(new AnswerError("q", "not-a-number"), error);
    }

    [Theory]
    [InlineData("-1", "too-small", "0")]
    [InlineData("100.5", "too-large", "100")]
    public void Read_NumberOutsideMinMax_IsRefusedWithTheLimit(string typed, string code, string limit)
    {
        var field = Field(FieldTypes.Number, min: 0, max: 100);

        var (value, error) = Answers.Read(field, [typed], Regions);

        Assert.Equal(new AnswerError("q", code, limit), error);
        Assert.Equal(decimal.Parse(typed, CultureInfo.InvariantCulture), value!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100")]
    public void Read_NumberOnTheLimit_IsAccepted(string typed)
    {
        var (_, error) = Answers.Read(Field(FieldTypes.Number, min: 0, max: 100), [typed], Regions);

        Assert.Null(error);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("-0.01")]
    [InlineData("10.125")]
    [InlineData("ten")]
    public void Read_MoneyNegativeOrWithThreeDecimals_IsRefused(string typed)
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Money), [typed], Regions);

        Assert.Null(value);
        Assert.Equal(new AnswerError("q", "not-money"), error);
    }

    [Theory]
    [InlineData("10.25", "10.25")]
    [InlineData("5,000", "5000")]
    [InlineData("0", "0")]
    public void Read_Money_IsAccepted(string typed, string expected)
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Money), [typed], Regions);

        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("2026-03-05")]
    [InlineData("5/3/2026")]
    [InlineData("05/03/2026")]
    [InlineData("5-3-2026")]
    [InlineData("5.3.2026")]
    [InlineData("5 3 2026")]
    public void Read_Date_IsStoredAsIsoDate(string typed)
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Date), [typed], Regions);

        Assert.Null(error);
        Assert.Equal("2026-03-05", value!.GetValue<string>());
    }

    [Theory]
    [InlineData("2026-02-29")]
    [InlineData("31/4/2026")]
    [InlineData("2026/03/05")]
    [InlineData("5/3/26")]
    [InlineData("tomorrow")]
    public void Read_InvalidDate_IsRefused(string typed)
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Date), [typed], Regions);

        Assert.Null(value);
        Assert.Equal(new AnswerError("q", "not-a-date"), error);
    }

    [Fact]
    public void Read_LeapDay_IsAccepted()
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Date), ["29/2/2028"], Regions);

        Assert.Null(error);
        Assert.Equal("2028-02-29", value!.GetValue<string>());
    }

    [Fact]
    public void Read_ChoiceNotAnOption_IsRefused()
    {
        var (value, error) = Answers.Read(Choice(), ["c"], Regions);

        Assert.Null(value);
        Assert.Equal(new AnswerError("q", "not-an-option"), error);
    }

    [Fact]
    public void Read_ChoiceOption_IsTrimmedAndAccepted()
    {
        var (value, error) = Answers.Read(Choice(), [" b "], Regions);

        Assert.Null(error);
        Assert.Equal("b", value!.GetValue<string>());
    }

    [Fact]
    public void Read_MultiChoice_KeepsDistinctOptions()
    {
        var field = Choice(FieldTypes.MultiChoice);

        var (value, error) = Answers.Read(field, ["a", " b", "a", " "], Regions);

        Assert.Null(error);
        Assert.Equal(["a", "b"], value!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void Read_MultiChoiceWithAnUnknownOption_IsRefused()
    {
        var (value, error) = Answers.Read(Choice(FieldTypes.MultiChoice), ["a", "z"], Regions);

        Assert.Null(value);
        Assert.Equal("not-an-option", error!.Code);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("true", true)]
    [InlineData("no", false)]
    [InlineData("false", false)]
    public void Read_YesNo_IsABoolean(string typed, bool expected)
    {
        var (value, error) = Answers.Read(Field(FieldTypes.YesNo), [typed], Regions);

        Assert.Null(error);
        Assert.Equal(expected, value!.GetValue<bool>());
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("1")]
    public void Read_YesNoOtherText_IsRefused(string typed)
    {
        var (value, error) = Answers.Read(Field(FieldTypes.YesNo), [typed], Regions);

        Assert.Null(value);
        Assert.Equal("not-an-option", error!.Code);
    }

    [Fact]
    public void Read_Email_IsLowerCased()
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Email), [" Awa.Diop@Example.ORG "], Regions);

        Assert.Null(error);
        Assert.Equal("awa.diop@example.org", value!.GetValue<string>());
    }

    [Theory]
    [InlineData("awa")]
    [InlineData("awa@localhost")]
    [InlineData("Awa <awa@example.org>")]
    [InlineData("awa@@example.org")]
    [InlineData("awa example@example.org")]
    public void Read_InvalidEmail_IsRefused(string typed)
    {
        var (_, error) = Answers.Read(Field(FieldTypes.Email), [typed], Regions);

        Assert.Equal("not-an-email", error!.Code);
    }

    [Theory]
    [InlineData("+221 77 123-45-67", "+221771234567")]
    [InlineData("(033) 821 00 00", "0338210000")]
    [InlineData("1234567", "1234567")]
    public void Read_Phone_IsNormalisedToDigits(string typed, string expected)
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Phone), [typed], Regions);

        Assert.Null(error);
        Assert.Equal(expected, value!.GetValue<string>());
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("+1234567890123456")]
    [InlineData("call 77 123 45 67")]
    [InlineData("77.123.45.67")]
    public void Read_InvalidPhone_IsRefused(string typed)
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Phone), [typed], Regions);

        Assert.Null(value);
        Assert.Equal(new AnswerError("q", "not-a-phone"), error);
    }

    [Fact]
    public void Read_TextNotMatchingPattern_IsRefusedWithPatternCode()
    {
        var field = Field(FieldTypes.NationalId, pattern: "^[0-9]{9}$");

        var (value, error) = Answers.Read(field, ["12345678"], Regions);

        Assert.Equal(new AnswerError("q", "pattern"), error);
        Assert.Equal("12345678", value!.GetValue<string>());
    }

    [Fact]
    public void Read_PatternWithoutAnchors_MustMatchTheWholeAnswer()
    {
        var field = Field(FieldTypes.Text, pattern: "[0-9]{3}");

        var (_, tooMany) = Answers.Read(field, ["1234"], Regions);
        var (_, exact) = Answers.Read(field, ["123"], Regions);

        Assert.Equal("pattern", tooMany!.Code);
        Assert.Null(exact);
    }

    [Fact]
    public void Read_TextMatchingPattern_IsAccepted()
    {
        var (value, error) = Answers.Read(Field(FieldTypes.NationalId, pattern: "^[0-9]{9}$"), ["123456789"], Regions);

        Assert.Null(error);
        Assert.Equal("123456789", value!.GetValue<string>());
    }

    [Fact]
    public void Read_TextLongerThanMaxLength_IsRefusedAndCut()
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Text, maxLength: 5), ["abcdefg"], Regions);

        Assert.Equal(new AnswerError("q", "too-long", "5"), error);
        Assert.Equal("abcde", value!.GetValue<string>());
    }

    [Theory]
    [InlineData(FieldTypes.Text, Answers.DefaultTextLength)]
    [InlineData(FieldTypes.LongText, Answers.DefaultLongTextLength)]
    public void Read_TextWithoutMaxLength_UsesTheDefaultLimit(string type, int limit)
    {
        var field = Field(type);

        var (_, atLimit) = Answers.Read(field, [new string('x', limit)], Regions);
        var (_, overLimit) = Answers.Read(field, [new string('x', limit + 1)], Regions);

        Assert.Null(atLimit);
        Assert.Equal(new AnswerError("q", "too-long", limit.ToString(CultureInfo.InvariantCulture)), overLimit);
    }

    [Fact]
    public void Read_TextShorterThanMinLength_IsRefused()
    {
        var (_, error) = Answers.Read(Field(FieldTypes.Text, minLength: 3), ["ab"], Regions);

        Assert.Equal(new AnswerError("q", "too-short", "3"), error);
    }

    [Fact]
    public void Read_Region_MustBeAKnownRegion()
    {
        var (known, knownError) = Answers.Read(Field(FieldTypes.Region), ["north"], Regions);
        var (unknown, unknownError) = Answers.Read(Field(FieldTypes.Region), ["west"], Regions);

        Assert.Null(knownError);
        Assert.Equal("north", known!.GetValue<string>());
        Assert.Null(unknown);
        Assert.Equal("not-a-region", unknownError!.Code);
    }

    [Fact]
    public void Read_TwoAnswersToASingleQuestion_IsRefused()
    {
        var (value, error) = Answers.Read(Field(FieldTypes.Text), ["a", "b"], Regions);

        Assert.Null(value);
        Assert.Equal("one-answer", error!.Code);
    }

    [Theory]
    [InlineData(FieldTypes.Number)]
    [InlineData(FieldTypes.Date)]
    [InlineData(FieldTypes.Email)]
    [InlineData(FieldTypes.Text)]
    public void Read_Blank_IsNoAnswerAndNoError(string type)
    {
        var (value, error) = Answers.Read(Field(type), ["   "], Regions);

        Assert.Null(value);
        Assert.Null(error);
    }

    [Fact]
    public void ReadPage_Group_DropsEmptyRowsAndReportsRowErrors()
    {
        var page = GoodsPage(minItems: 2);
        var input = Input(new()
        {
            ["goods[0].description"] = "Shirts",
            ["goods[0].value"] = "100",
            ["goods[1].description"] = "Shoes",
            ["goods[1].value"] = "abc",
            ["goods[2].description"] = "  ",
            ["goods[3].value"] = "250.50",
        });
        var answers = new JsonObject();

        var errors = Answers.ReadPage(page, input, answers, Regions);

        Assert.Equal(
            [new AnswerError("goods[1].value", "not-money"), new AnswerError("goods[3].description", "required")],
            errors);
        var items = answers["goods"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.Equal("Shirts", items[0]!["description"]!.GetValue<string>());
        Assert.Equal(250.50m, items[2]!["value"]!.GetValue<decimal>());
    }

    [Fact]
    public void ReadPage_GroupWithFewerItemsThanMinItems_IsRefused()
    {
        var input = Input(new() { ["goods[0].description"] = "Shirts", ["goods[0].value"] = "100" });
        var answers = new JsonObject();

        var errors = Answers.ReadPage(GoodsPage(minItems: 2), input, answers, Regions);

        Assert.Equal([new AnswerError("goods", "too-few-items", "2")], errors);
        Assert.Single(answers["goods"]!.AsArray());
    }

    [Fact]
    public void ReadPage_RequiredGroupWithNothingTyped_IsRequired()
    {
        var answers = new JsonObject();

        var errors = Answers.ReadPage(GoodsPage(minItems: null), Input(new()), answers, Regions);

        Assert.Equal([new AnswerError("goods", "required")], errors);
        Assert.Empty(answers["goods"]!.AsArray());
    }

    [Fact]
    public void ReadPage_GroupRowsBeyondMaxItems_AreIgnored()
    {
        var input = Input(new()
        {
            ["goods[0].description"] = "A",
            ["goods[0].value"] = "1",
            ["goods[1].description"] = "B",
            ["goods[1].value"] = "2",
            ["goods[2].description"] = "C",
            ["goods[2].value"] = "3",
        });
        var answers = new JsonObject();

        var errors = Answers.ReadPage(GoodsPage(minItems: null, maxItems: 2), input, answers, Regions);

        Assert.Empty(errors);
        Assert.Equal(["A", "B"], answers["goods"]!.AsArray().Select(i => i!["description"]!.GetValue<string>()));
    }

    [Fact]
    public void ReadPage_HiddenQuestion_RemovesItsAnswer()
    {
        var page = ShippedBlueprints.Load("birth-registration").Form.Pages.Single(p => p.Id == "place-of-birth");
        var answers = new JsonObject { ["health_facility_name"] = "Old hospital", ["place_of_birth_other"] = "Old place" };

        var errors = Answers.ReadPage(page, Input(new() { ["place_of_birth"] = "home", ["birth_region"] = "north" }), answers, Regions);

        Assert.Empty(errors);
        Assert.False(answers.ContainsKey("health_facility_name"));
        Assert.False(answers.ContainsKey("place_of_birth_other"));
        Assert.Equal("home", answers["place_of_birth"]!.GetValue<string>());
    }

    [Fact]
    public void ReadPage_ShownRequiredQuestionLeftBlank_IsRequired()
    {
        var page = ShippedBlueprints.Load("birth-registration").Form.Pages.Single(p => p.Id == "place-of-birth");
        var answers = new JsonObject { ["place_of_birth_other"] = "Old place" };

        var errors = Answers.ReadPage(page, Input(new() { ["place_of_birth"] = "hospital", ["birth_region"] = "north" }), answers, Regions);

        Assert.Equal([new AnswerError("health_facility_name", "required")], errors);
        Assert.False(answers.ContainsKey("place_of_birth_other"));
    }

    [Fact]
    public void CheckComplete_NothingAnswered_ListsEveryVisibleRequiredQuestion()
    {
        var blueprint = ShippedBlueprints.Load("birth-registration");

        var errors = Answers.CheckComplete(blueprint, new JsonObject(), Regions, NoDocuments);

        Assert.All(errors, e => Assert.Equal("required", e.Code));
        Assert.Equal(
            [
                "birth_region", "child_date_of_birth", "child_name", "child_sex", "hospital_notification", "informant_phone",
                "informant_relation", "mother_name", "mother_national_id", "parents_married", "place_of_birth", "registration_timing",
            ],
            errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CheckComplete_AllAnswered_HasNoErrors()
    {
        var blueprint = ShippedBlueprints.Load("birth-registration");
        var answers = CompleteBirthAnswers(blueprint, "hospital");

        var errors = Answers.CheckComplete(blueprint, answers, Regions, new HashSet<string>(StringComparer.Ordinal) { "hospital-birth-notification" });

        Assert.Empty(errors);
    }

    [Fact]
    public void CheckComplete_RequiredDocumentNotUploaded_IsRequired()
    {
        var blueprint = ShippedBlueprints.Load("birth-registration");
        var answers = CompleteBirthAnswers(blueprint, "hospital");

        var errors = Answers.CheckComplete(blueprint, answers, Regions, NoDocuments);

        Assert.Equal([new AnswerError("hospital_notification", "required")], errors);
    }

    [Fact]
    public void CheckComplete_DocumentHiddenByItsCondition_IsNotRequired()
    {
        var blueprint = ShippedBlueprints.Load("birth-registration");
        var answers = CompleteBirthAnswers(blueprint, "home");

        var errors = Answers.CheckComplete(blueprint, answers, Regions, NoDocuments);

        Assert.Empty(errors);
    }

    [Fact]
    public void CheckComplete_StoredAnswerNoLongerValid_IsReported()
    {
        var blueprint = ShippedBlueprints.Load("birth-registration");
        var answers = CompleteBirthAnswers(blueprint, "home");
        answers["mother_national_id"] = "12";
        answers["birth_region"] = "atlantis";

        var errors = Answers.CheckComplete(blueprint, answers, Regions, NoDocuments);

        Assert.Equal([new AnswerError("birth_region", "not-a-region"), new AnswerError("mother_national_id", "pattern")], errors.OrderBy(e => e.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void CheckComplete_OptionalUploadOfRequiredDocument_FollowsTheDocumentsCondition()
    {
        var blueprint = CarBlueprint();
        var noCar = new JsonObject { ["has_car"] = false };
        var car = new JsonObject { ["has_car"] = true, ["plate"] = "AB-123" };
        var licence = new HashSet<string>(StringComparer.Ordinal) { "driving-licence" };

        var withoutCar = Answers.CheckComplete(blueprint, noCar, Regions, NoDocuments);
        var withCar = Answers.CheckComplete(blueprint, car, Regions, NoDocuments);
        var withCarAndLicence = Answers.CheckComplete(blueprint, car, Regions, licence);

        Assert.Empty(withoutCar);
        Assert.Equal([new AnswerError("licence_file", "required")], withCar);
        Assert.Empty(withCarAndLicence);
    }

    [Fact]
    public void CheckComplete_QuestionOnHiddenPage_IsNotRequired()
    {
        var blueprint = CarBlueprint();
        var licence = new HashSet<string>(StringComparer.Ordinal) { "driving-licence" };

        var hidden = Answers.CheckComplete(blueprint, new JsonObject { ["has_car"] = false }, Regions, NoDocuments);
        var shown = Answers.CheckComplete(blueprint, new JsonObject { ["has_car"] = true }, Regions, licence);

        Assert.DoesNotContain(hidden, e => e.Path == "plate");
        Assert.Equal([new AnswerError("plate", "required")], shown);
    }

    [Fact]
    public void CheckComplete_GroupItems_AreCheckedAgain()
    {
        var blueprint = ShippedBlueprints.Load("customs-import");
        var goodsPage = blueprint.Form.Pages.Single(p => p.Id == "goods");
        var answers = new JsonObject();
        Answers.ReadPage(goodsPage, Input(new() { ["goods[0].description"] = "Cotton shirts", ["goods[0].hs_code"] = "12" }), answers, Regions);

        var errors = Answers.CheckComplete(blueprint, answers, Regions, NoDocuments);

        Assert.Contains(new AnswerError("goods[0].hs_code", "pattern"), errors);
        Assert.Contains(new AnswerError("goods[0].quantity", "required"), errors);
        Assert.Contains(new AnswerError("goods[0].value", "required"), errors);
    }

    [Fact]
    public void DropHidden_AnswersToHiddenQuestionsAndPages_AreRemoved()
    {
        var blueprint = CarBlueprint();
        var answers = new JsonObject { ["has_car"] = false, ["plate"] = "AB-123" };

        Answers.DropHidden(blueprint, answers);

        Assert.False(answers.ContainsKey("plate"));
        Assert.False(answers["has_car"]!.GetValue<bool>());
    }

    [Fact]
    public void DropHidden_VisibleAnswers_AreKept()
    {
        var blueprint = ShippedBlueprints.Load("birth-registration");
        var answers = new JsonObject
        {
            ["place_of_birth"] = "hospital",
            ["health_facility_name"] = "Central hospital",
            ["place_of_birth_other"] = "A bus",
            ["informant_relation"] = "mother",
            ["informant_name"] = "Awa",
        };

        Answers.DropHidden(blueprint, answers);

        Assert.Equal(["health_facility_name", "informant_relation", "place_of_birth"], answers.Select(a => a.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IsAnswered_BlankTextAndEmptyList_AreNotAnswers()
    {
        Assert.False(Answers.IsAnswered(null));
        Assert.False(Answers.IsAnswered(JsonValue.Create("  ")));
        Assert.False(Answers.IsAnswered(new JsonArray()));
        Assert.True(Answers.IsAnswered(JsonValue.Create(false)));
        Assert.True(Answers.IsAnswered(JsonValue.Create(0m)));
        Assert.True(Answers.IsAnswered(new JsonArray(JsonValue.Create("a"))));
    }

    private static FieldSpec Field(string type, decimal? min = null, decimal? max = null, int? minLength = null, int? maxLength = null, string? pattern = null) =>
        new() { Id = "q", Type = type, Label = "Question", Min = min, Max = max, MinLength = minLength, MaxLength = maxLength, Pattern = pattern };

    private static FieldSpec Choice(string type = FieldTypes.Choice) =>
        new() { Id = "q", Type = type, Label = "Question", Options = [new OptionSpec("a", "A"), new OptionSpec("b", "B")] };

    private static PageSpec GoodsPage(int? minItems, int? maxItems = null) => new()
    {
        Id = "goods",
        Title = "Goods",
        Fields =
        [
            new FieldSpec
            {
                Id = "goods",
                Type = FieldTypes.Group,
                Label = "Goods",
                Required = true,
                MinItems = minItems,
                MaxItems = maxItems,
                Fields =
                [
                    new FieldSpec { Id = "description", Type = FieldTypes.Text, Label = "Description", Required = true },
                    new FieldSpec { Id = "value", Type = FieldTypes.Money, Label = "Value", Required = true, Min = 0 },
                ],
            },
        ],
    };

    private static Func<string, IReadOnlyList<string>> Input(Dictionary<string, string> typed) =>
        key => typed.TryGetValue(key, out var value) ? [value] : [];

    private static Blueprint CarBlueprint()
    {
        var load = BlueprintReaderTests.Read(CarService);
        Assert.Empty(load.Problems);
        return load.Blueprint!;
    }

    private static JsonObject CompleteBirthAnswers(Blueprint blueprint, string placeOfBirth)
    {
        var typed = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["child_name"] = "Aminata Diop",
            ["child_sex"] = "female",
            ["child_date_of_birth"] = "27/3/2026",
            ["registration_timing"] = "within",
            ["place_of_birth"] = placeOfBirth,
            ["health_facility_name"] = "Central hospital",
            ["birth_region"] = "south",
            ["mother_name"] = "Fatou Diop",
            ["mother_national_id"] = "123456789",
            ["parents_married"] = "yes",
            ["informant_relation"] = "mother",
            ["informant_phone"] = "+221 77 123 45 67",
        };
        var answers = new JsonObject();
        foreach (var page in blueprint.Form.Pages)
        {
            Assert.Empty(Answers.ReadPage(page, Input(typed), answers, Regions));
        }

        return answers;
    }
}
