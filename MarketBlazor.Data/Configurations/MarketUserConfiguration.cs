using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketBlazor.Data.Configurations;

internal sealed class MarketUserConfiguration : IEntityTypeConfiguration<MarketUser>
{
    public void Configure(EntityTypeBuilder<MarketUser> user)
    {
        user.ToTable("users");
        user.Property(u => u.DisplayName).HasMaxLength(80);
    }
}
