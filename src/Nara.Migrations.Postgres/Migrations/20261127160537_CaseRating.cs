using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nara.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CaseRating : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RatedAt",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rating",
                table: "cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RatingComment",
                table: "cases",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RatedAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "Rating",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "RatingComment",
                table: "cases");
        }
    }
}
