using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MarketBlazor.Data.Configurations;

/// <summary>Stores enums as lowercase text so hand-written SQL reads naturally ("where status = 'open'").</summary>
internal sealed class LowercaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToString().ToLowerInvariant(),
    text => Enum.Parse<TEnum>(text, true))
    where TEnum : struct, Enum;
