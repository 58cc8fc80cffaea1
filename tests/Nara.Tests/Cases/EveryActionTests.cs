using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nara.Blueprints;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>
/// Every action of every shipped blueprint, taken for real: a case is brought to a state the action starts from
/// (by the shortest route), then the action is taken by someone holding its role, and the case must land where the
/// blueprint says. Actions needing an attached document are taken through the page in BranchTests.
/// </summary>
public sealed class EveryActionTests : JourneyTest
{
    private static readonly Dictionary<string, Dictionary<string, string>> Answers = new()
    {
        ["residence-certificate"] = new() { ["years_at_address"] = "0" },
        ["customs-import"] = new() { ["importer_is_diplomatic"] = "true" },
    };

    [Theory]
    [InlineData("birth-registration")]
    [InlineData("business-licence")]
    [InlineData("building-permit")]
    [InlineData("social-assistance")]
    [InlineData("customs-import")]
    [InlineData("residence-certificate")]
    [InlineData("official-memo")]
    public async Task EveryAction_TakenByItsRole_LandsInItsTargetState(string blueprintId)
    {
        var blueprint = app.Blueprint(blueprintId);
        var applicant = blueprint.IsInternal ? await OfficerAsync(blueprint.Agency) : await app.SignInCitizenAsync();
        var taken = 0;
        foreach (var action in blueprint.Workflow.Actions.Where(a => a.When is null && a.Document != "required"))
        {
            var path = RouteTo(blueprint, action) ?? throw new InvalidOperationException($"No route to {action.Id}");
            var reference = await NewCaseAsync(applicant, blueprint);
            foreach (var step in path.Append(action))
            {
                var state = await ActAsync(applicant, blueprint, reference, step);
                Assert.True(state == step.To, $"{blueprintId}: {step.Id} led to {state}, not {step.To}");
            }

            taken++;
        }

        Assert.Equal(blueprint.Workflow.Actions.Count(a => a.When is null && a.Document != "required"), taken);
    }

    /// <summary>The shortest sequence of actions from the initial state to a state the action starts from.</summary>
    private static List<ActionSpec>? RouteTo(Blueprint blueprint, ActionSpec target)
    {
        var routes = new Dictionary<string, List<ActionSpec>> { [blueprint.Workflow.Initial] = [] };
        var queue = new Queue<string>([blueprint.Workflow.Initial]);
        while (queue.TryDequeue(out var state))
        {
            if (target.From.Contains(state))
            {
                return routes[state];
            }

            foreach (var next in blueprint.Workflow.Actions.Where(a => a.When is null && a.Document != "required" && a.From.Contains(state) && !routes.ContainsKey(a.To)))
            {
                routes[next.To] = [.. routes[state], next];
                queue.Enqueue(next.To);
            }
        }

        return null;
    }

    private static async Task<string> NewCaseAsync(WebSession applicant, Blueprint blueprint)
    {
        var (reference, check) = await applicant.FillAsync(blueprint, Answers.GetValueOrDefault(blueprint.Id));
        var sent = await applicant.SubmitAsync(check, new Dictionary<string, string?>());
        if (sent.Url.EndsWith("/pay", StringComparison.Ordinal))
        {
            await applicant.PayOnlineAsync(reference);
        }

        return reference;
    }

    private async Task<string> ActAsync(WebSession applicant, Blueprint blueprint, string reference, ActionSpec action)
    {
        var before = await applicant.Client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{reference}");
        var state = before.GetProperty("state").GetString()!;
        var role = action.By.First(r => r != WorkflowRoles.System);
        var session = role == WorkflowRoles.Applicant ? applicant : await StaffAsync(role, blueprint.AgencyOf(state));
        var response = await session.Client.PostAsJsonAsync($"/api/v1/cases/{reference}/actions", new
        {
            action = action.Id,
            comment = action.Comment == "none" ? null : $"Comment for {action.Id}.",
            version = before.GetProperty("concurrency").GetGuid(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{blueprint.Id} {action.Id} as {role} from {state}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString()!;
    }
}
