using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Nara.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Budgeting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "budget_images",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MediaType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_images", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "budget_processes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Rule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BallotType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MinProjects = table.Column<int>(type: "integer", nullable: true),
                    MaxProjects = table.Column<int>(type: "integer", nullable: true),
                    MinSpend = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Points = table.Column<int>(type: "integer", nullable: true),
                    District = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    MinimumAge = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposalsFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReviewFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VotingFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VotingUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImplementationFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResultsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FundedCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    BallotsSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Imported = table.Column<bool>(type: "boolean", nullable: false),
                    ImportedMeta = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_processes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "budget_ballots",
                columns: table => new
                {
                    ProcessId = table.Column<long>(type: "bigint", nullable: false),
                    VoterHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    District = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Choices = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Nonce = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Receipt = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Casts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_ballots", x => new { x.ProcessId, x.VoterHash });
                    table.ForeignKey(
                        name: "FK_budget_ballots_budget_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "budget_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "budget_districts",
                columns: table => new
                {
                    ProcessId = table.Column<long>(type: "bigint", nullable: false),
                    District = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_districts", x => new { x.ProcessId, x.District });
                    table.ForeignKey(
                        name: "FK_budget_districts_budget_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "budget_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "budget_eligible_voters",
                columns: table => new
                {
                    ProcessId = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    District = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_eligible_voters", x => new { x.ProcessId, x.Hash });
                    table.ForeignKey(
                        name: "FK_budget_eligible_voters_budget_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "budget_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "budget_projects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProcessId = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Cost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ProposedCost = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    District = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ImageId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReviewReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MergedInto = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Funded = table.Column<bool>(type: "boolean", nullable: true),
                    ResultReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Score = table.Column<long>(type: "bigint", nullable: true),
                    ResultRound = table.Column<int>(type: "integer", nullable: true),
                    Payments = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ImplementationStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_projects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_budget_projects_budget_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "budget_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "budget_milestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Progress = table.Column<int>(type: "integer", nullable: false),
                    ImageId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_budget_milestones_budget_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "budget_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "budget_supports",
                columns: table => new
                {
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_supports", x => new { x.ProjectId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_budget_supports_budget_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "budget_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_budget_eligible_voters_ProcessId_PersonId",
                table: "budget_eligible_voters",
                columns: new[] { "ProcessId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_budget_milestones_ProjectId",
                table: "budget_milestones",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_budget_projects_ProcessId_State",
                table: "budget_projects",
                columns: new[] { "ProcessId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "budget_ballots");

            migrationBuilder.DropTable(
                name: "budget_districts");

            migrationBuilder.DropTable(
                name: "budget_eligible_voters");

            migrationBuilder.DropTable(
                name: "budget_images");

            migrationBuilder.DropTable(
                name: "budget_milestones");

            migrationBuilder.DropTable(
                name: "budget_supports");

            migrationBuilder.DropTable(
                name: "budget_projects");

            migrationBuilder.DropTable(
                name: "budget_processes");
        }
    }
}
