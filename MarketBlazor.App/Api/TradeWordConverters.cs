using System.Text.Json;
using System.Text.Json.Serialization;
using MarketBlazor.Data.Entities;

namespace MarketBlazor.App.Api;

/// <summary>Reads side as the word 'yes' or 'no' only: the default enum converter would also take 0, 1 or "1".</summary>
internal sealed class SideWordConverter : JsonConverter<Side>
{
    public override Side Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TradeWords.Side(reader.TokenType == JsonTokenType.String ? reader.GetString() : null)
        ?? throw new JsonException("side must be 'yes' or 'no'.");

    public override void Write(Utf8JsonWriter writer, Side value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value == Side.Yes ? "yes" : "no");
}

/// <summary>Reads action as the word 'buy' or 'sell' only.</summary>
internal sealed class ActionWordConverter : JsonConverter<TradeAction>
{
    public override TradeAction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TradeWords.Action(reader.TokenType == JsonTokenType.String ? reader.GetString() : null)
        ?? throw new JsonException("action must be 'buy' or 'sell'.");

    public override void Write(Utf8JsonWriter writer, TradeAction value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value == TradeAction.Buy ? "buy" : "sell");
}
