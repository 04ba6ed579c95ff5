using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UseCaseHub.Core.Store.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Countries",
                columns: table => new
                {
                    Iso2 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Iso3 = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    M49 = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", nullable: true),
                    SubRegionCode = table.Column<string>(type: "TEXT", nullable: true),
                    IntermediateRegionCode = table.Column<string>(type: "TEXT", nullable: true),
                    ItuRegionCode = table.Column<string>(type: "TEXT", nullable: true),
                    Ldc = table.Column<bool>(type: "INTEGER", nullable: false),
                    Lldc = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sids = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Countries", x => x.Iso2);
                });

            migrationBuilder.CreateTable(
                name: "ItuRegions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItuRegions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CountryIso2 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Pages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Regions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Regions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "SdgGoals",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ShortTitle = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SdgGoals", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "Standards",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Publisher = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    AlsoKnownAs = table.Column<string>(type: "TEXT", nullable: false),
                    Approved = table.Column<string>(type: "TEXT", nullable: true),
                    Withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Standards", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Technologies",
                columns: table => new
                {
                    Slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Technologies", x => x.Slug);
                });

            migrationBuilder.CreateTable(
                name: "Verticals",
                columns: table => new
                {
                    Slug = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Verticals", x => x.Slug);
                });

            migrationBuilder.CreateTable(
                name: "Entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Pid = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 35, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Licence = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Sources = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    StartYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Interoperability = table.Column<string>(type: "TEXT", nullable: true),
                    DataAndIdentifiers = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityAndTrust = table.Column<string>(type: "TEXT", nullable: true),
                    LessonsLearned = table.Column<string>(type: "TEXT", nullable: true),
                    Links = table.Column<string>(type: "TEXT", nullable: true),
                    Scale = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Entries_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "SdgTargets",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    GoalNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SdgTargets", x => x.Code);
                    table.ForeignKey(
                        name: "FK_SdgTargets_SdgGoals_GoalNumber",
                        column: x => x.GoalNumber,
                        principalTable: "SdgGoals",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BestPracticeUseCases",
                columns: table => new
                {
                    CitedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    DrawsOnId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BestPracticeUseCases", x => new { x.CitedById, x.DrawsOnId });
                    table.ForeignKey(
                        name: "FK_BestPracticeUseCases_Entries_CitedById",
                        column: x => x.CitedById,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BestPracticeUseCases_Entries_DrawsOnId",
                        column: x => x.DrawsOnId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EntryCountries",
                columns: table => new
                {
                    CountriesIso2 = table.Column<string>(type: "TEXT", nullable: false),
                    EntriesId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryCountries", x => new { x.CountriesIso2, x.EntriesId });
                    table.ForeignKey(
                        name: "FK_EntryCountries_Countries_CountriesIso2",
                        column: x => x.CountriesIso2,
                        principalTable: "Countries",
                        principalColumn: "Iso2",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EntryCountries_Entries_EntriesId",
                        column: x => x.EntriesId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EntryPartners",
                columns: table => new
                {
                    PartnerInId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnersId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryPartners", x => new { x.PartnerInId, x.PartnersId });
                    table.ForeignKey(
                        name: "FK_EntryPartners_Entries_PartnerInId",
                        column: x => x.PartnerInId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EntryPartners_Organizations_PartnersId",
                        column: x => x.PartnersId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EntrySdgs",
                columns: table => new
                {
                    EntriesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SdgsNumber = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntrySdgs", x => new { x.EntriesId, x.SdgsNumber });
                    table.ForeignKey(
                        name: "FK_EntrySdgs_Entries_EntriesId",
                        column: x => x.EntriesId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EntrySdgs_SdgGoals_SdgsNumber",
                        column: x => x.SdgsNumber,
                        principalTable: "SdgGoals",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EntryStandards",
                columns: table => new
                {
                    EntriesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StandardsCode = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryStandards", x => new { x.EntriesId, x.StandardsCode });
                    table.ForeignKey(
                        name: "FK_EntryStandards_Entries_EntriesId",
                        column: x => x.EntriesId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EntryStandards_Standards_StandardsCode",
                        column: x => x.StandardsCode,
                        principalTable: "Standards",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EntryTechnologies",
                columns: table => new
                {
                    EntriesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TechnologiesSlug = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryTechnologies", x => new { x.EntriesId, x.TechnologiesSlug });
                    table.ForeignKey(
                        name: "FK_EntryTechnologies_Entries_EntriesId",
                        column: x => x.EntriesId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EntryTechnologies_Technologies_TechnologiesSlug",
                        column: x => x.TechnologiesSlug,
                        principalTable: "Technologies",
                        principalColumn: "Slug",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EntryVerticals",
                columns: table => new
                {
                    EntriesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VerticalsSlug = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryVerticals", x => new { x.EntriesId, x.VerticalsSlug });
                    table.ForeignKey(
                        name: "FK_EntryVerticals_Entries_EntriesId",
                        column: x => x.EntriesId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EntryVerticals_Verticals_VerticalsSlug",
                        column: x => x.VerticalsSlug,
                        principalTable: "Verticals",
                        principalColumn: "Slug",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EntrySdgTargets",
                columns: table => new
                {
                    EntriesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SdgTargetsCode = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntrySdgTargets", x => new { x.EntriesId, x.SdgTargetsCode });
                    table.ForeignKey(
                        name: "FK_EntrySdgTargets_Entries_EntriesId",
                        column: x => x.EntriesId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EntrySdgTargets_SdgTargets_SdgTargetsCode",
                        column: x => x.SdgTargetsCode,
                        principalTable: "SdgTargets",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BestPracticeUseCases_DrawsOnId",
                table: "BestPracticeUseCases",
                column: "DrawsOnId");

            migrationBuilder.CreateIndex(
                name: "IX_Entries_OrganizationId",
                table: "Entries",
                column: "OrganizationId");

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

            migrationBuilder.CreateIndex(
                name: "IX_Entries_Status_PublishedAt",
                table: "Entries",
                columns: new[] { "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EntryCountries_EntriesId",
                table: "EntryCountries",
                column: "EntriesId");

            migrationBuilder.CreateIndex(
                name: "IX_EntryPartners_PartnersId",
                table: "EntryPartners",
                column: "PartnersId");

            migrationBuilder.CreateIndex(
                name: "IX_EntrySdgs_SdgsNumber",
                table: "EntrySdgs",
                column: "SdgsNumber");

            migrationBuilder.CreateIndex(
                name: "IX_EntrySdgTargets_SdgTargetsCode",
                table: "EntrySdgTargets",
                column: "SdgTargetsCode");

            migrationBuilder.CreateIndex(
                name: "IX_EntryStandards_StandardsCode",
                table: "EntryStandards",
                column: "StandardsCode");

            migrationBuilder.CreateIndex(
                name: "IX_EntryTechnologies_TechnologiesSlug",
                table: "EntryTechnologies",
                column: "TechnologiesSlug");

            migrationBuilder.CreateIndex(
                name: "IX_EntryVerticals_VerticalsSlug",
                table: "EntryVerticals",
                column: "VerticalsSlug");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Slug",
                table: "Organizations",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pages_Slug_Language",
                table: "Pages",
                columns: new[] { "Slug", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SdgTargets_GoalNumber",
                table: "SdgTargets",
                column: "GoalNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BestPracticeUseCases");

            migrationBuilder.DropTable(
                name: "EntryCountries");

            migrationBuilder.DropTable(
                name: "EntryPartners");

            migrationBuilder.DropTable(
                name: "EntrySdgs");

            migrationBuilder.DropTable(
                name: "EntrySdgTargets");

            migrationBuilder.DropTable(
                name: "EntryStandards");

            migrationBuilder.DropTable(
                name: "EntryTechnologies");

            migrationBuilder.DropTable(
                name: "EntryVerticals");

            migrationBuilder.DropTable(
                name: "ItuRegions");

            migrationBuilder.DropTable(
                name: "Pages");

            migrationBuilder.DropTable(
                name: "Regions");

            migrationBuilder.DropTable(
                name: "Countries");

            migrationBuilder.DropTable(
                name: "SdgTargets");

            migrationBuilder.DropTable(
                name: "Standards");

            migrationBuilder.DropTable(
                name: "Technologies");

            migrationBuilder.DropTable(
                name: "Entries");

            migrationBuilder.DropTable(
                name: "Verticals");

            migrationBuilder.DropTable(
                name: "SdgGoals");

            migrationBuilder.DropTable(
                name: "Organizations");
        }
    }
}
