using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MarketBlazor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    display_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    balance = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    granted = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    is_simulated = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.id);
                    table.CheckConstraint("ck_accounts_balance_non_negative", "balance >= 0");
                    table.CheckConstraint("ck_accounts_granted_non_negative", "granted >= 0");
                });

            migrationBuilder.CreateTable(
                name: "markets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    question = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    outcome = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    liquidity_b = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    yes_shares = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    no_shares = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    volume = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    collected = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_markets", x => x.id);
                    table.CheckConstraint("ck_markets_liquidity_positive", "liquidity_b > 0");
                    table.CheckConstraint("ck_markets_sequence_non_negative", "sequence >= 0");
                    table.CheckConstraint("ck_markets_shares_non_negative", "yes_shares >= 0 AND no_shares >= 0");
                    table.CheckConstraint("ck_markets_status", "status IN ('open', 'closed', 'resolved')");
                });

            migrationBuilder.CreateTable(
                name: "positions",
                columns: table => new
                {
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    market_id = table.Column<int>(type: "integer", nullable: false),
                    yes_shares = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    no_shares = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    cost_basis = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_positions", x => new { x.account_id, x.market_id });
                    table.CheckConstraint("ck_positions_shares_non_negative", "yes_shares >= 0 AND no_shares >= 0");
                    table.ForeignKey(
                        name: "fk_positions_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_positions_markets_market_id",
                        column: x => x.market_id,
                        principalTable: "markets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "trades",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    market_id = table.Column<int>(type: "integer", nullable: false),
                    account_id = table.Column<int>(type: "integer", nullable: false),
                    side = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    action = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    shares = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    price_before = table.Column<decimal>(type: "numeric(12,10)", precision: 12, scale: 10, nullable: false),
                    price_after = table.Column<decimal>(type: "numeric(12,10)", precision: 12, scale: 10, nullable: false),
                    market_sequence = table.Column<long>(type: "bigint", nullable: false),
                    executed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trades", x => x.id);
                    table.CheckConstraint("ck_trades_amount_non_negative", "amount >= 0");
                    table.CheckConstraint("ck_trades_shares_positive", "shares > 0");
                    table.ForeignKey(
                        name: "fk_trades_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_trades_markets_market_id",
                        column: x => x.market_id,
                        principalTable: "markets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_markets_slug",
                table: "markets",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_markets_status_closes_at",
                table: "markets",
                columns: new[] { "status", "closes_at" });

            migrationBuilder.CreateIndex(
                name: "ix_positions_market_id",
                table: "positions",
                column: "market_id");

            migrationBuilder.CreateIndex(
                name: "ix_trades_account_id_executed_at",
                table: "trades",
                columns: new[] { "account_id", "executed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_trades_market_id_market_sequence",
                table: "trades",
                columns: new[] { "market_id", "market_sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "positions");

            migrationBuilder.DropTable(
                name: "trades");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "markets");
        }
    }
}
