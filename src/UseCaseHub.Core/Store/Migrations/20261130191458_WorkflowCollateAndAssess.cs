using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UseCaseHub.Core.Store.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowCollateAndAssess : Migration
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

            migrationBuilder.AddColumn<long>(
                name: "AssignedAt",
                table: "Entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssignedCuratorId",
                table: "Entries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastConfirmedAt",
                table: "Entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RevisionOfId",
                table: "Entries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StatusChangedAt",
                table: "Entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NotificationMailOff",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

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
                name: "Attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AddedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attachments_Entries_EntryId",
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

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecipientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Mail = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MailAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    MailNextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MailSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MailLastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RevalidationFlags",
                columns: table => new
                {
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OverdueAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevalidationFlags", x => x.EntryId);
                    table.ForeignKey(
                        name: "FK_RevalidationFlags_Entries_EntryId",
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
                name: "IX_Assessments_EntryId_SealedAt",
                table: "Assessments",
                columns: new[] { "EntryId", "SealedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_EntryId_AddedAt",
                table: "Attachments",
                columns: new[] { "EntryId", "AddedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_StorageKey",
                table: "Attachments",
                column: "StorageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntryMessages_EntryId_At",
                table: "EntryMessages",
                columns: new[] { "EntryId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_EntryVersions_EntryId",
                table: "EntryVersions",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_EntryVersions_Pid_Number",
                table: "EntryVersions",
                columns: new[] { "Pid", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Mail_MailNextAttemptAt",
                table: "Notifications",
                columns: new[] { "Mail", "MailNextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_ReadAt",
                table: "Notifications",
                columns: new[] { "RecipientId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RevalidationFlags_OverdueAt",
                table: "RevalidationFlags",
                column: "OverdueAt");

            migrationBuilder.CreateIndex(
                name: "IX_StandardisationGaps_EntryId_SealedAt",
                table: "StandardisationGaps",
                columns: new[] { "EntryId", "SealedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StandardisationGapStandards_StandardsCode",
                table: "StandardisationGapStandards",
                column: "StandardsCode");

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
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "Attachments");

            migrationBuilder.DropTable(
                name: "EntryMessages");

            migrationBuilder.DropTable(
                name: "EntryVersions");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "RevalidationFlags");

            migrationBuilder.DropTable(
                name: "StandardisationGapStandards");

            migrationBuilder.DropTable(
                name: "StandardisationGaps");

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
                name: "AssignedAt",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "AssignedCuratorId",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "LastConfirmedAt",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "RevisionOfId",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "StatusChangedAt",
                table: "Entries");

            migrationBuilder.DropColumn(
                name: "NotificationMailOff",
                table: "AspNetUsers");

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
