using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "LogLeaf",
                table: "events",
                type: "BLOB",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "blueprints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BlueprintId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Files = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InstalledAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_blueprints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    BlueprintId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    BlueprintVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssistedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConsentRecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedTo = table.Column<Guid>(type: "TEXT", nullable: true),
                    Answers = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedPersonal = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StateEnteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StateDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "holidays",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_holidays", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "case_access",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ViewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_access", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_access_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ProtectedFileName = table.Column<string>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_documents_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    ProtectedText = table.Column<string>(type: "TEXT", nullable: true),
                    Internal = table.Column<bool>(type: "INTEGER", nullable: false),
                    LogLeaf = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_entries_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    BlueprintId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProtectedContent = table.Column<string>(type: "TEXT", nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certificates_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_blueprints_BlueprintId_Version",
                table: "blueprints",
                columns: new[] { "BlueprintId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_access_CaseId_At",
                table: "case_access",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_case_documents_CaseId_DocumentId",
                table: "case_documents",
                columns: new[] { "CaseId", "DocumentId" });

            migrationBuilder.CreateIndex(
                name: "IX_case_entries_CaseId_At",
                table: "case_entries",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_AgencyId_ClosedAt_StateDueOn",
                table: "cases",
                columns: new[] { "AgencyId", "ClosedAt", "StateDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_ApplicantId",
                table: "cases",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Reference",
                table: "cases",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_CaseId",
                table: "certificates",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_certificates_Code",
                table: "certificates",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_CaseId",
                table: "payments",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "blueprints");

            migrationBuilder.DropTable(
                name: "case_access");

            migrationBuilder.DropTable(
                name: "case_documents");

            migrationBuilder.DropTable(
                name: "case_entries");

            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropTable(
                name: "holidays");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropColumn(
                name: "LogLeaf",
                table: "events");
        }
    }
}
