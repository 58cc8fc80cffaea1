using System.Text.Json.Nodes;

namespace Nara.Blueprints;

/// <summary>The outcome of asking the workflow to take an action: the new state, or why it was refused.</summary>
public sealed record WorkflowResult(ActionSpec? Action, string? NewState, string? Refusal)
{
    public bool Succeeded => Refusal is null;

    public static WorkflowResult Refused(string reason, ActionSpec? action = null) => new(action, null, reason);
}

/// <summary>
/// The only way a case changes state: an action the blueprint declares, from a state it lists, by a role it names.
/// Anything else is refused with a reason, so no case can reach a state its workflow does not allow.
/// </summary>
public static class WorkflowEngine
{
    public const int MaxCommentLength = 4000;

    /// <summary>The actions these roles may take now. System actions are never offered to people.</summary>
    public static IReadOnlyList<ActionSpec> Available(Blueprint blueprint, string state, IReadOnlySet<string> roles) =>
        [.. blueprint.Workflow.Actions.Where(a => a.From.Contains(state) && a.When is null && a.By.Any(roles.Contains) && !a.By.SequenceEqual([WorkflowRoles.System]))];

    public static WorkflowResult Apply(Blueprint blueprint, string state, string actionId, IReadOnlySet<string> roles, string? comment, bool hasDocument)
    {
        var action = blueprint.Workflow.Actions.FirstOrDefault(a => a.Id == actionId);
        if (action is null)
        {
            return WorkflowResult.Refused("unknown-action");
        }

        if (blueprint.FindState(state) is not { } current || current.Terminal)
        {
            return WorkflowResult.Refused("case-closed", action);
        }

        if (action.When is not null || !action.By.Any(r => r != WorkflowRoles.System && roles.Contains(r)))
        {
            return WorkflowResult.Refused("not-your-action", action);
        }

        if (!action.From.Contains(state))
        {
            return WorkflowResult.Refused("not-in-this-state", action);
        }

        var hasComment = !string.IsNullOrWhiteSpace(comment);
        if (action.Comment == "required" && !hasComment)
        {
            return WorkflowResult.Refused("comment-required", action);
        }

        if (hasComment && comment!.Length > MaxCommentLength)
        {
            return WorkflowResult.Refused("comment-too-long", action);
        }

        if (action.Document == "required" && !hasDocument)
        {
            return WorkflowResult.Refused("document-required", action);
        }

        return blueprint.FindState(action.To) is null ? WorkflowResult.Refused("unknown-state", action) : new WorkflowResult(action, action.To, null);
    }

    /// <summary>The system action to take now, if one applies (for instance issuing at once when the answers qualify).</summary>
    public static ActionSpec? Automatic(Blueprint blueprint, string state, JsonObject answers) =>
        blueprint.Workflow.Actions.FirstOrDefault(a => a.When is not null && a.By.Contains(WorkflowRoles.System) && a.From.Contains(state) && a.When.Holds(answers));
}
