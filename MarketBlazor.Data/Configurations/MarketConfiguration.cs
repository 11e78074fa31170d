using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketBlazor.Data.Configurations;

internal sealed class MarketConfiguration : IEntityTypeConfiguration<Market>
{
    public void Configure(EntityTypeBuilder<Market> market)
    {
        market.ToTable("markets", table =>
        {
            table.HasCheckConstraint("ck_markets_liquidity_positive", "liquidity_b > 0");
            table.HasCheckConstraint("ck_markets_shares_non_negative", "yes_shares >= 0 AND no_shares >= 0");
            table.HasCheckConstraint("ck_markets_sequence_non_negative", "sequence >= 0");
            table.HasCheckConstraint("ck_markets_status", "status IN ('open', 'closed', 'resolved')");
            table.HasCheckConstraint("ck_markets_resolution", "resolution IN ('yes', 'no', 'mkt', 'na')");
            table.HasCheckConstraint("ck_markets_resolved_has_resolution", "(status = 'resolved') = (resolution IS NOT NULL)");
            table.HasCheckConstraint("ck_markets_initial_shares_non_negative", "initial_yes_shares >= 0 AND initial_no_shares >= 0");
            table.HasCheckConstraint("ck_markets_subsidy_non_negative", "subsidy >= 0");
        });
        market.Property(m => m.Slug).HasMaxLength(120);
        market.Property(m => m.Question).HasMaxLength(300);
        market.Property(m => m.Description).HasMaxLength(4000);
        market.Property(m => m.Category).HasMaxLength(40);
        market.Property(m => m.Status).HasConversion(new LowercaseEnumConverter<MarketStatus>()).HasMaxLength(10);
        market.Property(m => m.Resolution).HasConversion(new LowercaseEnumConverter<Resolution>()).HasMaxLength(3);
        market.Property(m => m.ResolutionProbability).HasPrecision(Precision.PriceDigits, Precision.PriceScale);
        market.Property(m => m.InitialYesShares).HasPrecision(Precision.Digits, Precision.MoneyScale);
        market.Property(m => m.InitialNoShares).HasPrecision(Precision.Digits, Precision.MoneyScale);
        market.Property(m => m.Subsidy).HasPrecision(Precision.Digits, Precision.MoneyScale);
        market.HasOne<Account>().WithMany().HasForeignKey(m => m.CreatorAccountId);
        market.Property(m => m.LiquidityB).HasPrecision(Precision.Digits, 2);
        market.Property(m => m.YesShares).HasPrecision(Precision.Digits, Precision.MoneyScale);
        market.Property(m => m.NoShares).HasPrecision(Precision.Digits, Precision.MoneyScale);
        market.Property(m => m.Volume).HasPrecision(Precision.Digits, Precision.MoneyScale);
        market.Property(m => m.Collected).HasPrecision(Precision.Digits, Precision.MoneyScale);
        market.HasIndex(m => m.Slug).IsUnique();
        market.HasIndex(m => new { m.Status, m.ClosesAt });
    }
}
