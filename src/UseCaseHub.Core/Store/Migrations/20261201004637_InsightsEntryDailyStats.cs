using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UseCaseHub.Core.Store.Migrations
{
    /// <inheritdoc />
    public partial class InsightsEntryDailyStats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EntryDailyStats",
                columns: table => new
                {
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Views = table.Column<long>(type: "INTEGER", nullable: false),
                    Downloads = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryDailyStats", x => new { x.EntryId, x.Day });
                });

            migrationBuilder.CreateIndex(
                name: "IX_EntryDailyStats_Day",
                table: "EntryDailyStats",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EntryDailyStats");
        }
    }
}
