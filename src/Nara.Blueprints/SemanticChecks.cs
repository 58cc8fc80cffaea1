namespace Nara.Blueprints;

/// <summary>
/// What a schema cannot say: ids unique, every referenced field, document and state exists, every state reachable,
/// every non-terminal state has a way out, conditions only look back at questions already asked.
/// </summary>
internal static class SemanticChecks
{
    public static List<(string Path, string Message)> Check(Blueprint blueprint)
    {
        var problems = new List<(string, string)>();
        CheckForm(blueprint, problems);
        CheckDocuments(blueprint, problems);
        CheckFee(blueprint, problems);
        CheckWorkflow(blueprint, problems);
        CheckOutput(blueprint, problems);
        return problems;
    }

    private static void CheckForm(Blueprint blueprint, List<(string, string)> problems)
    {
        var asked = new HashSet<string>(StringComparer.Ordinal);
        var pageIds = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < blueprint.Form.Pages.Count; p++)
        {
            var page = blueprint.Form.Pages[p];
            var pagePath = $"/form/pages/{p}";
            if (!pageIds.Add(page.Id))
            {
                problems.Add(($"{pagePath}/id", $"Two pages are called \"{page.Id}\"."));
            }

            CheckCondition(page.ShowIf, $"{pagePath}/show_if", asked, problems);
            for (var f = 0; f < page.Fields.Count; f++)
            {
                var field = page.Fields[f];
                var path = $"{pagePath}/fields/{f}";
                CheckCondition(field.ShowIf, $"{path}/show_if", asked, problems);
                CheckField(field, path, nested: false, problems);
                if (!asked.Add(field.Id))
                {
                    problems.Add(($"{path}/id", $"Two questions are called \"{field.Id}\"."));
                }

                var children = new HashSet<string>(StringComparer.Ordinal);
                for (var c = 0; c < field.Fields.Count; c++)
                {
                    CheckField(field.Fields[c], $"{path}/fields/{c}", nested: true, problems);
                    if (!children.Add(field.Fields[c].Id))
                    {
                        problems.Add(($"{path}/fields/{c}/id", $"Two questions in \"{field.Id}\" are called \"{field.Fields[c].Id}\"."));
                    }
                }
            }
        }
    }

    private static void CheckField(FieldSpec field, string path, bool nested, List<(string, string)> problems)
    {
        if (FieldTypes.HasOptions(field.Type) && field.Options.Count == 0)
        {
            problems.Add(($"{path}/options", $"\"{field.Id}\" is a {field.Type} question, so it needs options."));
        }

        if (!FieldTypes.HasOptions(field.Type) && field.Options.Count > 0)
        {
            problems.Add(($"{path}/options", $"Only choice questions have options; \"{field.Id}\" is {field.Type}."));
        }

        if (field.Options.Select(o => o.Value).Distinct(StringComparer.Ordinal).Count() != field.Options.Count)
        {
            problems.Add(($"{path}/options", $"\"{field.Id}\" has two options with the same value."));
        }

        if (field.Type == FieldTypes.Group && field.Fields.Count == 0)
        {
            problems.Add(($"{path}/fields", $"The group \"{field.Id}\" needs the questions asked for each item."));
        }

        if (field.Type != FieldTypes.Group && field.Fields.Count > 0)
        {
            problems.Add(($"{path}/fields", $"Only group questions contain questions; \"{field.Id}\" is {field.Type}."));
        }

        if (nested && field.Type is FieldTypes.Group or FieldTypes.File)
        {
            problems.Add(($"{path}/type", $"A group cannot contain a {field.Type} question (\"{field.Id}\")."));
        }

        if (nested && field.ShowIf is not null)
        {
            problems.Add(($"{path}/show_if", "Questions inside a group are always asked."));
        }

        if (field.Type == FieldTypes.File && field.Document is null)
        {
            problems.Add(($"{path}/document", $"The upload \"{field.Id}\" must say which document it is."));
        }

        if (field.Type != FieldTypes.File && field.Document is not null)
        {
            problems.Add(($"{path}/document", $"Only file questions name a document; \"{field.Id}\" is {field.Type}."));
        }

        if (field is { Min: { } min, Max: { } max } && min > max)
        {
            problems.Add(($"{path}/min", $"The smallest answer allowed ({min}) is larger than the largest ({max})."));
        }

        if (field is { MinLength: { } minLength, MaxLength: { } maxLength } && minLength > maxLength)
        {
            problems.Add(($"{path}/min_length", $"The shortest answer allowed ({minLength}) is longer than the longest ({maxLength})."));
        }

        if (field is { MinItems: { } minItems, MaxItems: { } maxItems } && minItems > maxItems)
        {
            problems.Add(($"{path}/min_items", $"At least {minItems} items are needed but at most {maxItems} are allowed."));
        }

        if (field.Pattern is not null && !IsRegex(field.Pattern))
        {
            problems.Add(($"{path}/pattern", $"The pattern of \"{field.Id}\" is not a valid regular expression."));
        }
    }

    private static void CheckCondition(Condition? condition, string path, HashSet<string> asked, List<(string, string)> problems)
    {
        foreach (var field in condition?.ReferencedFields() ?? [])
        {
            if (!asked.Contains(field))
            {
                problems.Add((path, $"The condition looks at \"{field}\", which is not asked before this point."));
            }
        }
    }

    private static void CheckDocuments(Blueprint blueprint, List<(string, string)> problems)
    {
        var uploads = blueprint.Form.Pages.SelectMany(p => p.Fields).Where(f => f.Type == FieldTypes.File).ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var all = blueprint.Form.Pages.SelectMany(p => p.Fields).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        for (var d = 0; d < blueprint.Documents.Count; d++)
        {
            var document = blueprint.Documents[d];
            if (!ids.Add(document.Id))
            {
                problems.Add(($"/documents/{d}/id", $"Two documents are called \"{document.Id}\"."));
            }

            var count = uploads.Count(u => u.Document == document.Id);
            if (count != 1)
            {
                problems.Add(($"/documents/{d}", $"The document \"{document.Id}\" must be asked for by exactly one file question; {count} ask for it."));
            }

            CheckCondition(document.ShowIf, $"/documents/{d}/show_if", all, problems);
        }

        foreach (var upload in uploads.Where(u => u.Document is not null && !ids.Contains(u.Document)))
        {
            problems.Add(("/documents", $"The file question \"{upload.Id}\" asks for the document \"{upload.Document}\", which is not declared."));
        }
    }

    private static void CheckFee(Blueprint blueprint, List<(string, string)> problems)
    {
        if (blueprint.Fee is not { } fee)
        {
            return;
        }

        var fields = FirstByKey(blueprint.AllFields(), f => f.Path, f => f.Field);
        if (fee.ByAnswer is { } byAnswer)
        {
            if (!fields.TryGetValue(byAnswer.Field, out var field) || field.Type != FieldTypes.Choice)
            {
                problems.Add(("/fee/by_answer/field", $"The fee depends on \"{byAnswer.Field}\", which is not a choice question."));
            }
            else
            {
                foreach (var value in byAnswer.Amounts.Keys.Where(v => field.Options.All(o => o.Value != v)))
                {
                    problems.Add(("/fee/by_answer/amounts", $"\"{value}\" is not an option of \"{byAnswer.Field}\"."));
                }
            }
        }

        if (fee.PercentOf is { } percentOf && (!fields.TryGetValue(percentOf.Field, out var basis) || !FieldTypes.IsNumeric(basis.Type)))
        {
            problems.Add(("/fee/percent_of/field", $"The fee is a percentage of \"{percentOf.Field}\", which is not a money or number question."));
        }

        var topLevel = blueprint.Form.Pages.SelectMany(p => p.Fields).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        for (var e = 0; e < fee.Exemptions.Count; e++)
        {
            CheckCondition(fee.Exemptions[e].When, $"/fee/exemptions/{e}/when", topLevel, problems);
        }
    }

    private static void CheckWorkflow(Blueprint blueprint, List<(string, string)> problems)
    {
        var workflow = blueprint.Workflow;
        var states = new Dictionary<string, StateSpec>(StringComparer.Ordinal);
        for (var s = 0; s < workflow.States.Count; s++)
        {
            var state = workflow.States[s];
            if (!states.TryAdd(state.Id, state))
            {
                problems.Add(($"/workflow/states/{s}/id", $"Two states are called \"{state.Id}\"."));
            }

            if (state.Terminal && state.Outcome is null)
            {
                problems.Add(($"/workflow/states/{s}", $"The final state \"{state.Id}\" must say its outcome (approved, rejected or withdrawn)."));
            }

            if (!state.Terminal && (state.Outcome is not null || state.Issues))
            {
                problems.Add(($"/workflow/states/{s}", $"Only a final state has an outcome or issues the document; \"{state.Id}\" is not final."));
            }

            if (state.Issues && blueprint.Output is null)
            {
                problems.Add(($"/workflow/states/{s}/issues", $"\"{state.Id}\" issues a document, but the blueprint has no output."));
            }

            if (state.EscalateTo is not null && state.DeadlineDays is null && workflow.DeadlineDays is null)
            {
                problems.Add(($"/workflow/states/{s}/escalate_to", $"\"{state.Id}\" escalates when overdue but has no deadline."));
            }
        }

        if (!states.ContainsKey(workflow.Initial))
        {
            problems.Add(("/workflow/initial", $"The initial state \"{workflow.Initial}\" is not one of the states."));
        }

        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        var fields = blueprint.Form.Pages.SelectMany(p => p.Fields).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        for (var a = 0; a < workflow.Actions.Count; a++)
        {
            var action = workflow.Actions[a];
            var path = $"/workflow/actions/{a}";
            if (!actionIds.Add(action.Id))
            {
                problems.Add(($"{path}/id", $"Two actions are called \"{action.Id}\"."));
            }

            foreach (var from in action.From.Where(f => !states.ContainsKey(f)))
            {
                problems.Add(($"{path}/from", $"The action \"{action.Id}\" starts from \"{from}\", which is not a state."));
            }

            foreach (var from in action.From.Where(f => states.TryGetValue(f, out var st) && st.Terminal))
            {
                problems.Add(($"{path}/from", $"The action \"{action.Id}\" leaves \"{from}\", but a final state cannot be left."));
            }

            if (!states.ContainsKey(action.To))
            {
                problems.Add(($"{path}/to", $"The action \"{action.Id}\" leads to \"{action.To}\", which is not a state."));
            }

            var bySystem = action.By.Contains(WorkflowRoles.System);
            if (bySystem && (action.When is null || action.By.Count > 1))
            {
                problems.Add(($"{path}/by", $"The system action \"{action.Id}\" must be taken by the system alone and say when (a condition)."));
            }

            if (!bySystem && action.When is not null)
            {
                problems.Add(($"{path}/when", $"Only system actions have a condition; \"{action.Id}\" is taken by people."));
            }

            CheckCondition(action.When, $"{path}/when", fields, problems);
        }

        CheckReachability(workflow, states, problems);
    }

    private static void CheckReachability(WorkflowSpec workflow, Dictionary<string, StateSpec> states, List<(string, string)> problems)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { workflow.Initial };
        var queue = new Queue<string>([workflow.Initial]);
        while (queue.TryDequeue(out var state))
        {
            foreach (var action in workflow.Actions.Where(a => a.From.Contains(state) && reached.Add(a.To)))
            {
                queue.Enqueue(action.To);
            }
        }

        for (var s = 0; s < workflow.States.Count; s++)
        {
            var state = workflow.States[s];
            if (!reached.Contains(state.Id))
            {
                problems.Add(($"/workflow/states/{s}", $"No action leads to the state \"{state.Id}\" from \"{workflow.Initial}\"."));
            }

            if (!state.Terminal && !workflow.Actions.Any(a => a.From.Contains(state.Id) && states.ContainsKey(a.To)))
            {
                problems.Add(($"/workflow/states/{s}", $"A case in \"{state.Id}\" could never leave it: add an action from it or make it final."));
            }
        }

        if (!workflow.States.Any(s => s.Terminal))
        {
            problems.Add(("/workflow/states", "The workflow has no final state."));
        }
    }

    private static void CheckOutput(Blueprint blueprint, List<(string, string)> problems)
    {
        if (blueprint.Output is not { } output)
        {
            return;
        }

        var fields = FirstByKey(blueprint.Form.Pages.SelectMany(p => p.Fields), f => f.Id, f => f);
        for (var i = 0; i < output.Fields.Count; i++)
        {
            if (!fields.TryGetValue(output.Fields[i], out var field))
            {
                problems.Add(($"/output/fields/{i}", $"The document prints \"{output.Fields[i]}\", which is not a question."));
            }
            else if (field.Type is FieldTypes.File or FieldTypes.Group)
            {
                problems.Add(($"/output/fields/{i}", $"A {field.Type} answer (\"{field.Id}\") cannot be printed on the document."));
            }
        }

        if (!blueprint.Workflow.States.Any(s => s.Issues))
        {
            problems.Add(("/output", "The blueprint describes a document, but no state issues it."));
        }
    }

    public static List<(string Path, string Message)> CheckTranslation(Blueprint blueprint, BlueprintTranslation translation)
    {
        var problems = new List<(string, string)>();
        if (translation.Language == blueprint.Language)
        {
            problems.Add(("/language", $"The blueprint itself is written in \"{blueprint.Language}\"."));
        }

        Unknown("pages", translation.Pages.Keys, blueprint.Form.Pages.Select(p => p.Id));
        Unknown("fields", translation.Fields.Keys, blueprint.AllFields().Select(f => f.Path));
        Unknown("documents", translation.Documents.Keys, blueprint.Documents.Select(d => d.Id));
        Unknown("exemptions", translation.Exemptions.Keys, blueprint.Fee?.Exemptions.Select(e => e.Id) ?? []);
        Unknown("states", translation.States.Keys, blueprint.Workflow.States.Select(s => s.Id));
        Unknown("actions", translation.Actions.Keys, blueprint.Workflow.Actions.Select(a => a.Id));
        var fields = FirstByKey(blueprint.AllFields(), f => f.Path, f => f.Field);
        foreach (var (path, text) in translation.Fields)
        {
            if (fields.TryGetValue(path, out var field) && text.Options is not null)
            {
                foreach (var value in text.Options.Keys.Where(v => field.Options.All(o => o.Value != v)))
                {
                    problems.Add(($"/fields/{path}/options/{value}", $"\"{value}\" is not an option of \"{path}\"."));
                }
            }
        }

        return problems;

        void Unknown(string section, IEnumerable<string> keys, IEnumerable<string> known)
        {
            var set = known.ToHashSet(StringComparer.Ordinal);
            foreach (var key in keys.Where(k => !set.Contains(k)))
            {
                problems.Add(($"/{section}/{key}", $"The blueprint has no {section[..^1]} called \"{key}\"."));
            }
        }
    }

    /// <summary>A lookup that tolerates duplicate ids (those are reported on their own): the first one wins.</summary>
    private static Dictionary<string, TValue> FirstByKey<TItem, TValue>(IEnumerable<TItem> items, Func<TItem, string> key, Func<TItem, TValue> value)
    {
        var result = new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            result.TryAdd(key(item), value(item));
        }

        return result;
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
