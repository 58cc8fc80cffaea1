using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Nara.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Action = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Background = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false),
                    CreatorId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedForModerationAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ModerationDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ModeratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    RejectionDetails = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Hidden = table.Column<bool>(type: "boolean", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Signatures = table.Column<int>(type: "integer", nullable: false),
                    ResponseThresholdAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResponseDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DebateThresholdAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Response = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    RespondedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "petition_region_counts",
                columns: table => new
                {
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    Region = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PetitionId = table.Column<long>(type: "bigint", nullable: false),
                    EmailHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProtectedContact = table.Column<string>(type: "text", nullable: false),
                    EmailDomain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Region = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Notify = table.Column<bool>(type: "boolean", nullable: false),
                    Network = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    State = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ConfirmKeyHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Counted = table.Column<bool>(type: "boolean", nullable: false),
                    LogLeaf = table.Column<byte[]>(type: "bytea", nullable: true),
                    InvalidationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
