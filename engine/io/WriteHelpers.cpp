#include "engine/io/WriteHelpers.h"

#include "engine/base/TimeZone.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace pipit
{

void writeVarUInt(UInt64 x, WriteBuffer & out)
{
    char buf[10];
    size_t n = 0;
    while (x >= 0x80)
    {
        buf[n++] = static_cast<char>((x & 0x7F) | 0x80);
        x >>= 7;
    }
    buf[n++] = static_cast<char>(x);
    out.write(buf, n);
}

namespace
{

constexpr char two_digits[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                              "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                              "8081828384858687888990919293949596979899";

unsigned digitCount(UInt64 x)
{
    unsigned n = 1;
    while (x >= 10000)
    {
        x /= 10000;
        n += 4;
    }
    return n + (x >= 10) + (x >= 100) + (x >= 1000);
}

char * formatUInt64(UInt64 x, char * buf)
{
    unsigned n = digitCount(x);
    char * p = buf + n;
    while (x >= 100)
    {
        unsigned pair = static_cast<unsigned>(x % 100) * 2;
        x /= 100;
        *--p = two_digits[pair + 1];
        *--p = two_digits[pair];
    }
    if (x >= 10)
    {
        *--p = two_digits[x * 2 + 1];
        *--p = two_digits[x * 2];
    }
    else
        *--p = static_cast<char>('0' + x);
    return buf + n;
}

} // namespace

char * formatUnsigned(UInt128 x, char * buf)
{
    if (x <= static_cast<UInt128>(~UInt64(0))) [[likely]]
        return formatUInt64(static_cast<UInt64>(x), buf);
    // Split into 19-digit chunks: high part, then the low 19 digits zero-padded.
    constexpr UInt64 chunk = 10000000000000000000ULL; // 10^19
    UInt64 low = static_cast<UInt64>(x % chunk);
    char * p = formatUnsigned(x / chunk, buf);
    char tmp[24];
    char * end = formatUInt64(low, tmp);
    size_t len = static_cast<size_t>(end - tmp);
    std::memset(p, '0', 19 - len);
    std::memcpy(p + 19 - len, tmp, len);
    return p + 19;
}

namespace
{

/// Lays out the shortest digits produced by to_chars(scientific) in ClickHouse's notation.
char * layoutShortest(const char * sci, const char * sci_end, char * out)
{
    const char * p = sci;
    if (*p == '-')
        *out++ = *p++;
    char digits[32];
    size_t n = 0;
    while (p < sci_end && *p != 'e')
    {
        if (*p != '.')
            digits[n++] = *p;
        ++p;
    }
    int exponent = 0;
    if (p < sci_end)
        std::from_chars(p + 1 + (p[1] == '+'), sci_end, exponent);
    while (n > 1 && digits[n - 1] == '0')
        --n;
    if (exponent >= -6 && exponent < 21)
    {
        if (exponent < 0)
        {
            *out++ = '0';
            *out++ = '.';
            for (int i = 0; i < -exponent - 1; ++i)
                *out++ = '0';
            std::memcpy(out, digits, n);
            return out + n;
        }
        size_t int_digits = static_cast<size_t>(exponent) + 1;
        for (size_t i = 0; i < int_digits; ++i)
            *out++ = i < n ? digits[i] : '0';
        if (n > int_digits)
        {
            *out++ = '.';
            std::memcpy(out, digits + int_digits, n - int_digits);
            out += n - int_digits;
        }
        return out;
    }
    *out++ = digits[0];
    if (n > 1)
    {
        *out++ = '.';
        std::memcpy(out, digits + 1, n - 1);
        out += n - 1;
    }
    *out++ = 'e';
    return std::to_chars(out, out + 8, exponent).ptr;
}

template <typename T>
char * formatFloatImpl(T x, char * buf)
{
    if (std::isnan(x))
    {
        std::memcpy(buf, "nan", 3);
        return buf + 3;
    }
    if (std::isinf(x))
    {
        if (x < 0)
        {
            std::memcpy(buf, "-inf", 4);
            return buf + 4;
        }
        std::memcpy(buf, "inf", 3);
        return buf + 3;
    }
    if (x == 0)
    {
        if (std::signbit(x))
        {
            std::memcpy(buf, "-0", 2);
            return buf + 2;
        }
        *buf = '0';
        return buf + 1;
    }
    // Integers below 2^53 print exactly as integers (fast path, same result).
    constexpr T exact_integer_limit = std::is_same_v<T, Float32> ? T(16777216.0f) : T(9007199254740992.0);
    if (x == std::trunc(x) && std::fabs(x) < exact_integer_limit)
        return formatInt(static_cast<Int64>(x), buf);
    char sci[48];
    auto res = std::to_chars(sci, sci + sizeof(sci), x, std::chars_format::scientific);
    return layoutShortest(sci, res.ptr, buf);
}

void writeTwoDigits(unsigned v, char * p)
{
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
}

/// Writes YYYY-MM-DD into p (10 bytes) for years 0..9999; returns bytes written.
size_t formatDate(const CivilDate & d, char * p)
{
    if (d.year < 0 || d.year > 9999)
    {
        char * end = formatInt(d.year, p);
        size_t n = static_cast<size_t>(end - p);
        p[n] = '-';
        writeTwoDigits(d.month, p + n + 1);
        p[n + 3] = '-';
        writeTwoDigits(d.day, p + n + 4);
        return n + 6;
    }
    unsigned y = static_cast<unsigned>(d.year);
    writeTwoDigits(y / 100, p);
    writeTwoDigits(y % 100, p + 2);
    p[4] = '-';
    writeTwoDigits(d.month, p + 5);
    p[7] = '-';
    writeTwoDigits(d.day, p + 8);
    return 10;
}

void writeEscapedImpl(std::string_view s, char quote, WriteBuffer & out)
{
    const char * p = s.data();
    const char * end = p + s.size();
    const char * run = p;
    for (; p < end; ++p)
    {
        char c = *p;
        const char * esc = nullptr;
        switch (c)
        {
        case '\b':
            esc = "\\b";
            break;
        case '\f':
            esc = "\\f";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\0':
            esc = "\\0";
            break;
        case '\\':
            esc = "\\\\";
            break;
        default:
            if (c == quote)
            {
                out.write(run, static_cast<size_t>(p - run));
                out.write('\\');
                out.write(c);
                run = p + 1;
            }
            continue;
        }
        out.write(run, static_cast<size_t>(p - run));
        out.write(esc, 2);
        run = p + 1;
    }
    out.write(run, static_cast<size_t>(end - run));
}

} // namespace

char * formatFloat(Float64 x, char * buf)
{
    return formatFloatImpl(x, buf);
}

char * formatFloat(Float32 x, char * buf)
{
    return formatFloatImpl(x, buf);
}

void writeEscapedString(std::string_view s, WriteBuffer & out)
{
    writeEscapedImpl(s, '\'', out);
}

void writeQuotedString(std::string_view s, WriteBuffer & out)
{
    out.write('\'');
    writeEscapedImpl(s, '\'', out);
    out.write('\'');
}

void writeDoubleQuotedString(std::string_view s, WriteBuffer & out)
{
    out.write('"');
    writeEscapedImpl(s, '"', out);
    out.write('"');
}

void writeBackQuotedString(std::string_view s, WriteBuffer & out)
{
    out.write('`');
    writeEscapedImpl(s, '`', out);
    out.write('`');
}

void writeCSVString(std::string_view s, WriteBuffer & out)
{
    out.write('"');
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i)
    {
        if (s[i] == '"')
        {
            out.write(s.data() + start, i + 1 - start);
            out.write('"');
            start = i + 1;
        }
    }
    out.write(s.data() + start, s.size() - start);
    out.write('"');
}

void writeJSONString(std::string_view s, WriteBuffer & out, bool escape_forward_slashes)
{
    out.write('"');
    const char * p = s.data();
    const char * end = p + s.size();
    const char * run = p;
    for (; p < end; ++p)
    {
        unsigned char c = static_cast<unsigned char>(*p);
        const char * esc = nullptr;
        size_t skip = 1;
        char hex[6];
        switch (c)
        {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\b':
            esc = "\\b";
            break;
        case '\f':
            esc = "\\f";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '/':
            if (!escape_forward_slashes)
                continue;
            esc = "\\/";
            break;
        default:
            if (c < 0x20)
            {
                hex[0] = '\\';
                hex[1] = 'u';
                hex[2] = '0';
                hex[3] = '0';
                hex[4] = static_cast<char>('0' + (c >> 4));
                hex[5] = "0123456789ABCDEF"[c & 0xF];
                out.write(run, static_cast<size_t>(p - run));
                out.write(hex, 6);
                run = p + 1;
                continue;
            }
            if (c == 0xE2 && end - p >= 3 && p[1] == '\x80' && (p[2] == '\xA8' || p[2] == '\xA9'))
            {
                esc = p[2] == '\xA8' ? "\\u2028" : "\\u2029";
                skip = 3;
                break;
            }
            continue;
        }
        out.write(run, static_cast<size_t>(p - run));
        out.write(std::string_view(esc));
        p += skip - 1;
        run = p + 1;
    }
    out.write(run, static_cast<size_t>(end - run));
    out.write('"');
}

void writeDateText(Int32 days, WriteBuffer & out)
{
    char buf[32];
    size_t n = formatDate(TimeZone::civilFromDays(days), buf);
    out.write(buf, n);
}

void writeDateTimeText(Int64 t, const TimeZone & tz, WriteBuffer & out)
{
    Int64 local = tz.toLocalSeconds(t);
    Int64 days = TimeZone::floorDiv(local, 86400);
    unsigned sod = static_cast<unsigned>(local - days * 86400);
    char buf[40];
    size_t n = formatDate(TimeZone::civilFromDays(static_cast<Int32>(days)), buf);
    char * p = buf + n;
    p[0] = ' ';
    writeTwoDigits(sod / 3600, p + 1);
    p[3] = ':';
    writeTwoDigits(sod / 60 % 60, p + 4);
    p[6] = ':';
    writeTwoDigits(sod % 60, p + 7);
    out.write(buf, n + 9);
}

void writeDateTime64Text(Int64 ticks, UInt32 scale, const TimeZone & tz, WriteBuffer & out)
{
    Int64 multiplier = 1;
    for (UInt32 i = 0; i < scale; ++i)
        multiplier *= 10;
    Int64 seconds = TimeZone::floorDiv(ticks, multiplier);
    Int64 fraction = ticks - seconds * multiplier;
    writeDateTimeText(seconds, tz, out);
    if (scale == 0)
        return;
    char buf[24];
    buf[0] = '.';
    for (UInt32 i = scale; i > 0; --i)
    {
        buf[i] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    out.write(buf, scale + 1);
}

void writeDecimalText(Int128 value, UInt32 scale, WriteBuffer & out, bool trailing_zeros)
{
    UInt128 magnitude = value < 0 ? static_cast<UInt128>(0) - static_cast<UInt128>(value) : static_cast<UInt128>(value);
    if (value < 0)
        out.write('-');
    UInt128 divisor = 1;
    for (UInt32 i = 0; i < scale; ++i)
        divisor *= 10;
    writeIntText(magnitude / divisor, out);
    if (scale == 0)
        return;
    UInt128 fraction = magnitude % divisor;
    char buf[48];
    for (UInt32 i = scale; i > 0; --i)
    {
        buf[i] = static_cast<char>('0' + static_cast<int>(fraction % 10));
        fraction /= 10;
    }
    size_t n = scale;
    if (!trailing_zeros)
        while (n > 0 && buf[n] == '0')
            --n;
    if (n == 0)
        return;
    buf[0] = '.';
    out.write(buf, n + 1);
}

void writeUUIDText(UInt128 value, WriteBuffer & out)
{
    char buf[36];
    size_t pos = 0;
    for (int nibble = 31; nibble >= 0; --nibble)
    {
        if (nibble == 23 || nibble == 19 || nibble == 15 || nibble == 11)
            buf[pos++] = '-';
        buf[pos++] = "0123456789abcdef"[static_cast<unsigned>(value >> (nibble * 4)) & 0xF];
    }
    out.write(buf, sizeof(buf));
}

} // namespace pipit
