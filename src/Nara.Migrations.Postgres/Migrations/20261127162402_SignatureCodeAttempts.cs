using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Migrations.Postgres.Migrations
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
                type: "integer",
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
