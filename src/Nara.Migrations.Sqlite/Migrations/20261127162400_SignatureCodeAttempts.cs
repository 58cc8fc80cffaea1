using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SignatureCodeAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConfirmAttempts",
                table: "petition_signatures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConfirmAttempts",
                table: "petition_signatures");
        }
    }
}
