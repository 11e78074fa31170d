using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketBlazor.Data.Configurations;

internal sealed class CashMovementConfiguration : IEntityTypeConfiguration<CashMovement>
{
    public void Configure(EntityTypeBuilder<CashMovement> movement)
    {
        movement.ToTable("cash_movements", table =>
        {
            table.HasCheckConstraint("ck_cash_movements_kind", "kind IN ('subsidy', 'payout', 'refund', 'remainder')");
            // A subsidy is paid in; everything else is paid out by the market.
            table.HasCheckConstraint("ck_cash_movements_sign", "(kind = 'subsidy') = (amount < 0) OR amount = 0");
        });
        movement.Property(m => m.Kind).HasConversion(new LowercaseEnumConverter<CashMovementKind>()).HasMaxLength(10);
        movement.Property(m => m.Amount).HasPrecision(Precision.Digits, Precision.MoneyScale);
        movement.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId);
        movement.HasOne<Market>().WithMany().HasForeignKey(m => m.MarketId);
        movement.HasIndex(m => new { m.AccountId, m.CreatedAt });
        movement.HasIndex(m => m.MarketId);
    }
}
