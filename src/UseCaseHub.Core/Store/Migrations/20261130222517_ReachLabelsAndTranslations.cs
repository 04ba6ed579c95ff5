using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UseCaseHub.Core.Store.Migrations
{
    /// <inheritdoc />
    public partial class ReachLabelsAndTranslations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EntryTranslations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Interoperability = table.Column<string>(type: "TEXT", nullable: false),
                    DataAndIdentifiers = table.Column<string>(type: "TEXT", nullable: false),
                    SecurityAndTrust = table.Column<string>(type: "TEXT", nullable: false),
                    LessonsLearned = table.Column<string>(type: "TEXT", nullable: false),
                    TranslatedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TranslatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Scale = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryTranslations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EntryTranslations_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TaxonomyLabels",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaxonomyLabels", x => new { x.Kind, x.Value, x.Language });
                });

            migrationBuilder.CreateIndex(
                name: "IX_EntryTranslations_EntryId_Language",
                table: "EntryTranslations",
                columns: new[] { "EntryId", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntryTranslations_Slug",
                table: "EntryTranslations",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EntryTranslations");

            migrationBuilder.DropTable(
                name: "TaxonomyLabels");
        }
    }
}
