using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SignatureUntalliedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_petition_signatures_Counted_State",
                table: "petition_signatures");

            migrationBuilder.CreateIndex(
                name: "IX_petition_signatures_untallied",
                table: "petition_signatures",
                column: "Id",
                filter: "(\"State\" = 'confirmed' AND NOT (\"Counted\")) OR (\"State\" = 'invalidated' AND \"Counted\")");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_petition_signatures_untallied",
                table: "petition_signatures");

            migrationBuilder.CreateIndex(
                name: "IX_petition_signatures_Counted_State",
                table: "petition_signatures",
                columns: new[] { "Counted", "State" });
        }
    }
}
