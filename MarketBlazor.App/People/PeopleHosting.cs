using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.App.People;

public static class PeopleHosting
{
    /// <summary>ASP.NET Core Identity on the market database, the API key scheme, and the authorization policies.</summary>
    public static void AddPeople(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PeopleOptions>(builder.Configuration.GetSection(PeopleOptions.Section));
        services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<OrderThrottle>();
        services.AddSingleton<LaunchThrottle>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(cookie =>
            {
                cookie.LoginPath = "/Account/Login";
                cookie.AccessDeniedPath = "/Account/AccessDenied";
                cookie.ExpireTimeSpan = TimeSpan.FromDays(30);
                cookie.SlidingExpiration = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.HttpOnly = true;
            }));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        // Identity's stores want a scoped context: one from the same pool, returned at the end of the request.
        services.AddScoped(s => s.GetRequiredService<IDbContextFactory<MarketDbContext>>().CreateDbContext());
        services.AddIdentityCore<MarketUser>(options =>
            {
                options.Stores.SchemaVersion = IdentitySchema.Version;
                options.SignIn.RequireConfirmedAccount = false;
                // Unique but optional (guests have none): OptionalUniqueEmailValidator, below.
                options.User.RequireUniqueEmail = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MarketDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<MarketClaimsPrincipalFactory>()
            .AddUserValidator<OptionalUniqueEmailValidator>();

        services.AddSingleton<IEmailSender<MarketUser>, LoggingEmailSender>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<SignOutSignal>();
        services.AddSingleton<SecurityStamps>();
        services.AddScoped<UserAccounts>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<CurrentTrader>();

        var development = builder.Environment.IsDevelopment();
        services.AddAuthorizationBuilder()
            .AddPolicy(MarketPolicies.Trader, policy => policy.RequireAuthenticatedUser().RequireClaim(MarketClaims.AccountId))
            .AddPolicy(MarketPolicies.Member, policy => policy.RequireAuthenticatedUser().RequireClaim(MarketClaims.AccountId)
                .RequireAssertion(context => !context.User.HasClaim(MarketClaims.Guest, "true")))
            .AddPolicy(MarketPolicies.Admin, policy => policy.RequireRole(MarketRoles.Admin))
            .AddPolicy(MarketPolicies.ApiClient, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(MarketClaims.AccountId))
            .AddPolicy(MarketPolicies.Simulator, policy => policy.RequireAssertion(context =>
                development || context.User.IsInRole(MarketRoles.Admin)));
    }
}
