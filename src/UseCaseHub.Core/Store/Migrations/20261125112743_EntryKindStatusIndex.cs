using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UseCaseHub.Core.Store.Migrations
{
    /// <inheritdoc />
    public partial class EntryKindStatusIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Entries_Type_Status_Id",
                table: "Entries",
                columns: new[] { "Type", "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entries_Type_Status_Id",
                table: "Entries");
        }
    }
}
