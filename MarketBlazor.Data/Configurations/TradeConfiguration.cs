using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketBlazor.Data.Configurations;

internal sealed class TradeConfiguration : IEntityTypeConfiguration<Trade>
{
    public void Configure(EntityTypeBuilder<Trade> trade)
    {
        trade.ToTable("trades", table =>
        {
            table.HasCheckConstraint("ck_trades_shares_positive", "shares > 0");
            table.HasCheckConstraint("ck_trades_amount_non_negative", "amount >= 0");
            table.HasCheckConstraint("ck_trades_redeemed_non_negative", "redeemed >= 0");
        });
        trade.Property(t => t.Side).HasConversion(new LowercaseEnumConverter<Side>()).HasMaxLength(3);
        trade.Property(t => t.Action).HasConversion(new LowercaseEnumConverter<TradeAction>()).HasMaxLength(4);
        trade.Property(t => t.Shares).HasPrecision(Precision.Digits, Precision.MoneyScale);
        trade.Property(t => t.Amount).HasPrecision(Precision.Digits, Precision.MoneyScale);
        trade.Property(t => t.Redeemed).HasPrecision(Precision.Digits, Precision.MoneyScale);
        trade.Property(t => t.PriceBefore).HasPrecision(Precision.PriceDigits, Precision.PriceScale);
        trade.Property(t => t.PriceAfter).HasPrecision(Precision.PriceDigits, Precision.PriceScale);
        trade.HasOne<Market>().WithMany().HasForeignKey(t => t.MarketId);
        trade.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId);
        // The replay cursor: one trade per market sequence, read in order by "after=SEQ".
        trade.HasIndex(t => new { t.MarketId, t.MarketSequence }).IsUnique();
        trade.HasIndex(t => new { t.AccountId, t.ExecutedAt });
        trade.HasIndex(t => t.OrderId).IsUnique();
    }
}
