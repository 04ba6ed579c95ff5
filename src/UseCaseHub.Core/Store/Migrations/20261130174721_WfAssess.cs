using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UseCaseHub.Core.Store.Migrations
{
    /// <inheritdoc />
    public partial class WfAssess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CuratorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CuratorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EvidenceLevel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SealedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Scores = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EntryMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EntryMessages_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StandardisationGaps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CuratorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CuratorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SealedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardisationGaps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StandardisationGaps_Entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StandardisationGapStandards",
                columns: table => new
                {
                    StandardisationGapId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StandardsCode = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandardisationGapStandards", x => new { x.StandardisationGapId, x.StandardsCode });
                    table.ForeignKey(
                        name: "FK_StandardisationGapStandards_StandardisationGaps_StandardisationGapId",
                        column: x => x.StandardisationGapId,
                        principalTable: "StandardisationGaps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StandardisationGapStandards_Standards_StandardsCode",
                        column: x => x.StandardsCode,
                        principalTable: "Standards",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_EntryId_SealedAt",
                table: "Assessments",
                columns: new[] { "EntryId", "SealedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EntryMessages_EntryId_At",
                table: "EntryMessages",
                columns: new[] { "EntryId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_StandardisationGaps_EntryId_SealedAt",
                table: "StandardisationGaps",
                columns: new[] { "EntryId", "SealedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StandardisationGapStandards_StandardsCode",
                table: "StandardisationGapStandards",
                column: "StandardsCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "EntryMessages");

            migrationBuilder.DropTable(
                name: "StandardisationGapStandards");

            migrationBuilder.DropTable(
                name: "StandardisationGaps");
        }
    }
}
