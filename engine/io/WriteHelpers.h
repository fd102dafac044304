#pragma once

#include "engine/base/BasicTypes.h"
#include "engine/io/WriteBuffer.h"

#include <cstring>
#include <limits>
#include <string_view>
#include <type_traits>

namespace pipit
{

class TimeZone;

/// std::is_signed / numeric_limits do not know __int128 in strict C++20 mode.
template <typename T>
inline constexpr bool is_signed_integer_v = std::is_signed_v<T> || std::is_same_v<T, Int128>;
template <typename T>
constexpr T integerMax()
{
    if constexpr (std::is_same_v<T, Int128>)
        return static_cast<Int128>(~UInt128(0) >> 1);
    else if constexpr (std::is_same_v<T, UInt128>)
        return ~UInt128(0);
    else
        return std::numeric_limits<T>::max();
}
template <typename T>
constexpr T integerMin()
{
    if constexpr (std::is_same_v<T, Int128>)
        return static_cast<Int128>(UInt128(1) << 127);
    else if constexpr (std::is_same_v<T, UInt128>)
        return 0;
    else
        return std::numeric_limits<T>::min();
}

/// Text and binary writers shared by data types and formats. Text output follows ClickHouse.

/// LEB128 unsigned varint (1..10 bytes).
void writeVarUInt(UInt64 x, WriteBuffer & out);

/// Raw little-endian bytes of a fixed-width value.
template <typename T>
inline void writePODBinary(const T & x, WriteBuffer & out)
{
    static_assert(std::is_trivially_copyable_v<T>);
    out.write(reinterpret_cast<const char *>(&x), sizeof(T));
}

/// Decimal digits of an integer of any width into `buf` (at least 40 bytes); returns the end.
char * formatUnsigned(UInt128 x, char * buf);
template <typename T>
inline char * formatInt(T x, char * buf)
{
    if constexpr (is_signed_integer_v<T>)
    {
        if (x < 0)
        {
            *buf++ = '-';
            return formatUnsigned(static_cast<UInt128>(0) - static_cast<UInt128>(static_cast<Int128>(x)), buf);
        }
    }
    return formatUnsigned(static_cast<UInt128>(x), buf);
}
template <typename T>
inline void writeIntText(T x, WriteBuffer & out)
{
    char buf[48];
    char * end = formatInt(x, buf);
    out.write(buf, static_cast<size_t>(end - buf));
}

/// Shortest text that reads back to the same value, ClickHouse style: plain notation when the
/// decimal exponent is in [-6, 21) (0.1, 0.000001, 100000000000000000000), otherwise 1e21, 1e-7,
/// 1.5e-7; negative zero is -0; infinities inf / -inf; NaN nan. `buf` needs 32 bytes.
char * formatFloat(Float64 x, char * buf);
char * formatFloat(Float32 x, char * buf);
template <typename T>
inline void writeFloatText(T x, WriteBuffer & out)
{
    char buf[48];
    char * end = formatFloat(x, buf);
    out.write(buf, static_cast<size_t>(end - buf));
}

/// TSV escaping: \b \f \n \r \t \0 \\ and \' become backslash sequences, other bytes pass through.
void writeEscapedString(std::string_view s, WriteBuffer & out);
/// 'text' with the TSV escapes (the quote escaped as \').
void writeQuotedString(std::string_view s, WriteBuffer & out);
/// "text" with the TSV escapes (the quote escaped as \").
void writeDoubleQuotedString(std::string_view s, WriteBuffer & out);
/// `text` with backslash escapes (identifiers).
void writeBackQuotedString(std::string_view s, WriteBuffer & out);
/// "text" with " doubled; nothing else is escaped.
void writeCSVString(std::string_view s, WriteBuffer & out);
/// "text" with JSON escapes: \" \\ \b \f \n \r \t, other bytes < 0x20 as \u00XX (uppercase hex),
/// U+2028/U+2029 as \u2028/\u2029, and / as \/ when escape_forward_slashes (ClickHouse default).
void writeJSONString(std::string_view s, WriteBuffer & out, bool escape_forward_slashes = true);

/// YYYY-MM-DD of days since 1970-01-01 (Date and Date32).
void writeDateText(Int32 days, WriteBuffer & out);
/// YYYY-MM-DD hh:mm:ss of an instant in `tz`.
void writeDateTimeText(Int64 t, const TimeZone & tz, WriteBuffer & out);
/// YYYY-MM-DD hh:mm:ss[.f{scale}] of `ticks` (10^-scale seconds since the epoch) in `tz`.
void writeDateTime64Text(Int64 ticks, UInt32 scale, const TimeZone & tz, WriteBuffer & out);
/// Decimal `value` / 10^scale: "-1.05". Trailing fractional zeros are dropped unless
/// `trailing_zeros` (modern ClickHouse default: dropped, 1.50 -> 1.5, 2.00 -> 2).
void writeDecimalText(Int128 value, UInt32 scale, WriteBuffer & out, bool trailing_zeros = false);
/// 8-4-4-4-12 lowercase hex of the 128-bit value, most significant nibble first.
void writeUUIDText(UInt128 value, WriteBuffer & out);

} // namespace pipit
