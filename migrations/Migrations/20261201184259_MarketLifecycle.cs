using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MarketBlazor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class MarketLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "outcome",
                table: "markets",
                newName: "resolution");

            migrationBuilder.AddColumn<decimal>(
                name: "redeemed",
                table: "trades",
                type: "numeric(20,6)",
                precision: 20,
                scale: 6,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "markets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "creator_account_id",
                table: "markets",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "initial_no_shares",
                table: "markets",
                type: "numeric(20,6)",
                precision: 20,
                scale: 6,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "initial_yes_shares",
                table: "markets",
                type: "numeric(20,6)",
                precision: 20,
                scale: 6,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "resolution_probability",
                table: "markets",
                type: "numeric(12,10)",
                precision: 12,
                scale: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolved_at",
                table: "markets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "subsidy",
                table: "markets",
                type: "numeric(20,6)",
                precision: 20,
                scale: 6,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "cash_movements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    market_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    market_sequence = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cash_movements", x => x.id);
                    table.CheckConstraint("ck_cash_movements_kind", "kind IN ('subsidy', 'payout', 'refund', 'remainder')");
                    table.CheckConstraint("ck_cash_movements_sign", "(kind = 'subsidy') = (amount < 0) OR amount = 0");
                    table.ForeignKey(
                        name: "fk_cash_movements_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_cash_movements_markets_market_id",
                        column: x => x.market_id,
                        principalTable: "markets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "market_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    market_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    market_sequence = table.Column<long>(type: "bigint", nullable: false),
                    resolution = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    resolution_probability = table.Column<decimal>(type: "numeric(12,10)", precision: 12, scale: 10, nullable: true),
                    total_paid = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    creator_remainder = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    actor_account_id = table.Column<int>(type: "integer", nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_events", x => x.id);
                    table.CheckConstraint("ck_market_events_kind", "kind IN ('closed', 'resolved')");
                    table.CheckConstraint("ck_market_events_sequence_positive", "market_sequence > 0");
                    table.ForeignKey(
                        name: "fk_market_events_accounts_actor_account_id",
                        column: x => x.actor_account_id,
                        principalTable: "accounts",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_market_events_markets_market_id",
                        column: x => x.market_id,
                        principalTable: "markets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_trades_redeemed_non_negative",
                table: "trades",
                sql: "redeemed >= 0");

            migrationBuilder.CreateIndex(
                name: "ix_markets_creator_account_id",
                table: "markets",
                column: "creator_account_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_markets_initial_shares_non_negative",
                table: "markets",
                sql: "initial_yes_shares >= 0 AND initial_no_shares >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_markets_resolution",
                table: "markets",
                sql: "resolution IN ('yes', 'no', 'mkt', 'na')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_markets_resolved_has_resolution",
                table: "markets",
                sql: "(status = 'resolved') = (resolution IS NOT NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_markets_subsidy_non_negative",
                table: "markets",
                sql: "subsidy >= 0");

            migrationBuilder.CreateIndex(
                name: "ix_cash_movements_account_id_created_at",
                table: "cash_movements",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cash_movements_market_id",
                table: "cash_movements",
                column: "market_id");

            migrationBuilder.CreateIndex(
                name: "ix_market_events_actor_account_id",
                table: "market_events",
                column: "actor_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_market_events_market_id_market_sequence",
                table: "market_events",
                columns: new[] { "market_id", "market_sequence" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_markets_accounts_creator_account_id",
                table: "markets",
                column: "creator_account_id",
                principalTable: "accounts",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_markets_accounts_creator_account_id",
                table: "markets");

            migrationBuilder.DropTable(
                name: "cash_movements");

            migrationBuilder.DropTable(
                name: "market_events");

            migrationBuilder.DropCheckConstraint(
                name: "ck_trades_redeemed_non_negative",
                table: "trades");

            migrationBuilder.DropIndex(
                name: "ix_markets_creator_account_id",
                table: "markets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_markets_initial_shares_non_negative",
                table: "markets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_markets_resolution",
                table: "markets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_markets_resolved_has_resolution",
                table: "markets");

            migrationBuilder.DropCheckConstraint(
                name: "ck_markets_subsidy_non_negative",
                table: "markets");

            migrationBuilder.DropColumn(
                name: "redeemed",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "markets");

            migrationBuilder.DropColumn(
                name: "creator_account_id",
                table: "markets");

            migrationBuilder.DropColumn(
                name: "initial_no_shares",
                table: "markets");

            migrationBuilder.DropColumn(
                name: "initial_yes_shares",
                table: "markets");

            migrationBuilder.DropColumn(
                name: "resolution_probability",
                table: "markets");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                table: "markets");

            migrationBuilder.DropColumn(
                name: "subsidy",
                table: "markets");

            migrationBuilder.RenameColumn(
                name: "resolution",
                table: "markets",
                newName: "outcome");
        }
    }
}
