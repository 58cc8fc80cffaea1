using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Nara.Budgeting.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Hosting;
using Nara.Platform.Outbox;
using Nara.Platform.Secrets;
using Nara.Platform.Storage;
using Nara.Voting.Rules;

namespace Nara.Budgeting;

/// <summary>A refusal is a text key with its values, keyed by the form field it concerns; no errors means done.</summary>
internal sealed record BudgetResult(long? Id, IReadOnlyDictionary<string, (string Message, object[] Values)> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static BudgetResult Done(long id) => new(id, new Dictionary<string, (string, object[])>());

    public static BudgetResult Refused(string field, string message, params object[] values) =>
        new(null, new Dictionary<string, (string, object[])> { [field] = (message, values) });
}

/// <summary>What an administrator fills in to create a process.</summary>
internal sealed record ProcessForm(
    string? Title, string? Description, string? Currency, decimal? Budget, IReadOnlyDictionary<string, decimal> DistrictBudgets,
    string? Rule, string? BallotType, int? MinProjects, int? MaxProjects, decimal? MinSpend, int? Points, string? District, int MinimumAge,
    Guid? AgencyId, DateTimeOffset? ProposalsFrom, DateTimeOffset? ReviewFrom, DateTimeOffset? VotingFrom, DateTimeOffset? VotingUntil, DateTimeOffset? ImplementationFrom);

/// <summary>What a resident fills in to propose a project.</summary>
internal sealed record ProjectForm(string? Title, string? Description, decimal? Cost, string? Category, string? District, string? Location);

/// <summary>
/// Every change in a participatory budget: processes, proposals, support, review, merging, eligible voters, verification,
/// ballots and milestones. Each change, its event and its public-log entry commit together. Pages and tests call these.
/// </summary>
internal sealed class BudgetWork(NaraDb db, EventPublisher events, PersonalHasher hasher, Jurisdiction jurisdiction, Outbox outbox, TimeProvider clock)
{
    public const int MaxImageBytes = 2 * 1024 * 1024;

    /// <summary>
    /// One answer whether the details are not on the list, belong to another district or were already used: a stranger
    /// trying someone's national id learns nothing about them.
    /// </summary>
    public const string NotMatched = "These details do not match anyone on the list who may still verify. Check them, or ask the office that runs the process.";

    public static readonly IReadOnlyList<string> Rules = [Greedy.Name, EqualShares.Name, EqualShares.Add1Name, Phragmen.Name];

    public static readonly IReadOnlyList<string> Categories = ["streets", "environment", "education", "health", "culture", "sport", "social"];

    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<BudgetProcess?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<BudgetProcess>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<BudgetProject?> FindProjectAsync(long processId, long projectId, CancellationToken cancellationToken) =>
        db.Set<BudgetProject>().FirstOrDefaultAsync(p => p.Id == projectId && p.ProcessId == processId, cancellationToken);

    public Task<List<BudgetDistrict>> DistrictsAsync(long processId, CancellationToken cancellationToken) =>
        db.Set<BudgetDistrict>().AsNoTracking().Where(d => d.ProcessId == processId).OrderBy(d => d.District).ToListAsync(cancellationToken);

    public Task<List<BudgetProject>> ProjectsAsync(long processId, CancellationToken cancellationToken) =>
        db.Set<BudgetProject>().AsNoTracking().Where(p => p.ProcessId == processId).OrderBy(p => p.Id).ToListAsync(cancellationToken);

    public async Task<Dictionary<long, int>> SupportCountsAsync(long processId, CancellationToken cancellationToken) =>
        await db.Set<BudgetSupport>().Where(s => db.Set<BudgetProject>().Any(p => p.Id == s.ProjectId && p.ProcessId == processId))
            .GroupBy(s => s.ProjectId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    public Task<EligibleVoter?> VerificationAsync(long processId, Guid personId, CancellationToken cancellationToken) =>
        db.Set<EligibleVoter>().AsNoTracking().FirstOrDefaultAsync(v => v.ProcessId == processId && v.PersonId == personId, cancellationToken);

    public async Task<BudgetResult> CreateAsync(ProcessForm form, Actor actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, (string, object[])>();
        void Refuse(string field, string message, params object[] values) => errors.TryAdd(field, (message, values));

        if (string.IsNullOrWhiteSpace(form.Title) || form.Title.Trim().Length > 120)
        {
            Refuse("title", "Enter a title of at most {0} characters.", 120);
        }

        if (string.IsNullOrWhiteSpace(form.Description) || form.Description.Trim().Length > 4000)
        {
            Refuse("description", "Describe the process in at most {0} characters.", 4000);
        }

        if (form.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            Refuse("currency", "Enter the currency as its three-letter code, such as USD.");
        }

        var districts = form.DistrictBudgets.Where(d => d.Value != 0).ToDictionary(d => d.Key, d => d.Value);
        if (districts.Keys.FirstOrDefault(d => !jurisdiction.Codes.Contains(d)) is { } unknown)
        {
            Refuse("budget", "{0} is not a district of this jurisdiction.", unknown);
        }

        if (districts.Values.Any(b => b < 0))
        {
            Refuse("budget", "A budget cannot be negative.");
        }

        var budget = districts.Count > 0 ? districts.Values.Sum() : form.Budget ?? 0;
        if (budget <= 0)
        {
            Refuse("budget", "Enter the total budget, or a budget for each district.");
        }

        if (form.Rule is null || !Rules.Contains(form.Rule))
        {
            Refuse("rule", "Choose how the winning projects are chosen.");
        }

        if (form.BallotType is null || !BallotRules.Types.Contains(form.BallotType))
        {
            Refuse("ballotType", "Choose the kind of ballot.");
        }
        else if (form.BallotType is BallotRules.KApproval or BallotRules.Ranked && form.MaxProjects is not > 0)
        {
            Refuse("maxProjects", "Say how many projects a voter may choose.");
        }
        else if (form.BallotType == BallotRules.Cumulative && form.Points is not > 0)
        {
            Refuse("points", "Say how many points each voter spreads.");
        }

        if (form.MinProjects is < 0 || form.MaxProjects is < 0 || (form.MinProjects > form.MaxProjects) || form.MinSpend is < 0)
        {
            Refuse("minProjects", "The least number of projects must be at most the most.");
        }

        if (form.District is { Length: > 0 } only && !jurisdiction.Codes.Contains(only))
        {
            Refuse("district", "{0} is not a district of this jurisdiction.", only);
        }

        if (form.MinimumAge is < 0 or > 120)
        {
            Refuse("minimumAge", "Enter a minimum age between 0 and 120.");
        }

        if (form.AgencyId is null)
        {
            Refuse("agencyId", "Choose the agency that reviews the projects.");
        }

        DateTimeOffset?[] dates = [form.ProposalsFrom, form.ReviewFrom, form.VotingFrom, form.VotingUntil, form.ImplementationFrom];
        if (dates.Any(d => d is null))
        {
            Refuse("proposalsFrom", "Enter the date each phase opens.");
        }
        else if (dates.Zip(dates.Skip(1)).Any(p => p.First > p.Second) || form.VotingFrom >= form.VotingUntil)
        {
            Refuse("proposalsFrom", "The phases must follow each other: proposals, review, voting, results, implementation.");
        }

        if (errors.Count > 0)
        {
            return new BudgetResult(null, errors);
        }

        var process = new BudgetProcess
        {
            Title = form.Title!.Trim(),
            Description = form.Description!.Trim(),
            Budget = budget,
            Currency = form.Currency!,
            Rule = form.Rule!,
            BallotType = form.BallotType!,
            MinProjects = form.MinProjects,
            MaxProjects = form.MaxProjects,
            MinSpend = form.BallotType == BallotRules.Approval ? form.MinSpend : null,
            Points = form.BallotType == BallotRules.Cumulative ? form.Points : null,
            District = string.IsNullOrEmpty(form.District) ? null : form.District,
            MinimumAge = form.MinimumAge,
            AgencyId = form.AgencyId!.Value,
            ProposalsFrom = form.ProposalsFrom!.Value,
            ReviewFrom = form.ReviewFrom!.Value,
            VotingFrom = form.VotingFrom!.Value,
            VotingUntil = form.VotingUntil!.Value,
            ImplementationFrom = form.ImplementationFrom!.Value,
            CreatedAt = Now,
            Version = Guid.NewGuid(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(process);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (district, amount) in districts)
        {
            db.Add(new BudgetDistrict { ProcessId = process.Id, District = district, Budget = amount });
        }

        await events.PublishAsync(new BudgetProcessCreated(process.Id, process.Title, process.Budget, process.Currency, process.Rule, process.BallotType), actor, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BudgetResult.Done(process.Id);
    }

    public async Task<BudgetResult> ProposeAsync(BudgetProcess process, Guid personId, ProjectForm form, (string MediaType, byte[] Content)? image, CancellationToken cancellationToken)
    {
        if (Phases.At(process, Now) != Phases.Proposals)
        {
            return BudgetResult.Refused("", "Proposals are not open in this process.");
        }

        if (await VerificationAsync(process.Id, personId, cancellationToken) is null)
        {
            return BudgetResult.Refused("", "Verify that you live here before you propose a project.");
        }

        var errors = new Dictionary<string, (string, object[])>();
        if (string.IsNullOrWhiteSpace(form.Title) || form.Title.Trim().Length > 120)
        {
            errors["title"] = ("Enter a title of at most {0} characters.", [120]);
        }

        if (string.IsNullOrWhiteSpace(form.Description) || form.Description.Trim().Length is < 20 or > 4000)
        {
            errors["description"] = ("Describe the project in {0} to {1} characters.", [20, 4000]);
        }


        if (form.Category is null || !Categories.Contains(form.Category))
        {
            errors["category"] = ("Choose a category.", []);
        }

        var districts = await DistrictsAsync(process.Id, cancellationToken);
        var district = string.IsNullOrEmpty(form.District) ? process.District : form.District;
        if ((district is not null && !jurisdiction.Codes.Contains(district)) || (districts.Count > 0 && districts.All(d => d.District != district))
            || (process.District is not null && district != process.District))
        {
            errors["district"] = ("Choose the district where the project would be.", []);
        }

        var budget = BudgetOf(process, districts, district);
        if (form.Cost is not > 0 || form.Cost > budget || decimal.Round(form.Cost.Value, 2) != form.Cost)
        {
            errors["cost"] = ("Enter an estimated cost above 0 and at most the budget of {0}.", [BallotRules.Money(budget, process)]);
        }

        if (form.Location?.Trim().Length > 300)
        {
            errors["location"] = ("Describe the place in at most {0} characters.", [300]);
        }

        if (image is { } picture && ImageType(picture.Content) is null)
        {
            errors["image"] = ("The photo must be a JPEG, PNG or WebP image of at most 2 MB.", []);
        }

        if (errors.Count > 0)
        {
            return new BudgetResult(null, errors);
        }

        var imageId = image is { } photo ? AddImage(photo.Content) : (Guid?)null;
        var project = new BudgetProject
        {
            ProcessId = process.Id,
            Title = form.Title!.Trim(),
            Description = form.Description!.Trim(),
            Cost = form.Cost!.Value,
            ProposedCost = form.Cost!.Value,
            Category = form.Category!,
            District = district,
            Location = string.IsNullOrWhiteSpace(form.Location) ? null : form.Location.Trim(),
            ImageId = imageId,
            AuthorId = personId,
            State = BudgetProject.Proposed,
            CreatedAt = Now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        db.Add(new BudgetSupport { ProjectId = project.Id, PersonId = personId });
        await events.PublishAsync(new BudgetProjectProposed(process.Id, project.Id, project.Title, project.Cost), new Actor(personId, "citizen"), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BudgetResult.Done(project.Id);
    }

    /// <summary>A verified resident supports a proposal; supporting twice counts once.</summary>
    public async Task<BudgetResult> SupportAsync(BudgetProcess process, BudgetProject project, Guid personId, CancellationToken cancellationToken)
    {
        if (Phases.At(process, Now) != Phases.Proposals || project.State != BudgetProject.Proposed)
        {
            return BudgetResult.Refused("", "Proposals are not open in this process.");
        }

        var supporter = await VerificationAsync(process.Id, personId, cancellationToken);
        if (supporter is null)
        {
            return BudgetResult.Refused("", "Verify that you live here before you support a project.");
        }

        if ((await DistrictsAsync(process.Id, cancellationToken)).Count > 0 && supporter.District != project.District)
        {
            return BudgetResult.Refused("", "Only residents of the project's district can support it.");
        }

        if (!await db.Set<BudgetSupport>().AnyAsync(s => s.ProjectId == project.Id && s.PersonId == personId, cancellationToken))
        {
            db.Add(new BudgetSupport { ProjectId = project.Id, PersonId = personId });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same person pressed twice at once: the first support stands.
                db.ChangeTracker.Clear();
            }
        }

        return BudgetResult.Done(project.Id);
    }

    /// <summary>Technical review: feasible or not, with a public reason; the cost may be adjusted.</summary>
    public async Task<BudgetResult> ReviewAsync(BudgetProcess process, BudgetProject project, bool feasible, string? reason, decimal? cost, Actor officer, CancellationToken cancellationToken)
    {
        if (Phases.At(process, Now) is not (Phases.Proposals or Phases.Review))
        {
            return BudgetResult.Refused("", "Projects can only be reviewed before voting opens.");
        }

        if (project.State == BudgetProject.Merged)
        {
            return BudgetResult.Refused("", "This project was merged into another.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length is < 10 or > 2000)
        {
            return BudgetResult.Refused("reason", "Give the public reason in {0} to {1} characters.", 10, 2000);
        }

        var newCost = cost ?? project.Cost;
        var budget = BudgetOf(process, await DistrictsAsync(process.Id, cancellationToken), project.District);
        if (newCost <= 0 || newCost > budget || decimal.Round(newCost, 2) != newCost)
        {
            return BudgetResult.Refused("cost", "Enter a cost above 0 and at most the budget of {0}.", BallotRules.Money(budget, process));
        }

        project.State = feasible ? BudgetProject.Feasible : BudgetProject.NotFeasible;
        project.ReviewReason = reason.Trim();
        project.Cost = newCost;
        await events.PublishAsync(new BudgetProjectReviewed(process.Id, project.Id, feasible, newCost, project.ReviewReason), officer, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return BudgetResult.Done(project.Id);
    }

    /// <summary>A duplicate joins another proposal: its supporters move over (counted once), it leaves the ballot.</summary>
    public async Task<BudgetResult> MergeAsync(BudgetProcess process, BudgetProject duplicate, long intoId, Actor officer, CancellationToken cancellationToken)
    {
        var into = await FindProjectAsync(process.Id, intoId, cancellationToken);
        if (into is null || into.Id == duplicate.Id || into.State == BudgetProject.Merged || duplicate.State == BudgetProject.Merged)
        {
            return BudgetResult.Refused("into", "Choose another project of this process to merge it into.");
        }

        if (Phases.At(process, Now) is not (Phases.Proposals or Phases.Review))
        {
            return BudgetResult.Refused("", "Projects can only be reviewed before voting opens.");
        }

        var supporters = await db.Set<BudgetSupport>().Where(s => s.ProjectId == duplicate.Id).Select(s => s.PersonId).ToListAsync(cancellationToken);
        var already = await db.Set<BudgetSupport>().Where(s => s.ProjectId == into.Id).Select(s => s.PersonId).ToListAsync(cancellationToken);
        foreach (var person in supporters.Except(already))
        {
            db.Add(new BudgetSupport { ProjectId = into.Id, PersonId = person });
        }

        duplicate.State = BudgetProject.Merged;
        duplicate.MergedInto = into.Id;
        await events.PublishAsync(new BudgetProjectsMerged(process.Id, duplicate.Id, into.Id), officer, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return BudgetResult.Done(into.Id);
    }

    /// <summary>
    /// Loads the electoral or census list: CSV with national_id, date_of_birth (YYYY-MM-DD) and district. Every bad line
    /// is reported and then nothing is stored; rows already loaded are kept once.
    /// </summary>
    public async Task<(int Added, IReadOnlyList<CensusFile.Problem> Problems)> LoadCensusAsync(BudgetProcess process, Stream csv, Actor administrator, CancellationToken cancellationToken)
    {
        // With district budgets, everyone on the list must live in one of them (or they would verify to an empty ballot).
        var budgeted = (await DistrictsAsync(process.Id, cancellationToken)).Select(d => d.District).ToHashSet(StringComparer.Ordinal);
        var (rows, problems) = CensusFile.Read(csv, budgeted.Count > 0 ? budgeted : jurisdiction.Codes, districtRequired: budgeted.Count > 0);
        if (problems.Count > 0)
        {
            return (0, problems);
        }

        var entries = rows.Select(r => new EligibleVoter { ProcessId = process.Id, Hash = CensusHash(process.Id, r.NationalId, r.BirthDate), Kind = EligibleVoter.Census, District = r.District })
            .DistinctBy(e => e.Hash).ToList();
        var added = await AddEligibleAsync(process, entries, EligibleVoter.Census, administrator, cancellationToken);
        return (added, []);
    }

    /// <summary>One-time codes for residents of a district, to send by post or SMS. Shown once; only their hashes are kept.</summary>
    public async Task<IReadOnlyList<string>> IssueCodesAsync(BudgetProcess process, string? district, int count, Actor administrator, CancellationToken cancellationToken)
    {
        var budgeted = await DistrictsAsync(process.Id, cancellationToken);
        if ((budgeted.Count > 0 && budgeted.All(d => d.District != district)) || (process.District is not null && district != process.District))
        {
            return [];
        }

        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var codes = Enumerable.Range(0, count).Select(_ => RandomNumberGenerator.GetString(alphabet, 10)).ToList();
        var entries = codes.Select(c => new EligibleVoter { ProcessId = process.Id, Hash = CodeHash(process.Id, c), Kind = EligibleVoter.Code, District = district }).ToList();
        await AddEligibleAsync(process, entries, EligibleVoter.Code, administrator, cancellationToken);
        return [.. codes.Select(c => $"{c[..5]}-{c[5..]}")];
    }

    /// <summary>
    /// Sends each mobile number its own one-time code by SMS (through the outbox, in the same commit as the codes'
    /// hashes). Lines are "number" or "number,district"; every bad line is reported and then nothing is sent. The
    /// numbers are kept only in the encrypted outbox, never with the codes.
    /// </summary>
    public async Task<(int Sent, IReadOnlyList<CensusFile.Problem> Problems)> SendCodesAsync(
        BudgetProcess process, string? lines, Func<string, string> message, string culture, Actor administrator, CancellationToken cancellationToken)
    {
        var budgeted = (await DistrictsAsync(process.Id, cancellationToken)).Select(d => d.District).ToHashSet(StringComparer.Ordinal);
        var problems = new List<CensusFile.Problem>();
        var recipients = new List<(string Phone, string? District)>();
        var numbered = (lines ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n').Select((text, index) => (Text: text.Trim(), Line: index + 1)).Where(l => l.Text.Length > 0).ToList();
        if (numbered.Count is 0 or > 5000)
        {
            return (0, [new("Enter from 1 to {0} mobile numbers, one per line.", 5000)]);
        }

        foreach (var (text, line) in numbered)
        {
            var parts = text.Split(',', 2, StringSplitOptions.TrimEntries);
            var phone = Nara.Platform.Text.PhoneNumbers.Normalize(parts[0]);
            var district = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : process.District;
            if (phone is null)
            {
                problems.Add(new("Line {0}: \"{1}\" is not a mobile number in international form, such as +233 20 123 4567.", line, parts[0].Length > 30 ? parts[0][..30] + "…" : parts[0]));
            }
            else if ((budgeted.Count > 0 && (district is null || !budgeted.Contains(district))) || (process.District is not null && district != process.District)
                || (district is not null && !jurisdiction.Codes.Contains(district)))
            {
                problems.Add(new("Line {0}: \"{1}\" is not a district with a budget in this process.", line, district ?? ""));
            }
            else
            {
                recipients.Add((phone, district));
            }

            if (problems.Count >= CensusFile.MaxProblems)
            {
                break;
            }
        }

        if (problems.Count > 0)
        {
            return (0, problems);
        }

        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var entries = new List<EligibleVoter>();
        foreach (var (phone, district) in recipients.DistinctBy(r => r.Phone))
        {
            var code = RandomNumberGenerator.GetString(alphabet, 10);
            entries.Add(new EligibleVoter { ProcessId = process.Id, Hash = CodeHash(process.Id, code), Kind = EligibleVoter.Code, District = district });
            outbox.Queue(Channel.Sms, phone, "", message($"{code[..5]}-{code[5..]}"), culture, "budgeting.eligibility-code");
        }

        await AddEligibleAsync(process, entries, EligibleVoter.Code, administrator, cancellationToken);
        return (entries.Count, []);
    }

    /// <summary>A resident proves eligibility with national id and date of birth as the census lists them.</summary>
    public async Task<BudgetResult> VerifyAsync(BudgetProcess process, Guid personId, string? nationalId, DateOnly? birthDate, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(nationalId) || birthDate is null)
        {
            return BudgetResult.Refused("nationalId", "Enter your national id number and your date of birth.");
        }

        var age = Age(birthDate.Value, DateOnly.FromDateTime(process.VotingFrom.UtcDateTime));
        if (age < process.MinimumAge)
        {
            return BudgetResult.Refused("nationalId", "You must be at least {0} years old when voting opens to take part.", process.MinimumAge);
        }

        return await ClaimAsync(process, personId, CensusHash(process.Id, nationalId, birthDate.Value), cancellationToken);
    }

    /// <summary>A resident proves eligibility with a one-time code received by post or SMS.</summary>
    public Task<BudgetResult> VerifyCodeAsync(BudgetProcess process, Guid personId, string? code, CancellationToken cancellationToken)
    {
        var clean = new string((code ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return clean.Length != 10
            ? Task.FromResult(BudgetResult.Refused("code", "Enter the 10-character code from your letter or message."))
            : ClaimAsync(process, personId, CodeHash(process.Id, clean), cancellationToken);
    }

    /// <summary>
    /// Casts or replaces a verified person's ballot during voting. Returns the receipt: the commitment, the nonce that
    /// opens it, and the public-log leaf.
    /// </summary>
    public async Task<(BudgetResult Result, BallotReceipt? Receipt)> CastAsync(BudgetProcess process, Guid personId, IReadOnlyDictionary<long, int> choices, CancellationToken cancellationToken)
    {
        if (Phases.At(process, Now) != Phases.Voting)
        {
            return (BudgetResult.Refused("", "Voting is not open in this process."), null);
        }

        var voter = await VerificationAsync(process.Id, personId, cancellationToken);
        if (voter is null)
        {
            return (BudgetResult.Refused("", "Verify that you live here before you vote."), null);
        }

        var (budget, onBallot) = await BallotForAsync(process, voter.District, cancellationToken);
        if (BallotRules.Check(process, budget, onBallot.ToDictionary(p => p.Id, p => p.Cost), choices) is { } refusal)
        {
            return (BudgetResult.Refused("", refusal.Message, refusal.Values), null);
        }

        var stored = BallotRules.Format(choices);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var commitment = Commitment(nonce, process.Id, stored);
        var ballot = await db.Set<BudgetBallot>().FirstOrDefaultAsync(b => b.ProcessId == process.Id && b.VoterHash == voter.Hash, cancellationToken);
        var replaces = ballot is not null;
        if (ballot is null)
        {
            ballot = new BudgetBallot { ProcessId = process.Id, VoterHash = voter.Hash, Choices = stored, Commitment = commitment };
            db.Add(ballot);
        }

        ballot.District = voter.District;
        ballot.Choices = stored;
        ballot.Commitment = commitment;
        ballot.Nonce = nonce;
        ballot.CastAt = Now;
        ballot.Casts++;
        // The event names no one (as signatures): the events table must not link a person to a commitment.
        var logged = await events.PublishAsync(new BudgetBallotCast(process.Id, commitment, replaces), Actor.System, cancellationToken: cancellationToken);
        ballot.Receipt = logged.LogLeaf is { } leaf ? Convert.ToHexStringLower(leaf) : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first ballots at once from the same person: the other one was stored; this one is not.
            db.ChangeTracker.Clear();
            return (BudgetResult.Refused("", "Another ballot of yours arrived at the same moment. Look at your ballot and cast it again if needed."), null);
        }

        return (BudgetResult.Done(process.Id), new BallotReceipt(process.Id, commitment, nonce, stored, ballot.Receipt));
    }

    /// <summary>The stored ballot of a verified person, if any.</summary>
    public async Task<BudgetBallot?> BallotOfAsync(BudgetProcess process, Guid personId, CancellationToken cancellationToken)
    {
        var voter = await VerificationAsync(process.Id, personId, cancellationToken);
        return voter is null ? null : await db.Set<BudgetBallot>().AsNoTracking().FirstOrDefaultAsync(b => b.ProcessId == process.Id && b.VoterHash == voter.Hash, cancellationToken);
    }

    /// <summary>The budget and feasible projects on the ballot of a voter from <paramref name="district"/>.</summary>
    public async Task<(decimal Budget, List<BudgetProject> Projects)> BallotForAsync(BudgetProcess process, string? district, CancellationToken cancellationToken)
    {
        var districts = await DistrictsAsync(process.Id, cancellationToken);
        var projects = await db.Set<BudgetProject>().AsNoTracking().Where(p => p.ProcessId == process.Id && p.State == BudgetProject.Feasible).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        if (districts.Count == 0)
        {
            return (process.Budget, projects);
        }

        var own = districts.FirstOrDefault(d => d.District == district);
        return own is null ? (0, []) : (own.Budget, [.. projects.Where(p => p.District == own.District)]);
    }

    public async Task<BudgetResult> RecordMilestoneAsync(BudgetProcess process, BudgetProject project, DateOnly? on, string? title, int? progress, string? status, (string MediaType, byte[] Content)? image, Actor officer, CancellationToken cancellationToken)
    {
        if (project.Funded != true)
        {
            return BudgetResult.Refused("", "Only funded projects have milestones.");
        }

        if (on is null || string.IsNullOrWhiteSpace(title) || title.Trim().Length > 300)
        {
            return BudgetResult.Refused("title", "Enter the date and what happened, in at most {0} characters.", 300);
        }

        if (progress is not (>= 0 and <= 100))
        {
            return BudgetResult.Refused("progress", "Enter the progress as a percentage from 0 to 100.");
        }

        if (status is not null && !ImplementationStatuses.Contains(status))
        {
            return BudgetResult.Refused("status", "Choose the project's status.");
        }

        if (image is { } picture && ImageType(picture.Content) is null)
        {
            return BudgetResult.Refused("photo", "The photo must be a JPEG, PNG or WebP image of at most 2 MB.");
        }

        var milestone = new BudgetMilestone
        {
            Id = Guid.NewGuid(),
            ProjectId = project.Id,
            On = on.Value,
            Title = title.Trim(),
            Progress = progress.Value,
            ImageId = image is { } photo ? AddImage(photo.Content) : (Guid?)null,
            RecordedAt = Now,
        };
        db.Add(milestone);
        project.ImplementationStatus = status ?? (progress == 100 ? "completed" : "in-progress");
        await events.PublishAsync(new BudgetMilestoneRecorded(process.Id, project.Id, milestone.On, milestone.Title, milestone.Progress), officer, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return BudgetResult.Done(project.Id);
    }

    public static readonly IReadOnlyList<string> ImplementationStatuses = ["planned", "in-progress", "completed", "delayed", "cancelled"];

    public Task<List<BudgetMilestone>> MilestonesAsync(long processId, CancellationToken cancellationToken) =>
        db.Set<BudgetMilestone>().AsNoTracking().Where(m => db.Set<BudgetProject>().Any(p => p.Id == m.ProjectId && p.ProcessId == processId))
            .OrderBy(m => m.On).ThenBy(m => m.RecordedAt).ToListAsync(cancellationToken);

    /// <summary>SHA-256(nonce ‖ "\n" ‖ process ‖ "\n" ‖ choices), hex — what the voter can open with the nonce on the receipt.</summary>
    public static string Commitment(string nonce, long processId, string choices) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{nonce}\n{processId}\n{choices}"))));

    /// <summary>The media type of a JPEG, PNG or WebP image by its first bytes; null for anything else or too large.</summary>
    public static string? ImageType(byte[] content) =>
        content.Length > MaxImageBytes ? null
        : content is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg"
        : content is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] ? "image/png"
        : content.Length > 12 && content.AsSpan(0, 4).SequenceEqual("RIFF"u8) && content.AsSpan(8, 4).SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    private Guid AddImage(byte[] content)
    {
        var image = new BudgetImage { Id = Guid.NewGuid(), MediaType = ImageType(content)!, Content = content };
        db.Add(image);
        return image.Id;
    }

    /// <summary>The budget a project competes for: its district's, or the whole process's.</summary>
    private static decimal BudgetOf(BudgetProcess process, List<BudgetDistrict> districts, string? district) =>
        districts.Count == 0 ? process.Budget : districts.FirstOrDefault(d => d.District == district)?.Budget ?? process.Budget;

    private string CensusHash(long processId, string nationalId, DateOnly birthDate) =>
        hasher.Hash("budget-census:" + processId.ToString(CultureInfo.InvariantCulture),
            new string(nationalId.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray()) + "|" + birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private string CodeHash(long processId, string code) =>
        hasher.Hash("budget-code:" + processId.ToString(CultureInfo.InvariantCulture), code);

    private static int Age(DateOnly born, DateOnly on) =>
        on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);

    private async Task<int> AddEligibleAsync(BudgetProcess process, List<EligibleVoter> entries, string kind, Actor administrator, CancellationToken cancellationToken)
    {
        var hashes = entries.Select(e => e.Hash).ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Chunk(500))
        {
            known.UnionWith(await db.Set<EligibleVoter>().Where(v => v.ProcessId == process.Id && chunk.Contains(v.Hash)).Select(v => v.Hash).ToListAsync(cancellationToken));
        }

        var added = entries.Where(e => !known.Contains(e.Hash)).ToList();
        db.AddRange(added);
        await events.PublishAsync(new BudgetCensusLoaded(process.Id, kind, added.Count), administrator, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return added.Count;
    }

    private async Task<BudgetResult> ClaimAsync(BudgetProcess process, Guid personId, string hash, CancellationToken cancellationToken)
    {
        if (!Phases.MayVerify(Phases.At(process, Now)))
        {
            return BudgetResult.Refused("", "Verification is closed in this process.");
        }

        var entry = await db.Set<EligibleVoter>().FirstOrDefaultAsync(v => v.ProcessId == process.Id && v.Hash == hash, cancellationToken);
        if (entry is null)
        {
            return BudgetResult.Refused("nationalId", NotMatched);
        }

        if (process.District is { } only && entry.District is { } lives && lives != only)
        {
            return BudgetResult.Refused("nationalId", NotMatched);
        }

        if (entry.PersonId == personId)
        {
            return BudgetResult.Done(process.Id);
        }

        if (entry.PersonId is not null)
        {
            return BudgetResult.Refused("nationalId", NotMatched);
        }

        if (await VerificationAsync(process.Id, personId, cancellationToken) is not null)
        {
            return BudgetResult.Refused("nationalId", "You are already verified in this process.");
        }

        // Claimed with a conditional update, so two accounts racing for one entry cannot both win.
        int claimed;
        try
        {
            claimed = await db.Set<EligibleVoter>().Where(v => v.ProcessId == process.Id && v.Hash == hash && v.PersonId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.PersonId, personId).SetProperty(v => v.VerifiedAt, Now), cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // The same account verified with other details at the same moment: one entry per person (unique index).
            return BudgetResult.Refused("nationalId", "You are already verified in this process.");
        }

        return claimed == 1 ? BudgetResult.Done(process.Id) : BudgetResult.Refused("nationalId", NotMatched);
    }
}

/// <summary>What a voter keeps: the commitment, the nonce that opens it, the ballot it commits to and the public-log leaf.</summary>
internal sealed record BallotReceipt(long ProcessId, string Commitment, string Nonce, string Choices, string? LogLeaf);
