using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nara.Budgeting.Contracts;
using Nara.Cases.Contracts;
using Nara.Consultations.Contracts;
using Nara.Identity.Contracts;
using Nara.OpenData.Contracts;
using Nara.Petitions.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;
using Nara.Transparency.Log;

namespace Nara.Transparency;

public static class TransparencyModule
{
    public static IServiceCollection AddTransparencyModule(this IServiceCollection services)
    {
        services.AddModelPart(typeof(TransparencyModule).Assembly);
        services.AddSingleton<LogKeys>();
        services.AddScoped<PublicLog>();
        services.AddSingleton<LogReader>();
        services.AddSingleton<Sequencer>();
        services.AddHostedService(sp => sp.GetRequiredService<Sequencer>());
        services.AddScoped<IReactTo<AgencyCreated>, LogConfigurationChanges>();
        services.AddScoped<IReactTo<AgencyUpdated>, LogConfigurationChanges>();
        services.AddScoped<LogCaseEvents>();
        services.AddScoped<IReactTo<CaseSubmitted>>(sp => sp.GetRequiredService<LogCaseEvents>());
        services.AddScoped<IReactTo<CaseStateChanged>>(sp => sp.GetRequiredService<LogCaseEvents>());
        services.AddScoped<IReactTo<CertificateIssued>>(sp => sp.GetRequiredService<LogCaseEvents>());
        services.AddScoped<IReactTo<CertificateRevoked>>(sp => sp.GetRequiredService<LogCaseEvents>());
        services.AddScoped<IReactTo<PersonalDataViewed>>(sp => sp.GetRequiredService<LogCaseEvents>());
        services.AddScoped<IReactTo<BlueprintInstalled>>(sp => sp.GetRequiredService<LogCaseEvents>());
        services.AddScoped<LogPetitionEvents>();
        services.AddScoped<IReactTo<PetitionPublished>>(sp => sp.GetRequiredService<LogPetitionEvents>());
        services.AddScoped<IReactTo<PetitionRejected>>(sp => sp.GetRequiredService<LogPetitionEvents>());
        services.AddScoped<IReactTo<PetitionThresholdReached>>(sp => sp.GetRequiredService<LogPetitionEvents>());
        services.AddScoped<IReactTo<PetitionResponded>>(sp => sp.GetRequiredService<LogPetitionEvents>());
        services.AddScoped<IReactTo<PetitionClosed>>(sp => sp.GetRequiredService<LogPetitionEvents>());
        services.AddScoped<IReactTo<SignatureConfirmed>>(sp => sp.GetRequiredService<LogPetitionEvents>());
        services.AddScoped<IReactTo<SignaturesInvalidated>>(sp => sp.GetRequiredService<LogPetitionEvents>());
        services.AddScoped<IReactTo<DatasetPublished>, LogOpenDataEvents>();
        services.AddScoped<LogConsultationEvents>();
        services.AddScoped<IReactTo<ConsultationOpened>>(sp => sp.GetRequiredService<LogConsultationEvents>());
        services.AddScoped<IReactTo<ConsultationCommentHidden>>(sp => sp.GetRequiredService<LogConsultationEvents>());
        services.AddScoped<IReactTo<ConsultationReportPublished>>(sp => sp.GetRequiredService<LogConsultationEvents>());
        services.AddScoped<LogBudgetEvents>();
        services.AddScoped<IReactTo<BudgetProcessCreated>>(sp => sp.GetRequiredService<LogBudgetEvents>());
        services.AddScoped<IReactTo<BudgetProjectReviewed>>(sp => sp.GetRequiredService<LogBudgetEvents>());
        services.AddScoped<IReactTo<BudgetProjectsMerged>>(sp => sp.GetRequiredService<LogBudgetEvents>());
        services.AddScoped<IReactTo<BudgetCensusLoaded>>(sp => sp.GetRequiredService<LogBudgetEvents>());
        services.AddScoped<IReactTo<BudgetBallotCast>>(sp => sp.GetRequiredService<LogBudgetEvents>());
        services.AddScoped<IReactTo<BudgetResultsPublished>>(sp => sp.GetRequiredService<LogBudgetEvents>());
        services.AddScoped<IReactTo<BudgetMilestoneRecorded>>(sp => sp.GetRequiredService<LogBudgetEvents>());
        return services;
    }

    public static IEndpointRouteBuilder MapTransparencyModule(this IEndpointRouteBuilder endpoints)
    {
        LogApi.Map(endpoints);
        return endpoints;
    }
}

/// <summary>Open data publications: which dataset, by whom, under which licence, and the SHA-256 of every file published.</summary>
internal sealed class LogOpenDataEvents(PublicLog log) : IReactTo<DatasetPublished>
{
    public Task ReactAsync(DatasetPublished payload, EventContext context, CancellationToken cancellationToken)
    {
        log.Append(DatasetPublished.EventType, new
        {
            dataset = payload.DatasetId,
            name = payload.Name,
            title = payload.Title,
            agency = payload.AgencyId,
            license = payload.LicenseId,
            files = payload.Files.Select(f => new { name = f.Name, format = f.Format, sha256 = f.Sha256 }),
        });
        return Task.CompletedTask;
    }
}

/// <summary>Configuration changes are public acts: agencies appear in the log by code and name.</summary>
internal sealed class LogConfigurationChanges(PublicLog log) : IReactTo<AgencyCreated>, IReactTo<AgencyUpdated>
{
    public Task ReactAsync(AgencyCreated payload, EventContext context, CancellationToken cancellationToken)
    {
        log.Append(AgencyCreated.EventType, new { agency = payload.AgencyId, code = payload.Code, name = payload.Name });
        return Task.CompletedTask;
    }

    public Task ReactAsync(AgencyUpdated payload, EventContext context, CancellationToken cancellationToken)
    {
        log.Append(AgencyUpdated.EventType, new { agency = payload.AgencyId, code = payload.Code, name = payload.Name });
        return Task.CompletedTask;
    }
}
