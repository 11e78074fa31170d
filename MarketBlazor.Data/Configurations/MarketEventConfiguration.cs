using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketBlazor.Data.Configurations;

internal sealed class MarketEventConfiguration : IEntityTypeConfiguration<MarketEvent>
{
    public void Configure(EntityTypeBuilder<MarketEvent> change)
    {
        change.ToTable("market_events", table =>
        {
            table.HasCheckConstraint("ck_market_events_kind", "kind IN ('closed', 'resolved')");
            table.HasCheckConstraint("ck_market_events_sequence_positive", "market_sequence > 0");
        });
        change.Property(e => e.Kind).HasConversion(new LowercaseEnumConverter<MarketEventKind>()).HasMaxLength(10);
        change.Property(e => e.Resolution).HasConversion(new LowercaseEnumConverter<Resolution>()).HasMaxLength(3);
        change.Property(e => e.ResolutionProbability).HasPrecision(Precision.PriceDigits, Precision.PriceScale);
        change.Property(e => e.TotalPaid).HasPrecision(Precision.Digits, Precision.MoneyScale);
        change.Property(e => e.CreatorRemainder).HasPrecision(Precision.Digits, Precision.MoneyScale);
        change.HasOne<Market>().WithMany().HasForeignKey(e => e.MarketId);
        change.HasOne<Account>().WithMany().HasForeignKey(e => e.ActorAccountId);
        // Shares the cursor with trades: one change per market sequence.
        change.HasIndex(e => new { e.MarketId, e.MarketSequence }).IsUnique();
    }
}
