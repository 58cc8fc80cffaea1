using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Petitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "petitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Background = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: false),
                    CreatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedForModerationAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ModerationDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ModeratedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RejectionDetails = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Hidden = table.Column<bool>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosesAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Signatures = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseThresholdAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResponseDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DebateThresholdAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Response = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    RespondedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "petition_region_counts",
                columns: table => new
                {
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_region_counts", x => new { x.PetitionId, x.Region });
                    table.ForeignKey(
                        name: "FK_petition_region_counts_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_signatures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<long>(type: "INTEGER", nullable: false),
                    EmailHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProtectedContact = table.Column<string>(type: "TEXT", nullable: false),
                    EmailDomain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Notify = table.Column<bool>(type: "INTEGER", nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ConfirmKeyHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Counted = table.Column<bool>(type: "INTEGER", nullable: false),
                    LogLeaf = table.Column<byte[]>(type: "BLOB", nullable: true),
                    InvalidationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_signatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petition_signatures_petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_petition_signatures_ConfirmKeyHash",
                table: "petition_signatures",
                column: "ConfirmKeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_petition_signatures_Counted_State",
                table: "petition_signatures",
                columns: new[] { "Counted", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_petition_signatures_PetitionId_CreatedAt",
                table: "petition_signatures",
                columns: new[] { "PetitionId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_petition_signatures_PetitionId_EmailHash",
                table: "petition_signatures",
                columns: new[] { "PetitionId", "EmailHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_petitions_CreatorId",
                table: "petitions",
                column: "CreatorId");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_State_Signatures",
                table: "petitions",
                columns: new[] { "State", "Signatures" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "petition_region_counts");

            migrationBuilder.DropTable(
                name: "petition_signatures");

            migrationBuilder.DropTable(
                name: "petitions");
        }
    }
}
