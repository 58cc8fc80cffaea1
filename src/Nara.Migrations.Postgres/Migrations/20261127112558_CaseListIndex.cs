using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CaseListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_ApplicantId",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_cases_ApplicantId_CreatedAt",
                table: "cases",
                columns: new[] { "ApplicantId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_ApplicantId_CreatedAt",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_cases_ApplicantId",
                table: "cases",
                column: "ApplicantId");
        }
    }
}
