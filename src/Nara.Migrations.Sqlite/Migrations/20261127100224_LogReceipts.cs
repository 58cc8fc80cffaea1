using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LogReceipts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_log_entries_LeafHash",
                table: "log_entries",
                column: "LeafHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_log_entries_LeafHash",
                table: "log_entries");
        }
    }
}
