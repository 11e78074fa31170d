using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Data.Configurations;

/// <summary>Identity's tables under plain names (users, roles, ...) instead of asp_net_*, like every other table here.</summary>
internal static class IdentityTables
{
    public static void Name(ModelBuilder model)
    {
        model.Entity<IdentityRole>().ToTable("roles");
        model.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        model.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        model.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        model.Entity<IdentityUserPasskey<string>>().ToTable("user_passkeys");
    }
}
