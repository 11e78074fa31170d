using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketBlazor.Data.Configurations;

internal sealed class PositionConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> position)
    {
        position.ToTable("positions", table =>
            table.HasCheckConstraint("ck_positions_shares_non_negative", "yes_shares >= 0 AND no_shares >= 0"));
        position.HasKey(p => new { p.AccountId, p.MarketId });
        position.Property(p => p.YesShares).HasPrecision(Precision.Digits, Precision.MoneyScale);
        position.Property(p => p.NoShares).HasPrecision(Precision.Digits, Precision.MoneyScale);
        position.Property(p => p.CostBasis).HasPrecision(Precision.Digits, Precision.MoneyScale);
        position.HasOne(p => p.Market).WithMany().HasForeignKey(p => p.MarketId);
        position.HasIndex(p => p.MarketId);
    }
}
