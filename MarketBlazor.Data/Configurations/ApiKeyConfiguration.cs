using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MarketBlazor.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("api_keys", table => table.HasCheckConstraint("ck_api_keys_hash_sha256", "octet_length(hash) = 32"));
        key.Property(k => k.Name).HasMaxLength(80);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.UserId).HasMaxLength(450);
        key.HasIndex(k => k.Hash).IsUnique();
        key.HasIndex(k => k.UserId);
        key.HasOne<MarketUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
