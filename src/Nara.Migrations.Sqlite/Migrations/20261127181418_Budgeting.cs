using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_images", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "budget_processes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Budget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BallotType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MinProjects = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxProjects = table.Column<int>(type: "INTEGER", nullable: true),
                    MinSpend = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Points = table.Column<int>(type: "INTEGER", nullable: true),
                    District = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    MinimumAge = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProposalsFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    VotingFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    VotingUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    ImplementationFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResultsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FundedCost = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    BallotsSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Imported = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImportedMeta = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_budget_processes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "budget_ballots",
                columns: table => new
                {
                    ProcessId = table.Column<long>(type: "INTEGER", nullable: false),
                    VoterHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    District = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Choices = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Nonce = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Receipt = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CastAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Casts = table.Column<int>(type: "INTEGER", nullable: false)
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
                    ProcessId = table.Column<long>(type: "INTEGER", nullable: false),
                    District = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Budget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
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
                    ProcessId = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    District = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VerifiedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Cost = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    ProposedCost = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    District = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ImageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MergedInto = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Funded = table.Column<bool>(type: "INTEGER", nullable: true),
                    ResultReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Score = table.Column<long>(type: "INTEGER", nullable: true),
                    ResultRound = table.Column<int>(type: "INTEGER", nullable: true),
                    Payments = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ImplementationStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Progress = table.Column<int>(type: "INTEGER", nullable: false),
                    ImageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false)
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
