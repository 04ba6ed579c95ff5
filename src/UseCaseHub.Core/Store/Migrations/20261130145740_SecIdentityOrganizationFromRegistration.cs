using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UseCaseHub.Core.Store.Migrations
{
    /// <inheritdoc />
    public partial class SecIdentityOrganizationFromRegistration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CreatedByRegistration",
                table: "Organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreatedByRegistration",
                table: "Organizations");
        }
    }
}
