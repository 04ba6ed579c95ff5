using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UseCaseHub.Store.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RevisionLookupIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Entries_RevisionOfId_All",
                table: "Entries",
                column: "RevisionOfId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entries_RevisionOfId_All",
                table: "Entries");
        }
    }
}
