using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MarketBlazor.Migrations.Migrations
{
    /// <summary>
    /// pg_stat_statements for the admin insights page, where the server has it: a server without the
    /// extension (or a role that may not create it) still migrates, and the page says so.
    /// </summary>
    public partial class QueryStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements') THEN
                        CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
                    END IF;
                EXCEPTION WHEN insufficient_privilege THEN
                    -- Only a superuser (or the cloud's admin role) may create it; the app runs without it.
                    RAISE NOTICE 'pg_stat_statements not created: %', SQLERRM;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP EXTENSION IF EXISTS pg_stat_statements;");
        }
    }
}
