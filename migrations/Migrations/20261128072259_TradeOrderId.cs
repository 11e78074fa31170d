using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MarketBlazor.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class TradeOrderId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "order_id",
                table: "trades",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");

            // Existing trades each get an id of their own; new rows always carry their order's id.
            migrationBuilder.Sql("ALTER TABLE trades ALTER COLUMN order_id DROP DEFAULT;");

            migrationBuilder.CreateIndex(
                name: "ix_trades_order_id",
                table: "trades",
                column: "order_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_trades_order_id",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "order_id",
                table: "trades");
        }
    }
}
