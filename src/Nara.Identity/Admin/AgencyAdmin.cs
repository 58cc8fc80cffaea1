using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Nara.Identity.Agencies;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.Identity.Admin;

internal sealed record AgencyInput(string? Code, string? Name, AgencyKind Kind, string? Description);

internal sealed record AgencySummary(Guid Id, string Code, string Name, AgencyKind Kind, string? Description, Guid Version);

/// <summary>Field errors keyed by input name, in the reader's language.</summary>
internal sealed class FieldErrors : Dictionary<string, string>
{
    public bool Conflict { get; set; }
}

internal sealed partial class AgencyAdmin(NaraDb db, EventPublisher events, IStringLocalizer<Strings> text, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, TimeProvider clock)
{
    public Task<List<AgencySummary>> ListAsync(CancellationToken cancellationToken) =>
        db.Set<Agency>().AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AgencySummary(a.Id, a.Code, a.Name, a.Kind, a.Description, a.Version))
            .ToListAsync(cancellationToken);

    public Task<AgencySummary?> FindAsync(string code, CancellationToken cancellationToken) =>
        db.Set<Agency>().AsNoTracking().Where(a => a.Code == code)
            .Select(a => new AgencySummary(a.Id, a.Code, a.Name, a.Kind, a.Description, a.Version))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<(Guid? Id, FieldErrors Errors)> CreateAsync(AgencyInput input, Actor actor, CancellationToken cancellationToken)
    {
        var errors = Validate(input);
        var code = input.Code?.Trim().ToLowerInvariant() ?? "";
        if (errors.Count == 0 && await db.Set<Agency>().AnyAsync(a => a.Code == code, cancellationToken))
        {
            errors["Code"] = text["An agency with this code already exists. Choose another code"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = clock.GetUtcNow();
        var agency = new Agency { Id = Guid.CreateVersion7(now), Code = code, Name = input.Name!.Trim(), Kind = input.Kind, Description = input.Description?.Trim(), CreatedAt = now, Version = Guid.NewGuid() };
        db.Set<Agency>().Add(agency);
        await events.PublishAsync(new AgencyCreated(agency.Id, agency.Code, agency.Name), actor, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Agencies.AgencyDirectory.Forget(cache);
        return (agency.Id, errors);
    }

    public async Task<FieldErrors> UpdateAsync(Guid id, Guid version, AgencyInput input, Actor actor, CancellationToken cancellationToken)
    {
        var errors = Validate(input with { Code = "unchanged" });
        if (errors.Count > 0)
        {
            return errors;
        }

        var agency = await db.Set<Agency>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agency is null || agency.Version != version)
        {
            errors.Conflict = true;
            return errors;
        }

        // The version read with the form is what the update is checked against.
        db.Entry(agency).Property(a => a.Version).OriginalValue = version;
        agency.Name = input.Name!.Trim();
        agency.Kind = input.Kind;
        agency.Description = input.Description?.Trim();
        agency.Version = Guid.NewGuid();
        await events.PublishAsync(new AgencyUpdated(agency.Id, agency.Code, agency.Name), actor, cancellationToken: cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            Agencies.AgencyDirectory.Forget(cache);
        }
        catch (DbUpdateConcurrencyException)
        {
            errors.Conflict = true;
        }

        return errors;
    }

    private FieldErrors Validate(AgencyInput input)
    {
        var errors = new FieldErrors();
        var code = input.Code?.Trim() ?? "";
        if (code.Length == 0)
        {
            errors["Code"] = text["Enter a short code for the agency"];
        }
        else if (code.Length > 40 || !CodePattern().IsMatch(code.ToLowerInvariant()))
        {
            errors["Code"] = text["The code can only use letters a to z, digits and hyphens, up to 40 characters"];
        }

        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors["Name"] = text["Enter the agency's name"];
        }
        else if (name.Length > 200)
        {
            errors["Name"] = text["The name must be 200 characters or fewer"];
        }

        if (!Enum.IsDefined(input.Kind))
        {
            errors["Kind"] = text["Choose what kind of agency this is"];
        }

        if (input.Description?.Length > 2000)
        {
            errors["Description"] = text["The description must be 2,000 characters or fewer"];
        }

        return errors;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial System.Text.RegularExpressions.Regex CodePattern();
}
