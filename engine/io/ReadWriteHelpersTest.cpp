#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

#include "engine/base/Exception.h"
#include "engine/base/TimeZone.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace pipit;

namespace
{

template <typename F>
std::string written(F && f)
{
    WriteBufferFromString out;
    f(out);
    return out.str();
}

template <typename T>
std::string intText(T x)
{
    return written([&](WriteBuffer & out) { writeIntText(x, out); });
}

template <typename T>
std::string floatText(T x)
{
    return written([&](WriteBuffer & out) { writeFloatText(x, out); });
}

ErrorCode codeOf(const std::function<void()> & f)
{
    try
    {
        f();
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

} // namespace

TEST(WriteHelpers, Integers)
{
    EXPECT_EQ(intText(Int64(std::numeric_limits<Int64>::min())), "-9223372036854775808");
    EXPECT_EQ(intText(UInt64(std::numeric_limits<UInt64>::max())), "18446744073709551615");
    EXPECT_EQ(intText(Int8(-128)), "-128");
    EXPECT_EQ(intText(UInt8(0)), "0");
    EXPECT_EQ(intText(~UInt128(0)), "340282366920938463463374607431768211455");
    Int128 min128 = static_cast<Int128>(UInt128(1) << 127);
    EXPECT_EQ(intText(min128), "-170141183460469231731687303715884105728");
    EXPECT_EQ(intText(Int128(-1)), "-1");
    EXPECT_EQ(intText(UInt128(1) << 64), "18446744073709551616");
    EXPECT_EQ(intText(UInt128(100000000000000000ULL) * 1000 + 5), "100000000000000000005");
    EXPECT_EQ(intText(-(Int128(10000000000000000000ULL) * 10)), "-100000000000000000000");
    for (UInt64 v : {0ULL, 9ULL, 10ULL, 99ULL, 100ULL, 12345ULL, 999999999ULL, 1000000000ULL, 10000000000000000000ULL})
        EXPECT_EQ(intText(v), std::to_string(v));
}

TEST(WriteHelpers, Floats)
{
    EXPECT_EQ(floatText(0.1), "0.1");
    EXPECT_EQ(floatText(1e-7), "1e-7");
    EXPECT_EQ(floatText(1.5e-7), "1.5e-7");
    EXPECT_EQ(floatText(0.000001), "0.000001");
    EXPECT_EQ(floatText(1e20), "100000000000000000000");
    EXPECT_EQ(floatText(1e21), "1e21");
    EXPECT_EQ(floatText(1.25e22), "1.25e22");
    EXPECT_EQ(floatText(-0.0), "-0");
    EXPECT_EQ(floatText(0.0), "0");
    EXPECT_EQ(floatText(std::numeric_limits<double>::infinity()), "inf");
    EXPECT_EQ(floatText(-std::numeric_limits<double>::infinity()), "-inf");
    EXPECT_EQ(floatText(std::nan("")), "nan");
    EXPECT_EQ(floatText(123.456), "123.456");
    EXPECT_EQ(floatText(-2.5), "-2.5");
    EXPECT_EQ(floatText(1.0 / 3), "0.3333333333333333");
    EXPECT_EQ(floatText(0.1f), "0.1");
    EXPECT_EQ(floatText(1e15f), "1000000000000000");
    EXPECT_EQ(floatText(16777216.0f), "16777216");
    EXPECT_EQ(floatText(1.7976931348623157e308), "1.7976931348623157e308");
    EXPECT_EQ(floatText(5e-324), "5e-324");
    EXPECT_EQ(floatText(9007199254740993.0), "9007199254740992");
}

TEST(WriteHelpers, Strings)
{
    std::string s = std::string("a\tb\nc\\d'e\"f") + '\0' + "\x01/";
    EXPECT_EQ(written([&](WriteBuffer & o) { writeEscapedString(s, o); }), std::string("a\\tb\\nc\\\\d\\'e\"f\\0\x01/"));
    EXPECT_EQ(written([&](WriteBuffer & o) { writeQuotedString(s, o); }), std::string("'a\\tb\\nc\\\\d\\'e\"f\\0\x01/'"));
    EXPECT_EQ(written([&](WriteBuffer & o) { writeDoubleQuotedString(s, o); }), std::string("\"a\\tb\\nc\\\\d'e\\\"f\\0\x01/\""));
    EXPECT_EQ(written([&](WriteBuffer & o) { writeCSVString("a\"b,c\nd", o); }), "\"a\"\"b,c\nd\"");
    EXPECT_EQ(written([&](WriteBuffer & o) { writeJSONString(s, o); }), "\"a\\tb\\nc\\\\d'e\\\"f\\u0000\\u0001\\/\"");
    EXPECT_EQ(written([&](WriteBuffer & o) { writeJSONString("/\x1f\xe2\x80\xa8\xc3\xa9", o, false); }), "\"/\\u001F\\u2028\xc3\xa9\"");
}

TEST(WriteHelpers, DatesAndDecimals)
{
    EXPECT_EQ(written([](WriteBuffer & o) { writeDateText(0, o); }), "1970-01-01");
    EXPECT_EQ(written([](WriteBuffer & o) { writeDateText(-25567, o); }), "1900-01-01");
    EXPECT_EQ(written([](WriteBuffer & o) { writeDateText(65535, o); }), "2149-06-06");
    const TimeZone & madrid = TimeZone::get("Europe/Madrid");
    EXPECT_EQ(written([&](WriteBuffer & o) { writeDateTimeText(1711846799, madrid, o); }), "2024-03-31 01:59:59");
    EXPECT_EQ(written([&](WriteBuffer & o) { writeDateTimeText(1711846800, madrid, o); }), "2024-03-31 03:00:00");
    EXPECT_EQ(written([&](WriteBuffer & o) { writeDateTimeText(0, TimeZone::utc(), o); }), "1970-01-01 00:00:00");
    EXPECT_EQ(written([&](WriteBuffer & o) { writeDateTime64Text(-1, 3, TimeZone::utc(), o); }), "1969-12-31 23:59:59.999");
    EXPECT_EQ(written([&](WriteBuffer & o) { writeDateTime64Text(1700000000123, 3, TimeZone::utc(), o); }), "2023-11-14 22:13:20.123");
    EXPECT_EQ(written([](WriteBuffer & o) { writeDecimalText(-105, 2, o); }), "-1.05");
    EXPECT_EQ(written([](WriteBuffer & o) { writeDecimalText(-5, 3, o); }), "-0.005");
    EXPECT_EQ(written([](WriteBuffer & o) { writeDecimalText(150, 2, o); }), "1.5");
    EXPECT_EQ(written([](WriteBuffer & o) { writeDecimalText(200, 2, o); }), "2");
    EXPECT_EQ(written([](WriteBuffer & o) { writeDecimalText(200, 2, o, true); }), "2.00");
    EXPECT_EQ(written([](WriteBuffer & o) { writeDecimalText(0, 4, o); }), "0");
    EXPECT_EQ(written([](WriteBuffer & o) { writeUUIDText((UInt128(0x0123456789abcdefULL) << 64) | 0xfedcba9876543210ULL, o); }),
              "01234567-89ab-cdef-fedc-ba9876543210");
}

TEST(ReadHelpers, Integers)
{
    Int64 i64;
    EXPECT_TRUE(tryParseInt<Int64>("-9223372036854775808", i64));
    EXPECT_EQ(i64, std::numeric_limits<Int64>::min());
    EXPECT_FALSE(tryParseInt<Int64>("9223372036854775808", i64));
    UInt64 u64;
    EXPECT_TRUE(tryParseInt<UInt64>("18446744073709551615", u64));
    EXPECT_FALSE(tryParseInt<UInt64>("18446744073709551616", u64));
    EXPECT_FALSE(tryParseInt<UInt64>("-1", u64));
    EXPECT_TRUE(tryParseInt<UInt64>("-0", u64));
    UInt8 u8;
    EXPECT_FALSE(tryParseInt<UInt8>("256", u8));
    EXPECT_TRUE(tryParseInt<UInt8>("+255", u8));
    EXPECT_EQ(u8, 255);
    Int8 i8;
    EXPECT_TRUE(tryParseInt<Int8>("-128", i8));
    EXPECT_FALSE(tryParseInt<Int8>("128", i8));
    EXPECT_FALSE(tryParseInt<Int8>("", i8));
    EXPECT_FALSE(tryParseInt<Int8>("-", i8));
    EXPECT_FALSE(tryParseInt<Int8>("1a", i8));
    UInt128 u128;
    EXPECT_TRUE(tryParseInt<UInt128>("340282366920938463463374607431768211455", u128));
    EXPECT_EQ(u128, ~UInt128(0));
    EXPECT_FALSE(tryParseInt<UInt128>("340282366920938463463374607431768211456", u128));

    ReadBufferFromMemory in("123\t-5");
    Int32 v;
    readIntText(v, in);
    EXPECT_EQ(v, 123);
    EXPECT_EQ(in.peek(), '\t');
    in.ignore();
    readIntText(v, in);
    EXPECT_EQ(v, -5);
    ReadBufferFromMemory bad("abc");
    EXPECT_EQ(codeOf([&] { readIntText(v, bad); }), ErrorCode::CANNOT_PARSE_NUMBER);
    try
    {
        parseInt<UInt8>("300", "UInt8");
    }
    catch (const Exception & e)
    {
        EXPECT_NE(e.message().find("'300'"), std::string::npos);
    }
}

TEST(ReadHelpers, Floats)
{
    double d;
    EXPECT_TRUE(tryParseFloat<double>("0.1", d));
    EXPECT_EQ(d, 0.1);
    EXPECT_TRUE(tryParseFloat<double>("+1e21", d));
    EXPECT_EQ(d, 1e21);
    EXPECT_TRUE(tryParseFloat<double>("-inf", d));
    EXPECT_TRUE(std::isinf(d) && d < 0);
    EXPECT_TRUE(tryParseFloat<double>("nan", d));
    EXPECT_TRUE(std::isnan(d));
    EXPECT_TRUE(tryParseFloat<double>("1e400", d));
    EXPECT_TRUE(std::isinf(d));
    EXPECT_TRUE(tryParseFloat<double>(".5", d));
    EXPECT_EQ(d, 0.5);
    EXPECT_FALSE(tryParseFloat<double>("1.2.3", d));
    EXPECT_FALSE(tryParseFloat<double>("", d));
    EXPECT_FALSE(tryParseFloat<double>("+-1", d));
    for (double x : {0.1, 1e-7, 1e21, 123.456, 5e-324, 1.7976931348623157e308, -3.25})
    {
        std::string s = floatText(x);
        ASSERT_TRUE(tryParseFloat<double>(s, d)) << s;
        EXPECT_EQ(d, x) << s;
    }
}

TEST(ReadHelpers, Dates)
{
    Int32 days;
    EXPECT_TRUE(tryParseDate("2024-02-29", days));
    EXPECT_EQ(days, TimeZone::daysFromCivil(2024, 2, 29));
    EXPECT_TRUE(tryParseDate("1969-12-31", days));
    EXPECT_EQ(days, -1);
    EXPECT_TRUE(tryParseDate("20240105", days));
    EXPECT_TRUE(tryParseDate("2024/1/5", days));
    EXPECT_EQ(days, TimeZone::daysFromCivil(2024, 1, 5));
    EXPECT_FALSE(tryParseDate("2023-02-29", days));
    EXPECT_FALSE(tryParseDate("2023-13-01", days));
    EXPECT_FALSE(tryParseDate("2023-01-01 00:00:00", days));
    EXPECT_FALSE(tryParseDate("hello", days));
    ReadBufferFromMemory bad("2023-02-30");
    EXPECT_EQ(codeOf([&] { readDateText(days, bad); }), ErrorCode::CANNOT_PARSE_DATE);
}

TEST(ReadHelpers, DateTimes)
{
    const TimeZone & utc = TimeZone::utc();
    const TimeZone & madrid = TimeZone::get("Europe/Madrid");
    Int64 t;
    EXPECT_TRUE(tryParseDateTime("2023-11-14 22:13:20", utc, t));
    EXPECT_EQ(t, 1700000000);
    EXPECT_TRUE(tryParseDateTime("2023-11-14T22:13:20Z", madrid, t));
    EXPECT_EQ(t, 1700000000);
    EXPECT_TRUE(tryParseDateTime("2023-11-14T23:13:20.999+01:00", utc, t));
    EXPECT_EQ(t, 1700000000);
    EXPECT_TRUE(tryParseDateTime("2023-11-14T17:13:20-0500", utc, t));
    EXPECT_EQ(t, 1700000000);
    EXPECT_TRUE(tryParseDateTime("2023-11-14 23:13:20", madrid, t));
    EXPECT_EQ(t, 1700000000);
    EXPECT_TRUE(tryParseDateTime("1700000000", madrid, t));
    EXPECT_EQ(t, 1700000000);
    EXPECT_TRUE(tryParseDateTime("2023-11-14", utc, t));
    EXPECT_EQ(t, 1699920000);
    EXPECT_FALSE(tryParseDateTime("2023-11-14 24:00:00", utc, t));
    EXPECT_FALSE(tryParseDateTime("2023-11-14 10:00:00 junk", utc, t));
    EXPECT_FALSE(tryParseDateTime("", utc, t));
    ReadBufferFromMemory bad("yesterday");
    EXPECT_EQ(codeOf([&] { readDateTimeText(t, utc, bad); }), ErrorCode::CANNOT_PARSE_DATETIME);

    Int64 ticks;
    EXPECT_TRUE(tryParseDateTime64("2023-11-14 22:13:20.123456", 3, utc, ticks));
    EXPECT_EQ(ticks, 1700000000123);
    EXPECT_TRUE(tryParseDateTime64("2023-11-14 22:13:20.1", 3, utc, ticks));
    EXPECT_EQ(ticks, 1700000000100);
    EXPECT_TRUE(tryParseDateTime64("1700000000.5", 3, utc, ticks));
    EXPECT_EQ(ticks, 1700000000500);
    EXPECT_TRUE(tryParseDateTime64("1969-12-31 23:59:59.999", 3, utc, ticks));
    EXPECT_EQ(ticks, -1);
    EXPECT_TRUE(tryParseDateTime64("2023-11-14T22:13:20.25Z", 6, madrid, ticks));
    EXPECT_EQ(ticks, 1700000000250000);
}

TEST(ReadHelpers, Decimals)
{
    Int128 v;
    EXPECT_TRUE(tryParseDecimal("-1.05", 9, 2, v));
    EXPECT_EQ(v, -105);
    EXPECT_TRUE(tryParseDecimal("1.999", 9, 2, v));
    EXPECT_EQ(v, 199);
    EXPECT_TRUE(tryParseDecimal("1234567", 9, 2, v));
    EXPECT_EQ(v, 123456700);
    EXPECT_FALSE(tryParseDecimal("12345678", 9, 2, v));
    EXPECT_TRUE(tryParseDecimal("0000012345.5", 9, 4, v));
    EXPECT_EQ(v, 123455000);
    EXPECT_TRUE(tryParseDecimal("1.5e2", 9, 1, v));
    EXPECT_EQ(v, 1500);
    EXPECT_TRUE(tryParseDecimal("15e-3", 9, 3, v));
    EXPECT_EQ(v, 15);
    EXPECT_TRUE(tryParseDecimal(".5", 9, 1, v));
    EXPECT_EQ(v, 5);
    EXPECT_FALSE(tryParseDecimal("abc", 9, 1, v));
    EXPECT_FALSE(tryParseDecimal("1.2.3", 9, 1, v));
    EXPECT_FALSE(tryParseDecimal("", 9, 1, v));
    EXPECT_TRUE(tryParseDecimal("99999999999999999999999999999999999999", 38, 0, v));
}

TEST(ReadHelpers, UUID)
{
    UInt128 u;
    EXPECT_TRUE(tryParseUUID("01234567-89ab-cdef-FEDC-ba9876543210", u));
    EXPECT_EQ(u, (UInt128(0x0123456789abcdefULL) << 64) | 0xfedcba9876543210ULL);
    EXPECT_TRUE(tryParseUUID("0123456789abcdeffedcba9876543210", u));
    EXPECT_FALSE(tryParseUUID("01234567-89ab-cdef-fedc-ba987654321g", u));
    EXPECT_FALSE(tryParseUUID("0123", u));
}

TEST(ReadHelpers, Strings)
{
    std::string s;
    ReadBufferFromMemory tsv("a\\tb\\nc\\\\d\\'e\\x41\\q\tnext");
    readEscapedString(s, tsv);
    EXPECT_EQ(s, "a\tb\nc\\d'eA\\q");
    EXPECT_EQ(tsv.peek(), '\t');

    ReadBufferFromMemory quoted("'it\\'s ''ok'''rest");
    readQuotedString(s, quoted);
    EXPECT_EQ(s, "it's 'ok'");
    EXPECT_EQ(quoted.peek(), 'r');
    ReadBufferFromMemory unterminated("'abc");
    EXPECT_EQ(codeOf([&] { readQuotedString(s, unterminated); }), ErrorCode::CANNOT_PARSE_TEXT);

    ReadBufferFromMemory csv("\"a\"\"b,c\nd\",plain field,last\n");
    EXPECT_TRUE(readCSVField(s, csv));
    EXPECT_EQ(s, "a\"b,c\nd");
    assertChar(',', csv);
    EXPECT_FALSE(readCSVField(s, csv));
    EXPECT_EQ(s, "plain field");
    assertChar(',', csv);
    readCSVField(s, csv);
    EXPECT_EQ(s, "last");
    EXPECT_EQ(csv.peek(), '\n');

    ReadBufferFromMemory json(R"("q\"b\\s\/\b\f\n\r\t\u00e9\u20AC\ud83d\ude00")");
    readJSONString(s, json);
    EXPECT_EQ(s, "q\"b\\s/\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    for (const char * bad : {R"("\ud83d")", R"("\ude00")", R"("\x")", R"("abc)", R"(abc)", R"("\u12G4")"})
    {
        ReadBufferFromMemory in(bad);
        EXPECT_EQ(codeOf([&] { readJSONString(s, in); }), ErrorCode::CANNOT_PARSE_TEXT) << bad;
    }
}

TEST(ReadHelpers, JSONRoundTripAllBytes)
{
    std::string all;
    for (int c = 0; c < 128; ++c)
        all.push_back(static_cast<char>(c));
    all += "\xe2\x80\xa8\xe2\x80\xa9\xc3\xa9";
    std::string json = written([&](WriteBuffer & o) { writeJSONString(all, o); });
    ReadBufferFromMemory in(json);
    std::string back;
    readJSONString(back, in);
    EXPECT_EQ(back, all);

    std::string escaped = written([&](WriteBuffer & o) { writeEscapedString(all, o); });
    ReadBufferFromMemory ein(escaped);
    readEscapedString(back, ein);
    EXPECT_EQ(back, all);
    EXPECT_TRUE(ein.eof());

    std::string quoted = written([&](WriteBuffer & o) { writeQuotedString(all, o); });
    ReadBufferFromMemory qin(quoted);
    readQuotedString(back, qin);
    EXPECT_EQ(back, all);
}

TEST(ReadHelpers, VarUInt)
{
    std::vector<UInt64> values {0, 1, 127, 128, 300, 1ULL << 35, ~0ULL};
    std::string bytes = written(
        [&](WriteBuffer & o)
        {
            for (UInt64 v : values)
                writeVarUInt(v, o);
        });
    EXPECT_EQ(bytes.size(), 1 + 1 + 1 + 2 + 2 + 6 + 10u);
    ReadBufferFromMemory in(bytes);
    for (UInt64 v : values)
        EXPECT_EQ(readVarUInt(in), v);
    EXPECT_EQ(codeOf([&] { readVarUInt(in); }), ErrorCode::CANNOT_READ_ALL_DATA);
    ReadBufferFromMemory truncated("\x80");
    EXPECT_EQ(codeOf([&] { readVarUInt(truncated); }), ErrorCode::CANNOT_READ_ALL_DATA);
}

TEST(ReadHelpers, TokensAndFields)
{
    std::string s;
    ReadBufferFromMemory csv("a;\"b;c\";\r\n");
    EXPECT_FALSE(readCSVField(s, csv, ';'));
    EXPECT_EQ(s, "a");
    assertChar(';', csv);
    EXPECT_TRUE(readCSVField(s, csv, ';'));
    EXPECT_EQ(s, "b;c");
    assertChar(';', csv);
    EXPECT_FALSE(readCSVField(s, csv, ';'));
    EXPECT_EQ(s, "");
    EXPECT_EQ(csv.peek(), '\r');

    ReadBufferFromMemory bare("-1.5e3, next");
    readBareToken(s, bare);
    EXPECT_EQ(s, "-1.5e3");
    EXPECT_EQ(bare.peek(), ',');

    ReadBufferFromMemory raw("a\\tb\\\\\tc");
    readEscapedFieldRaw(s, raw);
    EXPECT_EQ(s, "a\\tb\\\\");
    EXPECT_EQ(raw.peek(), '\t');

    Int64 ticks;
    ReadBufferFromMemory dt64("2023-11-14 22:13:20.5\tx");
    readDateTime64Text(ticks, 2, TimeZone::utc(), dt64);
    EXPECT_EQ(ticks, 170000000050);
    EXPECT_EQ(dt64.peek(), '\t');

    ReadBufferFromMemory words("NuLL!");
    EXPECT_TRUE(checkWordCaseInsensitive("null", words));
    EXPECT_EQ(words.peek(), '!');
    ReadBufferFromMemory rest("abc");
    EXPECT_EQ(codeOf([&] { assertEOF(rest, "value"); }), ErrorCode::CANNOT_PARSE_TEXT);
    EXPECT_EQ(codeOf([&] { assertChar('x', rest); }), ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED);
    std::string all;
    readWholeRest(all, rest);
    EXPECT_EQ(all, "abc");
    EXPECT_EQ(quoteForError(std::string(200, 'z')).size(), 105u);
}

TEST(ReadHelpers, StreamsAcrossBufferBoundaries)
{
    // A reader that hands out one byte at a time exercises every refill path.
    class OneByteReadBuffer : public ReadBuffer
    {
    public:
        explicit OneByteReadBuffer(std::string data)
            : data_(std::move(data))
        {
            begin_ = pos_ = end_ = data_.data();
        }

    private:
        bool nextImpl() override
        {
            if (next_ >= data_.size())
                return false;
            begin_ = pos_ = data_.data() + next_;
            end_ = begin_ + 1;
            ++next_;
            return true;
        }
        std::string data_;
        size_t next_ = 0;
    };
    std::string s;
    OneByteReadBuffer json(R"("a\n\u00e9\ud83d\ude00b")");
    readJSONString(s, json);
    EXPECT_EQ(s, "a\n\xc3\xa9\xf0\x9f\x98\x80"
                 "b");
    OneByteReadBuffer quoted("'it''s\\t'x");
    readQuotedString(s, quoted);
    EXPECT_EQ(s, "it's\t");
    EXPECT_EQ(quoted.peek(), 'x');
    OneByteReadBuffer csv("\"a\"\"b\",c");
    readCSVField(s, csv);
    EXPECT_EQ(s, "a\"b");
    OneByteReadBuffer tsv("x\\ty\tz");
    readEscapedString(s, tsv);
    EXPECT_EQ(s, "x\ty");
    Int32 v;
    OneByteReadBuffer num("-12345,");
    readIntText(v, num);
    EXPECT_EQ(v, -12345);
    OneByteReadBuffer varint("\xac\x02");
    EXPECT_EQ(readVarUInt(varint), 300u);
}

TEST(ReadHelpers, EscapeSequencesFollowClickHouse)
{
    auto decode = [](std::string_view text)
    {
        std::string out;
        size_t consumed = decodeEscapeSequence(text, out);
        return std::make_pair(out, consumed);
    };
    EXPECT_EQ(decode("xC3rest"), std::make_pair(std::string("\xC3"), size_t(3)));
    EXPECT_EQ(decode("xa9"), std::make_pair(std::string("\xA9"), size_t(3)));
    EXPECT_EQ(decode("N, 'a'"), std::make_pair(std::string(), size_t(1)));
    EXPECT_EQ(decode("n"), std::make_pair(std::string("\n"), size_t(1)));
    EXPECT_EQ(decode("0"), std::make_pair(std::string(1, '\0'), size_t(1)));
    EXPECT_EQ(decode("e"), std::make_pair(std::string("\x1B"), size_t(1)));
    EXPECT_EQ(decode("a"), std::make_pair(std::string("\a"), size_t(1)));
    EXPECT_EQ(decode("v"), std::make_pair(std::string("\v"), size_t(1)));
    for (char kept : {'\\', '\'', '"', '`', '/', '=', '\x01', '\t'})
        EXPECT_EQ(decode(std::string(1, kept)).first, std::string(1, kept)) << int(kept);
    // Unknown escapes keep their backslash (for LIKE patterns and regexps).
    EXPECT_EQ(decode("d").first, "\\d");
    EXPECT_EQ(decode("%").first, "\\%");
    EXPECT_EQ(decode("\xC3").first, "\\\xC3");
    // \x takes the next two bytes whatever they are (ClickHouse's unhex2: a bad digit counts as 0xFF).
    EXPECT_EQ(decode("xG1").first, std::string(1, char(0xF1)));
    EXPECT_EQ(codeOf([&] { decode("x4"); }), ErrorCode::CANNOT_PARSE_ESCAPE_SEQUENCE);
    EXPECT_EQ(codeOf([&] { decode(""); }), ErrorCode::CANNOT_PARSE_ESCAPE_SEQUENCE);

    std::string s;
    ReadBufferFromMemory quoted(R"('caf\xC3\xA9 \N|\=\d\/')");
    readQuotedString(s, quoted);
    EXPECT_EQ(s, "caf\xC3\xA9 |=\\d/");
    ReadBufferFromMemory tsv("a\\Nb\\xC3\\xA9\tnext");
    readEscapedString(s, tsv);
    EXPECT_EQ(s, "ab\xC3\xA9");
    ReadBufferFromMemory short_hex("'\\x4");
    EXPECT_EQ(codeOf([&] { readQuotedString(s, short_hex); }), ErrorCode::CANNOT_PARSE_ESCAPE_SEQUENCE);
    ReadBufferFromMemory trailing_backslash("ab\\");
    EXPECT_EQ(codeOf([&] { readEscapedString(s, trailing_backslash); }), ErrorCode::CANNOT_PARSE_ESCAPE_SEQUENCE);

    // The TSV NULL marker is told apart from an escaped field that unescapes to the same text.
    ReadBufferFromMemory fields("\\N\ta\\Nb\t\\\\N\tx\\x41\n");
    EXPECT_TRUE(readEscapedStringOrNull(s, fields));
    EXPECT_EQ(s, "");
    assertChar('\t', fields);
    EXPECT_FALSE(readEscapedStringOrNull(s, fields));
    EXPECT_EQ(s, "ab");
    assertChar('\t', fields);
    EXPECT_FALSE(readEscapedStringOrNull(s, fields));
    EXPECT_EQ(s, "\\N");
    assertChar('\t', fields);
    EXPECT_FALSE(readEscapedStringOrNull(s, fields));
    EXPECT_EQ(s, "xA");
    EXPECT_EQ(fields.peek(), '\n');
    unescapeString("caf\\xC3\\xA9\\t\\%", s);
    EXPECT_EQ(s, "caf\xC3\xA9\t\\%");
}
