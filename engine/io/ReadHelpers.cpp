#include "engine/io/ReadHelpers.h"

#include "engine/base/Exception.h"
#include "engine/base/TimeZone.h"
#include "engine/io/WriteHelpers.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace pipit
{

std::string quoteForError(std::string_view s)
{
    const bool shortened = s.size() > 100;
    std::string_view shown = shortened ? s.substr(0, 100) : s;
    std::string quoted;
    quoted.reserve(shown.size() + 5);
    quoted.push_back('\'');
    quoted.append(shown);
    quoted.append(shortened ? "...'" : "'");
    return quoted;
}

UInt64 readVarUInt(ReadBuffer & in)
{
    UInt64 x = 0;
    for (unsigned shift = 0; shift < 70; shift += 7)
    {
        if (in.eof())
            throw Exception(ErrorCode::CANNOT_READ_ALL_DATA, "Cannot read all data: unexpected end of stream in a varint");
        UInt8 byte = static_cast<UInt8>(in.get());
        x |= static_cast<UInt64>(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return x;
    }
    throw Exception(ErrorCode::CORRUPTED_DATA, "Varint is longer than 10 bytes");
}

void readExact(char * to, size_t size, ReadBuffer & in)
{
    size_t n = in.read(to, size);
    if (n != size)
        throw Exception(ErrorCode::CANNOT_READ_ALL_DATA,
                        "Cannot read all data: expected " + std::to_string(size) + " bytes, got " + std::to_string(n));
}

template <typename T>
bool tryParseInt(std::string_view s, T & out)
{
    const char * p = s.data();
    const char * end = p + s.size();
    bool negative = false;
    if (p < end && (*p == '+' || *p == '-'))
        negative = *p++ == '-';
    if (p == end)
        return false;
    using U = std::conditional_t<(sizeof(T) > 8), UInt128, UInt64>;
    U limit = negative ? static_cast<U>(static_cast<U>(0) - static_cast<U>(integerMin<T>())) : static_cast<U>(integerMax<T>());
    U value = 0;
    for (; p < end; ++p)
    {
        unsigned digit = static_cast<unsigned>(*p - '0');
        if (digit > 9)
            return false;
        if (value > limit / 10 || (value == limit / 10 && digit > limit % 10))
            return false;
        value = value * 10 + digit;
    }
    out = negative ? static_cast<T>(static_cast<U>(0) - value) : static_cast<T>(value);
    return true;
}

template <typename T>
bool tryParseFloat(std::string_view s, T & out)
{
    if (!s.empty() && s[0] == '+')
    {
        s.remove_prefix(1);
        if (!s.empty() && (s[0] == '-' || s[0] == '+'))
            return false;
    }
    if (s.empty())
        return false;
    T value;
    auto res = std::from_chars(s.data(), s.data() + s.size(), value);
    if (res.ptr != s.data() + s.size())
        return false;
    if (res.ec == std::errc::result_out_of_range)
    {
        std::string copy(s);
        out = static_cast<T>(std::strtod(copy.c_str(), nullptr));
        return true;
    }
    if (res.ec != std::errc())
        return false;
    out = value;
    return true;
}

namespace
{

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Parses 1..max_digits digits at s[pos]; advances pos.
bool parseDigits(std::string_view s, size_t & pos, size_t min_digits, size_t max_digits, Int64 & value)
{
    size_t start = pos;
    value = 0;
    while (pos < s.size() && pos - start < max_digits && isDigit(s[pos]))
        value = value * 10 + (s[pos++] - '0');
    return pos - start >= min_digits;
}

/// Date part at the start of s: returns days, advances pos.
bool parseDatePart(std::string_view s, size_t & pos, Int32 & days)
{
    Int64 year;
    Int64 month;
    Int64 day;
    size_t start = pos;
    if (!parseDigits(s, pos, 4, 4, year))
        return false;
    if (pos < s.size() && !isDigit(s[pos]))
    {
        char sep = s[pos];
        if (sep != '-' && sep != '/' && sep != '.')
            return false;
        ++pos;
        if (!parseDigits(s, pos, 1, 2, month) || pos >= s.size() || s[pos] != sep)
            return false;
        ++pos;
        if (!parseDigits(s, pos, 1, 2, day))
            return false;
    }
    else
    {
        pos = start + 4;
        if (!parseDigits(s, pos, 2, 2, month) || !parseDigits(s, pos, 2, 2, day))
            return false;
    }
    if (month < 1 || month > 12 || day < 1 || day > TimeZone::daysInMonth(static_cast<Int32>(year), static_cast<Int32>(month)))
        return false;
    days = TimeZone::daysFromCivil(static_cast<Int32>(year), static_cast<Int32>(month), static_cast<Int32>(day));
    return true;
}

bool allDigits(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s)
        if (!isDigit(c))
            return false;
    return true;
}

/// Full date-time grammar; `fraction`/`fraction_digits` receive up to 18 fractional digits.
bool parseDateTimeParts(std::string_view s, const TimeZone & tz, Int64 & t, Int64 & fraction, size_t & fraction_digits)
{
    fraction = 0;
    fraction_digits = 0;
    size_t pos = 0;
    Int32 days;
    if (!parseDatePart(s, pos, days))
        return false;
    Int64 hour = 0;
    Int64 minute = 0;
    Int64 second = 0;
    if (pos < s.size())
    {
        if (s[pos] != ' ' && s[pos] != 'T')
            return false;
        ++pos;
        if (!parseDigits(s, pos, 1, 2, hour) || pos >= s.size() || s[pos] != ':')
            return false;
        ++pos;
        if (!parseDigits(s, pos, 2, 2, minute))
            return false;
        if (pos < s.size() && s[pos] == ':')
        {
            ++pos;
            if (!parseDigits(s, pos, 2, 2, second))
                return false;
        }
        if (pos < s.size() && s[pos] == '.')
        {
            ++pos;
            size_t start = pos;
            while (pos < s.size() && isDigit(s[pos]))
            {
                if (fraction_digits < 18)
                {
                    fraction = fraction * 10 + (s[pos] - '0');
                    ++fraction_digits;
                }
                ++pos;
            }
            if (pos == start)
                return false;
        }
    }
    if (hour > 23 || minute > 59 || second > 59)
        return false;
    Int64 local = Int64(days) * 86400 + hour * 3600 + minute * 60 + second;
    if (pos == s.size())
    {
        t = tz.fromLocalSeconds(local);
        return true;
    }
    if (s[pos] == 'Z' && pos + 1 == s.size())
    {
        t = local;
        return true;
    }
    if (s[pos] != '+' && s[pos] != '-')
        return false;
    bool negative = s[pos++] == '-';
    Int64 off_h;
    Int64 off_m = 0;
    if (!parseDigits(s, pos, 2, 2, off_h))
        return false;
    if (pos < s.size() && s[pos] == ':')
        ++pos;
    if (pos < s.size() && !parseDigits(s, pos, 2, 2, off_m))
        return false;
    if (pos != s.size() || off_h > 14 || off_m > 59)
        return false;
    Int64 offset = off_h * 3600 + off_m * 60;
    t = local - (negative ? -offset : offset);
    return true;
}

Int64 pow10(UInt32 n)
{
    Int64 r = 1;
    while (n--)
        r *= 10;
    return r;
}

} // namespace

bool tryParseDate(std::string_view s, Int32 & days)
{
    size_t pos = 0;
    return parseDatePart(s, pos, days) && pos == s.size();
}

bool tryParseDateTime(std::string_view s, const TimeZone & tz, Int64 & t)
{
    if (allDigits(s) && s.size() != 8)
    {
        if (s.size() > 18)
            return false;
        return tryParseInt(s, t);
    }
    Int64 fraction;
    size_t digits;
    return parseDateTimeParts(s, tz, t, fraction, digits);
}

bool tryParseDateTime64(std::string_view s, UInt32 scale, const TimeZone & tz, Int64 & ticks)
{
    Int64 seconds;
    Int64 fraction = 0;
    size_t digits = 0;
    size_t dot = s.find('.');
    std::string_view whole = s.substr(0, dot);
    bool negative = !whole.empty() && whole[0] == '-';
    std::string_view unsigned_whole = negative ? whole.substr(1) : whole;
    if (allDigits(unsigned_whole) && unsigned_whole.size() != 8)
    {
        if (unsigned_whole.size() > 12 || !tryParseInt(whole, seconds))
            return false;
        if (dot != std::string_view::npos)
        {
            std::string_view frac = s.substr(dot + 1);
            if (!allDigits(frac))
                return false;
            for (char c : frac.substr(0, 18))
            {
                fraction = fraction * 10 + (c - '0');
                ++digits;
            }
        }
        if (negative)
            fraction = -fraction;
    }
    else if (!parseDateTimeParts(s, tz, seconds, fraction, digits))
        return false;
    Int64 scaled_fraction =
        digits > scale ? fraction / pow10(static_cast<UInt32>(digits - scale)) : fraction * pow10(static_cast<UInt32>(scale - digits));
    Int128 result = Int128(seconds) * pow10(scale) + scaled_fraction;
    if (result > std::numeric_limits<Int64>::max() || result < std::numeric_limits<Int64>::min())
        return false;
    ticks = static_cast<Int64>(result);
    return true;
}

bool tryParseDecimal(std::string_view s, UInt32 precision, UInt32 scale, Int128 & value)
{
    // value = 0.<mantissa> * 10^point; the scaled result is the first point + scale mantissa digits.
    size_t pos = 0;
    bool negative = false;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-'))
        negative = s[pos++] == '-';
    std::string mantissa;
    Int64 point = 0;
    bool any = false;
    while (pos < s.size() && isDigit(s[pos]))
    {
        any = true;
        mantissa.push_back(s[pos++]);
        ++point;
    }
    if (pos < s.size() && s[pos] == '.')
    {
        ++pos;
        while (pos < s.size() && isDigit(s[pos]))
        {
            any = true;
            mantissa.push_back(s[pos++]);
        }
    }
    if (!any)
        return false;
    if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E'))
    {
        Int64 exponent;
        std::string_view exp_text = s.substr(pos + 1);
        if (!tryParseInt(exp_text, exponent) || exponent > 1000 || exponent < -1000)
            return false;
        point += exponent;
        pos = s.size();
    }
    if (pos != s.size())
        return false;
    Int64 first_nonzero = 0;
    while (first_nonzero < static_cast<Int64>(mantissa.size()) && mantissa[static_cast<size_t>(first_nonzero)] == '0')
        ++first_nonzero;
    Int64 significant_int = first_nonzero < point ? point - first_nonzero : 0;
    if (first_nonzero == static_cast<Int64>(mantissa.size()))
        significant_int = 0;
    if (significant_int > static_cast<Int64>(precision) - static_cast<Int64>(scale))
        return false;
    Int128 result = 0;
    for (Int64 i = first_nonzero; i < point + static_cast<Int64>(scale); ++i)
    {
        char c = i < static_cast<Int64>(mantissa.size()) ? mantissa[static_cast<size_t>(i)] : '0';
        result = result * 10 + (c - '0');
    }
    value = negative ? -result : result;
    return true;
}

bool tryParseUUID(std::string_view s, UInt128 & value)
{
    if (s.size() != 36 && s.size() != 32)
        return false;
    UInt128 result = 0;
    size_t nibbles = 0;
    for (size_t i = 0; i < s.size(); ++i)
    {
        char c = s[i];
        if (s.size() == 36 && (i == 8 || i == 13 || i == 18 || i == 23))
        {
            if (c != '-')
                return false;
            continue;
        }
        unsigned v;
        if (c >= '0' && c <= '9')
            v = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            v = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v = static_cast<unsigned>(c - 'A' + 10);
        else
            return false;
        result = (result << 4) | v;
        ++nibbles;
    }
    if (nibbles != 32)
        return false;
    value = result;
    return true;
}

template <typename T>
T parseInt(std::string_view s, std::string_view type_name)
{
    T value;
    if (!tryParseInt(s, value))
        throw Exception(ErrorCode::CANNOT_PARSE_NUMBER, "Cannot parse number " + quoteForError(s) + " as " + std::string(type_name));
    return value;
}

template <typename T>
T parseFloat(std::string_view s, std::string_view type_name)
{
    T value;
    if (!tryParseFloat(s, value))
        throw Exception(ErrorCode::CANNOT_PARSE_NUMBER, "Cannot parse number " + quoteForError(s) + " as " + std::string(type_name));
    return value;
}

namespace
{

template <typename Pred>
void readTokenWhile(std::string & s, ReadBuffer & in, Pred pred, size_t max_size = 256)
{
    while (!in.eof() && pred(in.peek()) && s.size() < max_size)
        s.push_back(in.get());
}

bool isNumberChar(char c)
{
    return isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || c == 'i' || c == 'n' || c == 'f' || c == 'a' ||
           c == 'I' || c == 'N' || c == 'F' || c == 'A' || c == 't' || c == 'y' || c == 'T' || c == 'Y';
}

bool isDateTimeChar(char c)
{
    return isDigit(c) || c == '-' || c == '/' || c == ':' || c == '.' || c == 'T' || c == 'Z' || c == '+' || c == ' ';
}

const char * typeNameOf(Int8)
{
    return "Int8";
}
const char * typeNameOf(Int16)
{
    return "Int16";
}
const char * typeNameOf(Int32)
{
    return "Int32";
}
const char * typeNameOf(Int64)
{
    return "Int64";
}
const char * typeNameOf(Int128)
{
    return "Int128";
}
const char * typeNameOf(UInt8)
{
    return "UInt8";
}
const char * typeNameOf(UInt16)
{
    return "UInt16";
}
const char * typeNameOf(UInt32)
{
    return "UInt32";
}
const char * typeNameOf(UInt64)
{
    return "UInt64";
}
const char * typeNameOf(UInt128)
{
    return "UInt128";
}
const char * typeNameOf(Float32)
{
    return "Float32";
}
const char * typeNameOf(Float64)
{
    return "Float64";
}

} // namespace

template <typename T>
void readIntText(T & x, ReadBuffer & in)
{
    std::string token;
    if (!in.eof() && (in.peek() == '-' || in.peek() == '+'))
        token.push_back(in.get());
    readTokenWhile(token, in, isDigit);
    x = parseInt<T>(token, typeNameOf(T {}));
}

template <typename T>
void readFloatText(T & x, ReadBuffer & in)
{
    std::string token;
    readTokenWhile(token, in, isNumberChar);
    x = parseFloat<T>(token, typeNameOf(T {}));
}

void readDateText(Int32 & days, ReadBuffer & in)
{
    std::string token;
    readTokenWhile(
        token, in, [](char c) { return isDigit(c) || c == '-' || c == '/' || c == '.'; }, 32);
    if (!tryParseDate(token, days))
        throw Exception(ErrorCode::CANNOT_PARSE_DATE, "Cannot parse date " + quoteForError(token));
}

void readDateTimeText(Int64 & t, const TimeZone & tz, ReadBuffer & in)
{
    std::string token;
    readTokenWhile(token, in, isDateTimeChar, 64);
    if (!tryParseDateTime(token, tz, t))
        throw Exception(ErrorCode::CANNOT_PARSE_DATETIME, "Cannot parse datetime " + quoteForError(token));
}

void readDateTime64Text(Int64 & ticks, UInt32 scale, const TimeZone & tz, ReadBuffer & in)
{
    std::string token;
    readTokenWhile(token, in, isDateTimeChar, 64);
    if (!tryParseDateTime64(token, scale, tz, ticks))
        throw Exception(ErrorCode::CANNOT_PARSE_DATETIME, "Cannot parse datetime " + quoteForError(token));
}

namespace
{

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// ClickHouse's unhex2: an invalid digit counts as 0xFF, the result is truncated to a byte.
char unhexPair(char high, char low)
{
    auto digit = [](char c)
    {
        return hexValue(c) < 0 ? 0xFF : hexValue(c);
    };
    return static_cast<char>(static_cast<unsigned>(digit(high) * 16 + digit(low)) & 0xFFu);
}

/// The single-character escapes after the backslash (c is not 'x' or 'N').
void appendSimpleEscape(std::string & s, char c)
{
    char decoded = c;
    switch (c)
    {
    case 'a':
        decoded = '\a';
        break;
    case 'b':
        decoded = '\b';
        break;
    case 'e':
        decoded = '\x1B';
        break;
    case 'f':
        decoded = '\f';
        break;
    case 'n':
        decoded = '\n';
        break;
    case 'r':
        decoded = '\r';
        break;
    case 't':
        decoded = '\t';
        break;
    case 'v':
        decoded = '\v';
        break;
    case '0':
        decoded = '\0';
        break;
    default:
        break;
    }
    const bool control = static_cast<unsigned char>(decoded) <= 31;
    if (!control && decoded != '\\' && decoded != '\'' && decoded != '"' && decoded != '`' && decoded != '/' && decoded != '=')
        s.push_back('\\');
    s.push_back(decoded);
}

[[noreturn]] void throwCannotParseEscapeSequence(std::string_view text)
{
    throw Exception(ErrorCode::CANNOT_PARSE_ESCAPE_SEQUENCE,
                    "Cannot parse escape sequence " + quoteForError("\\" + std::string(text.substr(0, 3))));
}

/// After a backslash: decodes one escape sequence into s.
void readEscapeSequence(std::string & s, ReadBuffer & in)
{
    if (in.eof())
        throwCannotParseEscapeSequence({});
    char c = in.get();
    if (c == 'x')
    {
        char hex[2];
        size_t got = in.read(hex, 2);
        if (got != 2)
            throwCannotParseEscapeSequence(std::string("x") + std::string(hex, got));
        s.push_back(unhexPair(hex[0], hex[1]));
    }
    else if (c != 'N')
        appendSimpleEscape(s, c);
}

void readQuotedWith(char quote, std::string & s, ReadBuffer & in)
{
    s.clear();
    if (in.eof() || in.peek() != quote)
    {
        std::string got = in.eof() ? "end of input" : quoteForError(std::string_view(in.position(), std::min<size_t>(in.available(), 20)));
        throw Exception(ErrorCode::CANNOT_PARSE_TEXT, std::string("Cannot parse quoted string: expected ") + quote + ", got " + got);
    }
    in.ignore();
    while (true)
    {
        if (in.eof())
            throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse quoted string: no closing quote in " + quoteForError(s));
        const char * p = in.position();
        const char * end = p + in.available();
        const char * stop = p;
        while (stop < end && *stop != quote && *stop != '\\')
            ++stop;
        s.append(p, stop);
        in.advance(static_cast<size_t>(stop - p));
        if (stop == end)
            continue;
        char c = in.get();
        if (c == '\\')
            readEscapeSequence(s, in);
        else if (!in.eof() && in.peek() == quote)
        {
            s.push_back(quote);
            in.ignore();
        }
        else
            return;
    }
}

void appendUTF8(std::string & s, UInt32 cp)
{
    if (cp < 0x80)
        s.push_back(static_cast<char>(cp));
    else if (cp < 0x800)
    {
        s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    else if (cp < 0x10000)
    {
        s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    else
    {
        s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

UInt32 readHex4(ReadBuffer & in)
{
    UInt32 v = 0;
    for (int i = 0; i < 4; ++i)
    {
        int h = in.eof() ? -1 : hexValue(in.peek());
        if (h < 0)
            throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON string: invalid \\u escape");
        in.ignore();
        v = v * 16 + static_cast<UInt32>(h);
    }
    return v;
}

} // namespace

size_t decodeEscapeSequence(std::string_view text, std::string & out)
{
    if (text.empty())
        throwCannotParseEscapeSequence(text);
    char c = text[0];
    if (c == 'x')
    {
        if (text.size() < 3)
            throwCannotParseEscapeSequence(text);
        out.push_back(unhexPair(text[1], text[2]));
        return 3;
    }
    if (c != 'N')
        appendSimpleEscape(out, c);
    return 1;
}

void unescapeString(std::string_view raw, std::string & out)
{
    out.clear();
    out.reserve(raw.size());
    size_t i = 0;
    while (i < raw.size())
    {
        size_t backslash = raw.find('\\', i);
        if (backslash == std::string_view::npos)
        {
            out.append(raw.substr(i));
            return;
        }
        out.append(raw.substr(i, backslash - i));
        i = backslash + 1 + decodeEscapeSequence(raw.substr(backslash + 1), out);
    }
}

bool readEscapedStringOrNull(std::string & s, ReadBuffer & in)
{
    readEscapedFieldRaw(s, in);
    if (s == "\\N")
    {
        s.clear();
        return true;
    }
    if (s.find('\\') != std::string::npos)
    {
        std::string raw = std::move(s);
        unescapeString(raw, s);
    }
    return false;
}

void readEscapedString(std::string & s, ReadBuffer & in)
{
    s.clear();
    while (!in.eof())
    {
        const char * p = in.position();
        const char * end = p + in.available();
        const char * stop = p;
        while (stop < end && *stop != '\t' && *stop != '\n' && *stop != '\\')
            ++stop;
        s.append(p, stop);
        in.advance(static_cast<size_t>(stop - p));
        if (stop == end)
            continue;
        if (*stop != '\\')
            return;
        in.ignore();
        readEscapeSequence(s, in);
    }
}

void readQuotedString(std::string & s, ReadBuffer & in)
{
    readQuotedWith('\'', s, in);
}

void readDoubleQuotedString(std::string & s, ReadBuffer & in)
{
    readQuotedWith('"', s, in);
}

bool readCSVField(std::string & s, ReadBuffer & in, char delimiter)
{
    s.clear();
    if (!in.eof() && in.peek() == '"')
    {
        in.ignore();
        while (true)
        {
            if (in.eof())
                throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse CSV field: no closing quote in " + quoteForError(s));
            const char * p = in.position();
            const char * end = p + in.available();
            const char * stop = p;
            while (stop < end && *stop != '"')
                ++stop;
            s.append(p, stop);
            in.advance(static_cast<size_t>(stop - p));
            if (stop == end)
                continue;
            in.ignore();
            if (!in.eof() && in.peek() == '"')
            {
                s.push_back('"');
                in.ignore();
                continue;
            }
            return true;
        }
    }
    while (!in.eof())
    {
        const char * p = in.position();
        const char * end = p + in.available();
        const char * stop = p;
        while (stop < end && *stop != delimiter && *stop != '\n' && *stop != '\r')
            ++stop;
        s.append(p, stop);
        in.advance(static_cast<size_t>(stop - p));
        if (stop != end)
            break;
    }
    return false;
}

void readJSONString(std::string & s, ReadBuffer & in)
{
    s.clear();
    if (in.eof() || in.peek() != '"')
        throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON string: expected opening quote");
    in.ignore();
    while (true)
    {
        if (in.eof())
            throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON string: no closing quote in " + quoteForError(s));
        const char * p = in.position();
        const char * end = p + in.available();
        const char * stop = p;
        while (stop < end && *stop != '"' && *stop != '\\')
            ++stop;
        s.append(p, stop);
        in.advance(static_cast<size_t>(stop - p));
        if (stop == end)
            continue;
        if (in.get() == '"')
            return;
        if (in.eof())
            throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON string: unterminated escape");
        char c = in.get();
        switch (c)
        {
        case '"':
            s.push_back('"');
            break;
        case '\\':
            s.push_back('\\');
            break;
        case '/':
            s.push_back('/');
            break;
        case 'b':
            s.push_back('\b');
            break;
        case 'f':
            s.push_back('\f');
            break;
        case 'n':
            s.push_back('\n');
            break;
        case 'r':
            s.push_back('\r');
            break;
        case 't':
            s.push_back('\t');
            break;
        case 'u':
        {
            UInt32 cp = readHex4(in);
            if (cp >= 0xD800 && cp <= 0xDBFF)
            {
                if (in.eof() || in.get() != '\\' || in.eof() || in.get() != 'u')
                    throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON string: unpaired surrogate \\u" + std::to_string(cp));
                UInt32 low = readHex4(in);
                if (low < 0xDC00 || low > 0xDFFF)
                    throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON string: invalid low surrogate");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            else if (cp >= 0xDC00 && cp <= 0xDFFF)
                throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON string: unpaired low surrogate");
            appendUTF8(s, cp);
            break;
        }
        default:
            throw Exception(ErrorCode::CANNOT_PARSE_TEXT, std::string("Cannot parse JSON string: invalid escape \\") + c);
        }
    }
}

void readBareToken(std::string & s, ReadBuffer & in)
{
    s.clear();
    while (!in.eof())
    {
        char c = in.peek();
        if (c == ',' || c == ')' || c == ']' || c == '}' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
            return;
        s.push_back(c);
        in.ignore();
    }
}

void readEscapedFieldRaw(std::string & s, ReadBuffer & in)
{
    s.clear();
    while (!in.eof())
    {
        char c = in.peek();
        if (c == '\t' || c == '\n')
            return;
        s.push_back(c);
        in.ignore();
        if (c == '\\' && !in.eof())
            s.push_back(in.get());
    }
}

void readJSONObjectOrArrayRaw(std::string & s, ReadBuffer & in)
{
    s.clear();
    std::string closers;
    bool in_string = false;
    while (true)
    {
        if (in.eof())
            throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON value: unterminated object or array " + quoteForError(s));
        char c = in.get();
        s.push_back(c);
        if (in_string)
        {
            if (c == '\\')
            {
                if (in.eof())
                    continue;
                s.push_back(in.get());
            }
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[')
        {
            if (closers.size() >= 1000)
                throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON value: nested too deeply");
            closers.push_back(c == '{' ? '}' : ']');
        }
        else if (c == '}' || c == ']')
        {
            if (closers.empty() || closers.back() != c)
                throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON value: unbalanced " + quoteForError(s));
            closers.pop_back();
        }
        if (closers.empty())
            return;
    }
}

void readWholeRest(std::string & s, ReadBuffer & in)
{
    while (!in.eof())
    {
        s.append(in.position(), in.available());
        in.advance(in.available());
    }
}

void skipWhitespace(ReadBuffer & in)
{
    while (!in.eof() && (in.peek() == ' ' || in.peek() == '\t' || in.peek() == '\n' || in.peek() == '\r' || in.peek() == '\f'))
        in.ignore();
}

bool checkChar(char c, ReadBuffer & in)
{
    if (in.eof() || in.peek() != c)
        return false;
    in.ignore();
    return true;
}

void assertChar(char c, ReadBuffer & in)
{
    if (!checkChar(c, in))
    {
        std::string got = in.eof() ? "end of input" : quoteForError(std::string_view(in.position(), std::min<size_t>(in.available(), 20)));
        throw Exception(ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED,
                        std::string("Cannot parse input: expected '") + c + "' before: " + got);
    }
}

bool checkWordCaseInsensitive(std::string_view word, ReadBuffer & in)
{
    for (char w : word)
    {
        if (in.eof())
            return false;
        char c = in.peek();
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        char lw = (w >= 'A' && w <= 'Z') ? static_cast<char>(w - 'A' + 'a') : w;
        if (c != lw)
            return false;
        in.ignore();
    }
    return true;
}

void assertEOF(ReadBuffer & in, std::string_view what)
{
    if (!in.eof())
        throw Exception(ErrorCode::CANNOT_PARSE_TEXT,
                        "Cannot parse " + std::string(what) + ": unexpected text after value: " +
                            quoteForError(std::string_view(in.position(), std::min<size_t>(in.available(), 40))));
}

#define PIPIT_INSTANTIATE_INT(T)                                                                                                           \
    template bool tryParseInt<T>(std::string_view, T &);                                                                                   \
    template T parseInt<T>(std::string_view, std::string_view);                                                                            \
    template void readIntText<T>(T &, ReadBuffer &);
PIPIT_INSTANTIATE_INT(Int8)
PIPIT_INSTANTIATE_INT(Int16)
PIPIT_INSTANTIATE_INT(Int32)
PIPIT_INSTANTIATE_INT(Int64)
PIPIT_INSTANTIATE_INT(Int128)
PIPIT_INSTANTIATE_INT(UInt8)
PIPIT_INSTANTIATE_INT(UInt16)
PIPIT_INSTANTIATE_INT(UInt32)
PIPIT_INSTANTIATE_INT(UInt64)
PIPIT_INSTANTIATE_INT(UInt128)
#undef PIPIT_INSTANTIATE_INT

template bool tryParseFloat<Float32>(std::string_view, Float32 &);
template bool tryParseFloat<Float64>(std::string_view, Float64 &);
template Float32 parseFloat<Float32>(std::string_view, std::string_view);
template Float64 parseFloat<Float64>(std::string_view, std::string_view);
template void readFloatText<Float32>(Float32 &, ReadBuffer &);
template void readFloatText<Float64>(Float64 &, ReadBuffer &);

} // namespace pipit
