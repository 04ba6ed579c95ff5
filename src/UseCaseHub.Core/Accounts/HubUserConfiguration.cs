using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace UseCaseHub.Core.Accounts;

internal sealed class HubUserConfiguration : IEntityTypeConfiguration<HubUser>
{
    public void Configure(EntityTypeBuilder<HubUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(200);
        user.Property(u => u.RequestedOrganization).HasMaxLength(300);
        user.Property(u => u.CountryIso2).HasMaxLength(2);
        // Deleting an organisation detaches its people; deleting a person never touches entries (they belong to the organisation).
        user.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.SetNull);
    }
}
