#pragma once

#include "engine/base/BasicTypes.h"
#include "engine/io/ReadBuffer.h"

#include <string>
#include <string_view>
#include <type_traits>

namespace pipit
{

class TimeZone;

/// Text and binary readers shared by data types and formats.
///
/// Two layers: `tryParse*` parse a complete piece of text (a field already cut out of the input)
/// and return false on any malformed or out-of-range input; `read*` consume from a ReadBuffer and
/// throw CANNOT_PARSE_NUMBER / CANNOT_PARSE_DATE / CANNOT_PARSE_DATETIME / CANNOT_PARSE_TEXT with
/// the offending text quoted.

/// Binary.
UInt64 readVarUInt(ReadBuffer & in);
/// Exactly `size` bytes or CANNOT_READ_ALL_DATA.
void readExact(char * to, size_t size, ReadBuffer & in);
template <typename T>
inline void readPODBinary(T & x, ReadBuffer & in)
{
    static_assert(std::is_trivially_copyable_v<T>);
    readExact(reinterpret_cast<char *>(&x), sizeof(T), in);
}

/// Whole-text parsers. Integers: optional sign then decimal digits, exact range check.
template <typename T>
bool tryParseInt(std::string_view s, T & out);
/// Floats: std::from_chars syntax plus a leading '+', inf/-inf/nan/infinity (any case); values too
/// large become +-inf and too small 0.
template <typename T>
bool tryParseFloat(std::string_view s, T & out);
/// YYYY-MM-DD (any single non-digit separator, 1- or 2-digit month and day) or YYYYMMDD; the date
/// must exist. `days` is days since 1970-01-01.
bool tryParseDate(std::string_view s, Int32 & days);
/// 'YYYY-MM-DD hh:mm[:ss]' or 'YYYY-MM-DDThh:mm:ss', optional fraction (ignored), optional 'Z' or
/// +hh[:mm] / -hh[:mm] offset (then `tz` is not used), 'YYYY-MM-DD' (midnight), or unix timestamp
/// digits. `t` is seconds since the epoch.
bool tryParseDateTime(std::string_view s, const TimeZone & tz, Int64 & t);
/// As tryParseDateTime; the fraction (truncated to `scale` digits) is kept, and a decimal unix
/// timestamp "1700000000.123" is accepted. `ticks` is in 10^-scale seconds.
bool tryParseDateTime64(std::string_view s, UInt32 scale, const TimeZone & tz, Int64 & ticks);
/// [+-]digits[.digits][e[+-]digits]; digits beyond `scale` are truncated; fails if the integer part
/// needs more than precision - scale digits. `value` is the number * 10^scale.
bool tryParseDecimal(std::string_view s, UInt32 precision, UInt32 scale, Int128 & value);
/// 8-4-4-4-12 or 32 hex digits (either case); first hex digit is the most significant nibble.
bool tryParseUUID(std::string_view s, UInt128 & value);

/// Throwing whole-text parsers; `type_name` names the target in the message.
template <typename T>
T parseInt(std::string_view s, std::string_view type_name);
template <typename T>
T parseFloat(std::string_view s, std::string_view type_name);

/// Stream readers of one value; they consume the value's characters and leave the rest.
template <typename T>
void readIntText(T & x, ReadBuffer & in);
template <typename T>
void readFloatText(T & x, ReadBuffer & in);
/// Reads a date / date-time token (digits and - / : . T Z + and space).
void readDateText(Int32 & days, ReadBuffer & in);
void readDateTimeText(Int64 & t, const TimeZone & tz, ReadBuffer & in);
void readDateTime64Text(Int64 & ticks, UInt32 scale, const TimeZone & tz, ReadBuffer & in);

/// Escape sequences of quoted and escaped strings follow ClickHouse (parseComplexEscapeSequence):
/// \a \b \e \f \n \r \t \v \0 are control characters; \xHH is the byte 0xHH (the two bytes after
/// \x are taken as they are, like ClickHouse's unhex2); \N is nothing (a NULL marker read as a
/// string is empty); \\ \' \" \` \/ \= and a backslash before a control character give that
/// character; any other \c keeps its backslash ("\d" stays "\d", for LIKE and regexps).
///
/// Decodes the escape sequence whose backslash precedes `text`, appending it to `out`; returns the
/// bytes of `text` consumed. Throws CANNOT_PARSE_ESCAPE_SEQUENCE if `text` is empty or \x is not
/// followed by two bytes.
size_t decodeEscapeSequence(std::string_view text, std::string & out);

/// Replaces `out` with `raw` (text as written in a TSV field or between quotes) unescaped as
/// decodeEscapeSequence.
void unescapeString(std::string_view raw, std::string & out);

/// TSV field up to (not including) \t or \n or end, unescaping as decodeEscapeSequence.
void readEscapedString(std::string & s, ReadBuffer & in);
/// readEscapedString that also tells whether the field was exactly \N, the TSV NULL marker (which
/// unescapes to an empty string).
bool readEscapedStringOrNull(std::string & s, ReadBuffer & in);
/// '...' with the same escapes plus '' for a quote.
void readQuotedString(std::string & s, ReadBuffer & in);
/// "..." with the same escapes plus "" for a quote.
void readDoubleQuotedString(std::string & s, ReadBuffer & in);
/// CSV field: "..." with "" for a quote, or unquoted up to the delimiter, \r or \n.
/// Returns true if the field was quoted.
bool readCSVField(std::string & s, ReadBuffer & in, char delimiter = ',');
/// JSON string "..." with all JSON escapes (\uXXXX incl. surrogate pairs, encoded as UTF-8).
void readJSONString(std::string & s, ReadBuffer & in);
/// Unquoted token of a Values / JSON scalar: everything up to , ) ] } : whitespace or end.
void readBareToken(std::string & s, ReadBuffer & in);
/// A TSV field copied raw (escapes kept as written) up to an unescaped \t or \n or end.
void readEscapedFieldRaw(std::string & s, ReadBuffer & in);
/// One JSON object or array copied verbatim (strings and nesting respected), e.g. to store it in a
/// String column; throws CANNOT_PARSE_TEXT if it is unterminated or nested deeper than 1000.
void readJSONObjectOrArrayRaw(std::string & s, ReadBuffer & in);
/// Appends everything left in `in` to `s`.
void readWholeRest(std::string & s, ReadBuffer & in);

void skipWhitespace(ReadBuffer & in);
/// Consumes `c` if it is next; returns whether it did.
bool checkChar(char c, ReadBuffer & in);
/// Consumes `c` or throws CANNOT_PARSE_INPUT_ASSERTION_FAILED.
void assertChar(char c, ReadBuffer & in);
/// Consumes `word` (case-insensitive) if it is next, as far as the stream allows; returns whether
/// it did. On a partial match the matched prefix is consumed and false returned.
bool checkWordCaseInsensitive(std::string_view word, ReadBuffer & in);
/// Throws CANNOT_PARSE_TEXT unless `in` is at its end ("unexpected text after value").
void assertEOF(ReadBuffer & in, std::string_view what);

/// Quotes text for error messages, truncated to 100 bytes: 'text'.
std::string quoteForError(std::string_view s);

} // namespace pipit
