using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketBlazor.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.ToTable("accounts", table =>
        {
            table.HasCheckConstraint("ck_accounts_balance_non_negative", "balance >= 0");
            table.HasCheckConstraint("ck_accounts_granted_non_negative", "granted >= 0");
        });
        account.Property(a => a.DisplayName).HasMaxLength(80);
        account.Property(a => a.Balance).HasPrecision(Precision.Digits, Precision.MoneyScale);
        account.Property(a => a.Granted).HasPrecision(Precision.Digits, Precision.MoneyScale);
        account.HasMany(a => a.Positions).WithOne().HasForeignKey(p => p.AccountId);
        account.Property(a => a.UserId).HasMaxLength(450);
        account.HasIndex(a => a.UserId).IsUnique();
        account.HasOne<MarketUser>().WithOne(u => u.Account).HasForeignKey<Account>(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
