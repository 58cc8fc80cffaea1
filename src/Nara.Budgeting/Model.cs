using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nara.Budgeting;

/// <summary>
/// A participatory-budgeting process: its money, its ballot, its rule and the dates of its five phases. Each phase
/// opens and closes by the clock (<see cref="Phases"/>); nobody has to press a button.
/// </summary>
internal sealed class BudgetProcess
{
    public long Id { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    /// <summary>The whole budget; with district budgets, their sum.</summary>
    public decimal Budget { get; set; }

    public required string Currency { get; set; }

    /// <summary>The allocation rule: greedy, mes, mes-add1 or phragmen.</summary>
    public required string Rule { get; set; }

    /// <summary>approval (the cart), k-approval, cumulative or ranked.</summary>
    public required string BallotType { get; set; }

    /// <summary>Fewest projects a ballot may choose (approval, k-approval).</summary>
    public int? MinProjects { get; set; }

    /// <summary>Most projects a ballot may choose: k for k-approval and ranked; optional for the cart.</summary>
    public int? MaxProjects { get; set; }

    /// <summary>Least a cart must spend, as in Decidim's "minimum budget".</summary>
    public decimal? MinSpend { get; set; }

    /// <summary>Points to spread (cumulative ballots).</summary>
    public int? Points { get; set; }

    /// <summary>Only residents of this district may take part; null for the whole jurisdiction.</summary>
    public string? District { get; set; }

    public int MinimumAge { get; set; }

    /// <summary>The agency whose officers review projects and report on their implementation.</summary>
    public Guid AgencyId { get; set; }

    public DateTimeOffset ProposalsFrom { get; set; }

    public DateTimeOffset ReviewFrom { get; set; }

    public DateTimeOffset VotingFrom { get; set; }

    public DateTimeOffset VotingUntil { get; set; }

    public DateTimeOffset ImplementationFrom { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ResultsAt { get; set; }

    /// <summary>What the funded projects cost together.</summary>
    public decimal? FundedCost { get; set; }

    /// <summary>
    /// SHA-256 of the anonymised ballots (.pb) the results were computed from, as the public log records it; with
    /// district budgets, "district=hash;…", one file per district.
    /// </summary>
    public string? BallotsSha256 { get; set; }

    /// <summary>Imported from a Pabulib file to study: closed, results only, no people.</summary>
    public bool Imported { get; set; }

    /// <summary>Pabulib META of an imported file, kept so it exports as it came (JSON).</summary>
    public string? ImportedMeta { get; set; }

    public Guid Version { get; set; }
}

/// <summary>A district's own budget within a process: its residents vote on its projects only.</summary>
internal sealed class BudgetDistrict
{
    public long ProcessId { get; set; }

    public required string District { get; set; }

    public decimal Budget { get; set; }
}

/// <summary>A project from proposal to implementation.</summary>
internal sealed class BudgetProject
{
    public const string Proposed = "proposed";
    public const string Feasible = "feasible";
    public const string NotFeasible = "not-feasible";
    public const string Merged = "merged";

    public long Id { get; set; }

    public long ProcessId { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    public decimal Cost { get; set; }

    /// <summary>The cost the proposer estimated, kept when review adjusts it.</summary>
    public decimal ProposedCost { get; set; }

    public required string Category { get; set; }

    public string? District { get; set; }

    public string? Location { get; set; }

    public Guid? ImageId { get; set; }

    public Guid? AuthorId { get; set; }

    public required string State { get; set; }

    /// <summary>The public reason review gave (feasible or not) or the merge note.</summary>
    public string? ReviewReason { get; set; }

    public long? MergedInto { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The id in an imported Pabulib file; null for projects proposed here.</summary>
    public string? ExternalId { get; set; }

    public bool? Funded { get; set; }

    /// <summary>Why it was funded or not (<see cref="Nara.Voting.Reason"/> name).</summary>
    public string? ResultReason { get; set; }

    /// <summary>Votes or points it received.</summary>
    public long? Score { get; set; }

    public int? ResultRound { get; set; }

    /// <summary>Equal Shares: "voters×each;…" — how much each group of its supporters paid.</summary>
    public string? Payments { get; set; }

    public string? ImplementationStatus { get; set; }
}

/// <summary>A verified resident's support for a proposed project.</summary>
internal sealed class BudgetSupport
{
    public long ProjectId { get; set; }

    public Guid PersonId { get; set; }
}

/// <summary>
/// Who may take part: a census row (salted hash of national id and date of birth) or a one-time code sent by post or
/// SMS (salted hash of the code). Never the id, the date or the code themselves.
/// </summary>
internal sealed class EligibleVoter
{
    public const string Census = "census";
    public const string Code = "code";

    public long ProcessId { get; set; }

    public required string Hash { get; set; }

    public required string Kind { get; set; }

    public string? District { get; set; }

    /// <summary>The person who verified with this entry; one entry, one person, one ballot.</summary>
    public Guid? PersonId { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }
}

/// <summary>A verified person's ballot. Casting again replaces it: the last one counts.</summary>
internal sealed class BudgetBallot
{
    public long ProcessId { get; set; }

    /// <summary>The eligible-voter entry it belongs to.</summary>
    public required string VoterHash { get; set; }

    public string? District { get; set; }

    /// <summary>"project:points,…" — 1 per approved project, points for cumulative, the rank for ranked ballots.</summary>
    public required string Choices { get; set; }

    /// <summary>SHA-256(nonce ‖ process ‖ choices), hex: what the public log records.</summary>
    public required string Commitment { get; set; }

    /// <summary>The random value that opens the commitment; shown to the voter only (their receipt), never published.</summary>
    public string? Nonce { get; set; }

    /// <summary>The public-log leaf hash of the commitment, hex: the voter's receipt.</summary>
    public string? Receipt { get; set; }

    public DateTimeOffset CastAt { get; set; }

    public int Casts { get; set; }
}

/// <summary>A dated step in a funded project's implementation.</summary>
internal sealed class BudgetMilestone
{
    public Guid Id { get; set; }

    public long ProjectId { get; set; }

    public DateOnly On { get; set; }

    public required string Title { get; set; }

    public int Progress { get; set; }

    public Guid? ImageId { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A project's or milestone's photo: JPEG, PNG or WebP, checked by content, kept in the database.</summary>
internal sealed class BudgetImage
{
    public Guid Id { get; set; }

    public required string MediaType { get; set; }

    public required byte[] Content { get; set; }
}

internal sealed class BudgetConfiguration :
    IEntityTypeConfiguration<BudgetProcess>, IEntityTypeConfiguration<BudgetDistrict>, IEntityTypeConfiguration<BudgetProject>,
    IEntityTypeConfiguration<BudgetSupport>, IEntityTypeConfiguration<EligibleVoter>, IEntityTypeConfiguration<BudgetBallot>,
    IEntityTypeConfiguration<BudgetMilestone>, IEntityTypeConfiguration<BudgetImage>
{
    public void Configure(EntityTypeBuilder<BudgetProcess> builder)
    {
        builder.ToTable("budget_processes");
        builder.Property(p => p.Title).HasMaxLength(120);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Budget).HasPrecision(18, 2);
        builder.Property(p => p.MinSpend).HasPrecision(18, 2);
        builder.Property(p => p.FundedCost).HasPrecision(18, 2);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Rule).HasMaxLength(20);
        builder.Property(p => p.BallotType).HasMaxLength(20);
        builder.Property(p => p.District).HasMaxLength(40);
        builder.Property(p => p.BallotsSha256).HasMaxLength(4000);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<BudgetDistrict> builder)
    {
        builder.ToTable("budget_districts");
        builder.HasKey(d => new { d.ProcessId, d.District });
        builder.Property(d => d.District).HasMaxLength(40);
        builder.Property(d => d.Budget).HasPrecision(18, 2);
        builder.HasOne<BudgetProcess>().WithMany().HasForeignKey(d => d.ProcessId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BudgetProject> builder)
    {
        builder.ToTable("budget_projects");
        builder.Property(p => p.Title).HasMaxLength(120);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.Cost).HasPrecision(18, 2);
        builder.Property(p => p.ProposedCost).HasPrecision(18, 2);
        builder.Property(p => p.Category).HasMaxLength(40);
        builder.Property(p => p.District).HasMaxLength(40);
        builder.Property(p => p.Location).HasMaxLength(300);
        builder.Property(p => p.State).HasMaxLength(20);
        builder.Property(p => p.ReviewReason).HasMaxLength(2000);
        builder.Property(p => p.ExternalId).HasMaxLength(60);
        builder.Property(p => p.ResultReason).HasMaxLength(40);
        builder.Property(p => p.Payments).HasMaxLength(4000);
        builder.Property(p => p.ImplementationStatus).HasMaxLength(20);
        builder.HasIndex(p => new { p.ProcessId, p.State });
        builder.HasOne<BudgetProcess>().WithMany().HasForeignKey(p => p.ProcessId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BudgetSupport> builder)
    {
        builder.ToTable("budget_supports");
        builder.HasKey(s => new { s.ProjectId, s.PersonId });
        builder.HasOne<BudgetProject>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EligibleVoter> builder)
    {
        builder.ToTable("budget_eligible_voters");
        builder.HasKey(v => new { v.ProcessId, v.Hash });
        builder.Property(v => v.Hash).HasMaxLength(64);
        builder.Property(v => v.Kind).HasMaxLength(10);
        builder.Property(v => v.District).HasMaxLength(40);
        builder.HasIndex(v => new { v.ProcessId, v.PersonId }).IsUnique();
        builder.HasOne<BudgetProcess>().WithMany().HasForeignKey(v => v.ProcessId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BudgetBallot> builder)
    {
        builder.ToTable("budget_ballots");
        builder.HasKey(b => new { b.ProcessId, b.VoterHash });
        builder.Property(b => b.VoterHash).HasMaxLength(64);
        builder.Property(b => b.District).HasMaxLength(40);
        builder.Property(b => b.Commitment).HasMaxLength(64);
        builder.Property(b => b.Receipt).HasMaxLength(64);
        builder.Property(b => b.Nonce).HasMaxLength(32);
        builder.Property(b => b.Casts).IsConcurrencyToken();
        builder.HasOne<BudgetProcess>().WithMany().HasForeignKey(b => b.ProcessId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BudgetMilestone> builder)
    {
        builder.ToTable("budget_milestones");
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.HasIndex(m => m.ProjectId);
        builder.HasOne<BudgetProject>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BudgetImage> builder)
    {
        builder.ToTable("budget_images");
        builder.Property(i => i.MediaType).HasMaxLength(20);
    }
}
