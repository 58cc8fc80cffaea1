using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Nara.Blueprints;

namespace Nara.Tests.Blueprints;

public sealed partial class FeesAndWorkflowTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static readonly IReadOnlySet<string> Officer = Roles(WorkflowRoles.Officer);
    private static readonly IReadOnlySet<string> Supervisor = Roles(WorkflowRoles.Supervisor);
    private static readonly IReadOnlySet<string> Applicant = Roles(WorkflowRoles.Applicant);

    private static readonly DateOnly Friday = new(2026, 11, 27);
    private static readonly DateOnly Saturday = new(2026, 11, 28);
    private static readonly DateOnly Monday = new(2026, 11, 30);
    private static readonly DateOnly Tuesday = new(2026, 12, 1);

    [Fact]
    public void Quote_PercentOfGroup_AddsRoundedDutyToTheBase()
    {
        var blueprint = ShippedBlueprints.Load("customs-import");
        var answers = Json("""{"importer_is_diplomatic": false, "goods": [{"value": 1000.10}, {"value": 2000.15}]}""");

        var quote = Fees.Quote(blueprint, answers)!;

        Assert.Equal("XOF", quote.Currency);
        Assert.Equal([new FeeLine("base", 5000m), new FeeLine("percent", 300.03m)], quote.Lines);
        Assert.Equal(5300.03m, quote.Amount);
        Assert.True(quote.IsDue);
        Assert.Null(quote.Exemption);
    }

    [Fact]
    public void Quote_PercentOfGroupReadFromTheForm_SumsEveryItem()
    {
        var blueprint = ShippedBlueprints.Load("customs-import");
        var page = blueprint.Form.Pages.Single(p => p.Id == "goods");
        var typed = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["goods[0].description"] = "Shirts",
            ["goods[0].hs_code"] = "610910",
            ["goods[0].quantity"] = "100",
            ["goods[0].value"] = "1,000.05",
            ["goods[1].description"] = "Shoes",
            ["goods[1].hs_code"] = "640399",
            ["goods[1].quantity"] = "20",
            ["goods[1].value"] = "250",
        };
        var answers = new JsonObject();
        Assert.Empty(Answers.ReadPage(page, key => typed.TryGetValue(key, out var v) ? [v] : [], answers, new HashSet<string>(StringComparer.Ordinal)));

        var quote = Fees.Quote(blueprint, answers)!;

        Assert.Equal(125.01m, Assert.Single(quote.Lines, l => l.Kind == "percent").Amount);
        Assert.Equal(5125.01m, quote.Amount);
    }

    [Fact]
    public void Quote_NoGoods_IsOnlyTheBase()
    {
        var quote = Fees.Quote(ShippedBlueprints.Load("customs-import"), Json("""{"importer_is_diplomatic": false}"""))!;

        Assert.Equal([new FeeLine("base", 5000m)], quote.Lines);
        Assert.Equal(5000m, quote.Amount);
    }

    [Fact]
    public void Quote_Exemption_ZeroesTheAmountAndSaysWhy()
    {
        var blueprint = ShippedBlueprints.Load("customs-import");
        var answers = Json("""{"importer_is_diplomatic": true, "goods": [{"value": 1000.10}, {"value": 2000.15}]}""");

        var quote = Fees.Quote(blueprint, answers)!;

        Assert.Equal(0m, quote.Amount);
        Assert.False(quote.IsDue);
        Assert.Equal("diplomatic", quote.Exemption!.Id);
        Assert.Equal(5300.03m, quote.Lines.Sum(l => l.Amount));
    }

    [Theory]
    [InlineData("food", 35000)]
    [InlineData("shop", 25000)]
    public void Quote_ByAnswer_AddsTheChosenAmount(string activity, int expected)
    {
        var quote = Fees.Quote(ShippedBlueprints.Load("business-licence"), new JsonObject { ["business_activity"] = activity })!;

        Assert.Equal(expected, quote.Amount);
        Assert.Equal(25000m, Assert.Single(quote.Lines, l => l.Kind == "base").Amount);
        Assert.Equal(activity == "food" ? 2 : 1, quote.Lines.Count);
    }

    [Theory]
    [InlineData("within", 0)]
    [InlineData("late", 2000)]
    public void Quote_FreeBaseWithByAnswer_IsDueOnlyWhenLate(string timing, int expected)
    {
        var quote = Fees.Quote(ShippedBlueprints.Load("birth-registration"), new JsonObject { ["registration_timing"] = timing })!;

        Assert.Equal(expected, quote.Amount);
        Assert.Equal(expected > 0, quote.IsDue);
        Assert.DoesNotContain(quote.Lines, l => l.Kind == "base");
    }

    [Fact]
    public void Quote_BlueprintWithoutFee_IsNull()
    {
        Assert.Null(Fees.Quote(ShippedBlueprints.Load("residence-certificate"), new JsonObject()));
    }

    [Fact]
    public void Available_OfficerInAssessment_SeesOnlyTheirActionsFromThatState()
    {
        var blueprint = ShippedBlueprints.Load("customs-import");

        var actions = WorkflowEngine.Available(blueprint, "assessment", Officer);

        Assert.Equal(["request-information", "order-inspection", "send-for-decision"], actions.Select(a => a.Id));
    }

    [Fact]
    public void Available_SeveralRoles_SeesTheUnion()
    {
        var blueprint = ShippedBlueprints.Load("customs-import");

        var actions = WorkflowEngine.Available(blueprint, "assessment", Roles(WorkflowRoles.Officer, WorkflowRoles.Applicant));

        Assert.Equal(["request-information", "order-inspection", "send-for-decision", "withdraw"], actions.Select(a => a.Id));
    }

    [Fact]
    public void Available_SystemActions_AreNeverOffered()
    {
        var blueprint = ShippedBlueprints.Load("residence-certificate");

        var actions = WorkflowEngine.Available(blueprint, "submitted", Roles(WorkflowRoles.System, WorkflowRoles.Officer, WorkflowRoles.Applicant));

        Assert.Equal(["start-review", "withdraw"], actions.Select(a => a.Id));
    }

    [Fact]
    public void Apply_AllowedAction_MovesToItsTarget()
    {
        var blueprint = ShippedBlueprints.Load("customs-import");

        var result = WorkflowEngine.Apply(blueprint, "lodged", "start-assessment", Officer, null, hasDocument: false);

        Assert.True(result.Succeeded);
        Assert.Equal("assessment", result.NewState);
        Assert.Equal("start-assessment", result.Action!.Id);
    }

    [Fact]
    public void Apply_UnknownAction_IsRefused()
    {
        var result = WorkflowEngine.Apply(ShippedBlueprints.Load("customs-import"), "lodged", "teleport", Officer, null, hasDocument: false);

        Assert.Equal("unknown-action", result.Refusal);
        Assert.False(result.Succeeded);
        Assert.Null(result.NewState);
        Assert.Null(result.Action);
    }

    [Fact]
    public void Apply_ActionFromAnotherState_IsRefused()
    {
        var result = WorkflowEngine.Apply(ShippedBlueprints.Load("customs-import"), "lodged", "release", Supervisor, null, hasDocument: false);

        Assert.Equal("not-in-this-state", result.Refusal);
        Assert.Equal("release", result.Action!.Id);
    }

    [Fact]
    public void Apply_ActionOfAnotherRole_IsRefused()
    {
        var result = WorkflowEngine.Apply(ShippedBlueprints.Load("customs-import"), "lodged", "start-assessment", Applicant, null, hasDocument: false);

        Assert.Equal("not-your-action", result.Refusal);
    }

    [Fact]
    public void Apply_SystemActionByAPerson_IsRefused()
    {
        var result = WorkflowEngine.Apply(ShippedBlueprints.Load("residence-certificate"), "submitted", "issue-automatically", Roles(WorkflowRoles.System), null, hasDocument: false);

        Assert.Equal("not-your-action", result.Refusal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Apply_RequiredCommentMissing_IsRefused(string? comment)
    {
        var result = WorkflowEngine.Apply(ShippedBlueprints.Load("customs-import"), "assessment", "request-information", Officer, comment, hasDocument: false);

        Assert.Equal("comment-required", result.Refusal);
    }

    [Fact]
    public void Apply_CommentTooLong_IsRefused()
    {
        var blueprint = ShippedBlueprints.Load("customs-import");

        var longest = WorkflowEngine.Apply(blueprint, "assessment", "request-information", Officer, new string('a', WorkflowEngine.MaxCommentLength), hasDocument: false);
        var tooLong = WorkflowEngine.Apply(blueprint, "assessment", "request-information", Officer, new string('a', WorkflowEngine.MaxCommentLength + 1), hasDocument: false);

        Assert.True(longest.Succeeded);
        Assert.Equal("comment-too-long", tooLong.Refusal);
    }

    [Fact]
    public void Apply_InTerminalState_IsRefusedAsClosed()
    {
        var result = WorkflowEngine.Apply(ShippedBlueprints.Load("customs-import"), "released", "withdraw", Applicant, null, hasDocument: false);

        Assert.Equal("case-closed", result.Refusal);
    }

    [Fact]
    public void Apply_RequiredDocumentMissing_IsRefused()
    {
        var blueprint = ShippedBlueprints.Load("customs-import");

        var without = WorkflowEngine.Apply(blueprint, "physical-inspection", "seize-goods", Officer, "Counterfeit goods", hasDocument: false);
        var with = WorkflowEngine.Apply(blueprint, "physical-inspection", "seize-goods", Officer, "Counterfeit goods", hasDocument: true);

        Assert.Equal("document-required", without.Refusal);
        Assert.Equal("seized", with.NewState);
    }

    [Fact]
    public void Automatic_ConditionHolds_ReturnsTheSystemAction()
    {
        var blueprint = ShippedBlueprints.Load("residence-certificate");

        var action = WorkflowEngine.Automatic(blueprint, "submitted", Json("""{"years_at_address": 1, "declaration": true}"""));

        Assert.Equal("issue-automatically", action!.Id);
        Assert.Equal("issued", action.To);
    }

    [Theory]
    [InlineData("""{"years_at_address": 0, "declaration": true}""")]
    [InlineData("""{"years_at_address": 0.99, "declaration": true}""")]
    [InlineData("""{"years_at_address": 5, "declaration": false}""")]
    [InlineData("""{"years_at_address": 5}""")]
    [InlineData("""{"declaration": true}""")]
    public void Automatic_ConditionDoesNotHold_ReturnsNothing(string answers)
    {
        var action = WorkflowEngine.Automatic(ShippedBlueprints.Load("residence-certificate"), "submitted", Json(answers));

        Assert.Null(action);
    }

    [Fact]
    public void Automatic_AnswersReadFromTheForm_AreUnderstood()
    {
        var blueprint = ShippedBlueprints.Load("residence-certificate");
        var years = blueprint.FindField("years_at_address")!;
        var declaration = blueprint.FindField("declaration")!;
        var regions = new HashSet<string>(StringComparer.Ordinal);
        var answers = new JsonObject
        {
            ["years_at_address"] = Answers.Read(years, ["3"], regions).Value,
            ["declaration"] = Answers.Read(declaration, ["yes"], regions).Value,
        };

        var action = WorkflowEngine.Automatic(blueprint, "submitted", answers);

        Assert.Equal("issue-automatically", action!.Id);
    }

    [Fact]
    public void Automatic_InAnotherState_ReturnsNothing()
    {
        var action = WorkflowEngine.Automatic(ShippedBlueprints.Load("residence-certificate"), "in-review", Json("""{"years_at_address": 10, "declaration": true}"""));

        Assert.Null(action);
    }

    [Fact]
    public void AddWorkingDays_FromFriday_SkipsTheWeekend()
    {
        var calendar = new WorkingCalendar(new HashSet<DateOnly>());

        Assert.Equal(Monday, calendar.AddWorkingDays(Friday, 1));
        Assert.Equal(Monday, calendar.AddWorkingDays(Saturday, 1));
        Assert.Equal(new DateOnly(2026, 12, 4), calendar.AddWorkingDays(Friday, 5));
    }

    [Fact]
    public void AddWorkingDays_MondayHoliday_SkipsToTuesday()
    {
        var calendar = new WorkingCalendar(new HashSet<DateOnly> { Monday });

        Assert.Equal(Tuesday, calendar.AddWorkingDays(Friday, 1));
        Assert.False(calendar.IsWorkingDay(Monday));
        Assert.True(calendar.IsWorkingDay(Tuesday));
    }

    [Fact]
    public void AddWorkingDays_Zero_IsTheSameDay()
    {
        var calendar = new WorkingCalendar(new HashSet<DateOnly>());

        Assert.Equal(Saturday, calendar.AddWorkingDays(Saturday, 0));
    }

    [Fact]
    public void AddWorkingDays_Negative_Throws()
    {
        var calendar = new WorkingCalendar(new HashSet<DateOnly>());

        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddWorkingDays(Friday, -1));
    }

    [Fact]
    public void AddWorkingDays_FridaySaturdayWeekend_WorksOnSunday()
    {
        var calendar = new WorkingCalendar(new HashSet<DateOnly>(), new HashSet<DayOfWeek> { DayOfWeek.Friday, DayOfWeek.Saturday });

        Assert.Equal(new DateOnly(2026, 11, 29), calendar.AddWorkingDays(new DateOnly(2026, 11, 26), 1));
    }

    [Fact]
    public void AddWorkingDays_EveryDayAWeekend_Throws()
    {
        var calendar = new WorkingCalendar(new HashSet<DateOnly>(), Enum.GetValues<DayOfWeek>().ToHashSet());

        Assert.Throws<InvalidOperationException>(() => calendar.AddWorkingDays(Friday, 1));
    }

    [Fact]
    public void WorkingDaysBetween_AcrossWeekendAndHoliday_CountsWorkingDaysAfterTheStart()
    {
        var plain = new WorkingCalendar(new HashSet<DateOnly>());
        var withHoliday = new WorkingCalendar(new HashSet<DateOnly> { Monday });

        Assert.Equal(2, plain.WorkingDaysBetween(Friday, Tuesday));
        Assert.Equal(1, withHoliday.WorkingDaysBetween(Friday, Tuesday));
        Assert.Equal(-2, plain.WorkingDaysBetween(Tuesday, Friday));
        Assert.Equal(0, plain.WorkingDaysBetween(Friday, Friday));
        Assert.Equal(0, plain.WorkingDaysBetween(Friday, new DateOnly(2026, 11, 29)));
    }

    [Fact]
    public void WorkingDaysBetween_AfterAddWorkingDays_GivesBackTheCount()
    {
        var random = new Random(20261127);
        var calendar = new WorkingCalendar(new HashSet<DateOnly> { Monday, new(2026, 12, 25), new(2027, 1, 1) });

        for (var i = 0; i < 500; i++)
        {
            var start = new DateOnly(2026, 10, 1).AddDays(random.Next(0, 120));
            var days = random.Next(0, 40);

            var due = calendar.AddWorkingDays(start, days);

            Assert.Equal(days, calendar.WorkingDaysBetween(start, due));
            Assert.True(days == 0 || calendar.IsWorkingDay(due));
        }
    }

    [Fact]
    public void New_ManyCodes_AreWellFormedAndNormalizeToThemselves()
    {
        for (var i = 0; i < 2000; i++)
        {
            var code = ShortCode.New();

            Assert.Matches(CodeFormat(), code);
            Assert.Equal(code, ShortCode.Normalize(code));
        }
    }

    [Fact]
    public void Normalize_LowerCaseSpacesAndLookalikes_AreAccepted()
    {
        for (var i = 0; i < 500; i++)
        {
            var code = ShortCode.New();
            var typed = " " + string.Concat(code.Replace("-", "", StringComparison.Ordinal).Select((c, index) => c switch
            {
                '0' => index % 2 == 0 ? "o" : "O",
                '1' => index % 3 == 0 ? "I" : index % 3 == 1 ? "l" : "L",
                _ => index % 4 == 3 ? char.ToLowerInvariant(c) + " " : char.ToLowerInvariant(c).ToString(),
            })) + " ";

            Assert.Equal(code, ShortCode.Normalize(typed));
        }
    }

    [Fact]
    public void Normalize_SingleChangedCharacter_IsRejected()
    {
        for (var i = 0; i < 300; i++)
        {
            var plain = ShortCode.New().Replace("-", "", StringComparison.Ordinal);
            for (var position = 0; position < plain.Length; position++)
            {
                foreach (var other in Alphabet.Where(c => c != plain[position]))
                {
                    var changed = string.Concat(plain.AsSpan(0, position), other.ToString(), plain.AsSpan(position + 1));

                    Assert.Null(ShortCode.Normalize(changed));
                }
            }
        }
    }

    [Fact]
    public void Normalize_AdjacentTransposition_IsRejected()
    {
        var checkedSwaps = 0;
        for (var i = 0; i < 3000; i++)
        {
            var plain = ShortCode.New().Replace("-", "", StringComparison.Ordinal);
            for (var position = 0; position < plain.Length - 1; position++)
            {
                var (a, b) = (plain[position], plain[position + 1]);
                if (a == b)
                {
                    continue;
                }

                var swapped = string.Concat(plain.AsSpan(0, position), b.ToString(), a.ToString(), plain.AsSpan(position + 2));

                Assert.Null(ShortCode.Normalize(swapped));
                checkedSwaps++;
            }
        }

        Assert.True(checkedSwaps > 20000);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABC-DEF-GH")]
    [InlineData("ABCDEFGHJK")]
    [InlineData("ABC-DEF-GHJ-K")]
    [InlineData("ABC-DEF-GHU")]
    [InlineData("ABC_DEF_GHJ")]
    public void Normalize_WrongLengthOrCharacters_IsRejected(string? typed)
    {
        Assert.Null(ShortCode.Normalize(typed));
    }

    [Fact]
    public void Normalize_ExtraCharacterAfterAValidCode_IsRejected()
    {
        var code = ShortCode.New();

        Assert.Null(ShortCode.Normalize(code + "0"));
        Assert.Null(ShortCode.Normalize(code[..^1]));
    }

    private static HashSet<string> Roles(params string[] roles) => roles.ToHashSet(StringComparer.Ordinal);

    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$")]
    private static partial Regex CodeFormat();
}
