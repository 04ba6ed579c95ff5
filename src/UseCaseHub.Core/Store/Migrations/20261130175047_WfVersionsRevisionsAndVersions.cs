using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UseCaseHub.Core.Store.Migrations
{
    /// <inheritdoc />
    public partial class WfVersionsRevisionsAndVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Entries_Pid",
                table: "Entries");

            migrationBuilder.DropIndex(
                name: "IX_Entries_Slug",
                table: "Entries");

            migrationBuilder.AddColumn<Guid>(
                name: "RevisionOfId",
                table: "Entries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EntryVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Pid = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FromRevision = table.Column<bool>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EntryVersions_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Entries_Pid",
                table: "Entries",
                column: "Pid",
                unique: true,
                filter: "\"RevisionOfId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Entries_RevisionOfId",
                table: "Entries",
                column: "RevisionOfId",
                unique: true,
                filter: "\"RevisionOfId\" IS NOT NULL AND \"Status\" NOT IN ('Withdrawn', 'Rejected')");

            migrationBuilder.CreateIndex(
                name: "IX_Entries_Slug",
                table: "Entries",
                column: "Slug",
                unique: true,
                filter: "\"RevisionOfId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_EntryVersions_EntryId",
                table: "EntryVersions",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_EntryVersions_Pid_Number",
                table: "EntryVersions",
                columns: new[] { "Pid", "Number" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Entries_Entries_RevisionOfId",
                table: "Entries",
                column: "RevisionOfId",
                principalTable: "Entries",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Entries_Entries_RevisionOfId",
                table: "Entries");

            migrationBuilder.DropTable(
                name: "EntryVersions");

            migrationBuilder.DropIndex(
                name: "IX_Entries_Pid",
                table: "Entries");

            migrationBuilder.DropIndex(
                name: "IX_Entries_RevisionOfId",
                table: "Entries");

            migrationBuilder.DropIndex(
                name: "IX_Entries_Slug",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "RevisionOfId",
                table: "Entries");

            migrationBuilder.CreateIndex(
                name: "IX_Entries_Pid",
                table: "Entries",
                column: "Pid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Entries_Slug",
                table: "Entries",
                column: "Slug",
                unique: true);
        }
    }
}
