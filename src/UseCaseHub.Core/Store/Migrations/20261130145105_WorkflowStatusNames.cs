using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UseCaseHub.Core.Store.Migrations
{
    /// <summary>
    /// The workflow's state names: InReview became UnderAssessment and Returned became ReturnedForRevision
    /// (Retired is new). Statuses are stored by name, so stored rows are renamed; the column's length (16 to 24)
    /// is not enforced by SQLite and needs no table rebuild. Neither old state was public, so the search index's
    /// visibility is unaffected.
    /// </summary>
    public partial class WorkflowStatusNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"Entries\" SET \"Status\" = 'UnderAssessment' WHERE \"Status\" = 'InReview';");
            migrationBuilder.Sql("UPDATE \"Entries\" SET \"Status\" = 'ReturnedForRevision' WHERE \"Status\" = 'Returned';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"Entries\" SET \"Status\" = 'InReview' WHERE \"Status\" = 'UnderAssessment';");
            migrationBuilder.Sql("UPDATE \"Entries\" SET \"Status\" = 'Returned' WHERE \"Status\" = 'ReturnedForRevision';");
            // Retired has no earlier name: it was a published entry.
            migrationBuilder.Sql("UPDATE \"Entries\" SET \"Status\" = 'Published' WHERE \"Status\" = 'Retired';");
        }
    }
}
