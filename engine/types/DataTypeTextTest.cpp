#include "engine/base/Exception.h"
#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnLowCardinality.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/io/ReadHelpers.h"
#include "engine/types/DataTypeFactory.h"

#include <gtest/gtest.h>

#include <functional>

using namespace pipit;

namespace
{

struct Rendered
{
    std::string text;
    std::string tsv;
    std::string quoted;
    std::string csv;
    std::string json;
};

Rendered render(const IDataType & type, const IColumn & column, size_t row, const FormatSettings & settings = {})
{
    Rendered r;
    auto one = [&](auto method)
    {
        WriteBufferFromString out;
        (type.*method)(column, row, out, settings);
        return out.release();
    };
    r.text = one(&IDataType::serializeText);
    r.tsv = one(&IDataType::serializeTextEscaped);
    r.quoted = one(&IDataType::serializeTextQuoted);
    r.csv = one(&IDataType::serializeTextCSV);
    r.json = one(&IDataType::serializeTextJSON);
    return r;
}

/// Column of `type` with the values parsed from whole texts.
MutableColumnPtr columnOf(const DataTypePtr & type, std::initializer_list<std::string_view> texts)
{
    auto column = type->createColumn();
    for (auto text : texts)
        type->deserializeFromString(*column, text);
    return column;
}

ErrorCode errorOf(const std::function<void()> & f)
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

/// Serialises every row in every format, parses it back with the matching reader and checks the
/// re-serialised text is identical.
void expectRoundTrips(const DataTypePtr & type, const IColumn & column)
{
    using Serialize = void (IDataType::*)(const IColumn &, size_t, WriteBuffer &, const FormatSettings &) const;
    using Deserialize = void (IDataType::*)(IColumn &, ReadBuffer &, const FormatSettings &) const;
    std::vector<std::tuple<const char *, Serialize, Deserialize>> formats = {
        {"text", &IDataType::serializeText, &IDataType::deserializeWholeText},
        {"tsv", &IDataType::serializeTextEscaped, &IDataType::deserializeTextEscaped},
        {"quoted", &IDataType::serializeTextQuoted, &IDataType::deserializeTextQuoted},
        {"csv", &IDataType::serializeTextCSV, &IDataType::deserializeTextCSV},
        {"json", &IDataType::serializeTextJSON, &IDataType::deserializeTextJSON},
    };
    FormatSettings settings;
    for (auto [name, serialize, deserialize] : formats)
    {
        auto back = type->createColumn();
        for (size_t row = 0; row < column.size(); ++row)
        {
            WriteBufferFromString out;
            (type.get()->*serialize)(column, row, out, settings);
            std::string text = out.release();
            ReadBufferFromMemory in(text);
            ASSERT_NO_THROW((type.get()->*deserialize)(*back, in, settings)) << type->getName() << " " << name << ": " << text;
            EXPECT_TRUE(in.eof()) << type->getName() << " " << name << " left input: " << text;
            WriteBufferFromString again;
            (type.get()->*serialize)(*back, row, again, settings);
            EXPECT_EQ(again.release(), text) << type->getName() << " " << name;
        }
        EXPECT_EQ(back->size(), column.size());
        auto copy = back->cut(0, back->size());
        ASSERT_EQ(copy->size(), column.size());
        for (size_t row = 0; row < column.size(); ++row)
            EXPECT_EQ(type->serializeToString(*copy, row), type->serializeToString(column, row)) << type->getName() << " " << name;
    }
}

} // namespace

TEST(DataTypeText, Integers)
{
    auto type = parseDataType("Int64");
    auto col = columnOf(type, {"-9223372036854775808", "9223372036854775807", "0", "+5"});
    EXPECT_EQ(render(*type, *col, 0).json, "-9223372036854775808");
    EXPECT_EQ(render(*type, *col, 3).text, "5");
    FormatSettings quote64;
    quote64.json_quote_64bit_integers = true;
    EXPECT_EQ(render(*type, *col, 1, quote64).json, "\"9223372036854775807\"");
    expectRoundTrips(type, *col);

    auto u64 = parseDataType("UInt64");
    auto ucol = columnOf(u64, {"18446744073709551615"});
    EXPECT_EQ(render(*u64, *ucol, 0).csv, "18446744073709551615");
    EXPECT_EQ(render(*u64, *ucol, 0).json, "18446744073709551615");
    expectRoundTrips(u64, *ucol);

    auto i128 = parseDataType("Int128");
    auto col128 = columnOf(i128, {"-170141183460469231731687303715884105728"});
    EXPECT_EQ(render(*i128, *col128, 0).json, "-170141183460469231731687303715884105728");
    FormatSettings quote_big;
    quote_big.json_quote_decimals = true;
    EXPECT_EQ(render(*i128, *col128, 0, quote_big).json, "\"-170141183460469231731687303715884105728\"");
    expectRoundTrips(i128, *col128);

    auto u8 = parseDataType("UInt8");
    auto c8 = u8->createColumn();
    EXPECT_EQ(errorOf([&] { u8->deserializeFromString(*c8, "256"); }), ErrorCode::CANNOT_PARSE_NUMBER);
    EXPECT_EQ(errorOf([&] { u8->deserializeFromString(*c8, "-1"); }), ErrorCode::CANNOT_PARSE_NUMBER);
    EXPECT_EQ(errorOf([&] { u8->deserializeFromString(*c8, "1x"); }), ErrorCode::CANNOT_PARSE_NUMBER);
    EXPECT_EQ(errorOf([&] { u8->deserializeFromString(*c8, ""); }), ErrorCode::CANNOT_PARSE_NUMBER);
    EXPECT_EQ(c8->size(), 0u);
    ReadBufferFromMemory json_quoted("\"42\"");
    u8->deserializeTextJSON(*c8, json_quoted, {});
    EXPECT_EQ(render(*u8, *c8, 0).text, "42");
}

TEST(DataTypeText, Floats)
{
    auto type = parseDataType("Float64");
    auto col = columnOf(type, {"0.1", "1e-7", "1e21", "-0", "inf", "-inf", "nan", "1e20", "123.456"});
    std::vector<std::string> text = {"0.1", "1e-7", "1e21", "-0", "inf", "-inf", "nan", "100000000000000000000", "123.456"};
    for (size_t i = 0; i < text.size(); ++i)
    {
        EXPECT_EQ(render(*type, *col, i).text, text[i]);
        EXPECT_EQ(render(*type, *col, i).tsv, text[i]);
        EXPECT_EQ(render(*type, *col, i).csv, text[i]);
    }
    EXPECT_EQ(render(*type, *col, 0).json, "0.1");
    EXPECT_EQ(render(*type, *col, 4).json, "null");
    EXPECT_EQ(render(*type, *col, 6).json, "null");
    FormatSettings quote;
    quote.json_quote_denormals = true;
    EXPECT_EQ(render(*type, *col, 5, quote).json, "\"-inf\"");
    // JSON null for a non-Nullable type: the default with null_as_default, else an error.
    auto c = type->createColumn();
    FormatSettings strict;
    strict.null_as_default = false;
    ReadBufferFromMemory null_in("null");
    EXPECT_EQ(errorOf([&] { type->deserializeTextJSON(*c, null_in, strict); }), ErrorCode::CANNOT_PARSE_NUMBER);
    ReadBufferFromMemory null_default("null");
    type->deserializeTextJSON(*c, null_default, {});
    ReadBufferFromMemory json_true("true");
    type->deserializeTextJSON(*c, json_true, {});
    ASSERT_EQ(c->size(), 2u);
    EXPECT_EQ(render(*type, *c, 0).text, "0");
    EXPECT_EQ(render(*type, *c, 1).text, "1");
    for (const char * name : {"String", "Array(UInt8)", "Map(String, UInt8)", "Tuple(UInt8, String)", "Date", "LowCardinality(String)"})
    {
        auto t = parseDataType(name);
        auto col = t->createColumn();
        ReadBufferFromMemory in(" null");
        skipWhitespace(in);
        t->deserializeTextJSON(*col, in, {});
        ASSERT_EQ(col->size(), 1u) << name;
        EXPECT_EQ((*col)[0], t->getDefault()) << name;
        EXPECT_TRUE(in.eof()) << name;
    }
    for (const char * name : {"UInt32", "Float64", "Date", "DateTime", "Decimal(9, 2)", "UUID", "Bool"})
    {
        auto t = parseDataType(name);
        auto col = t->createColumn();
        ReadBufferFromMemory tsv("\\N\t");
        t->deserializeTextEscaped(*col, tsv, {});
        ReadBufferFromMemory csv("\\N,");
        t->deserializeTextCSV(*col, csv, {});
        ASSERT_EQ(col->size(), 2u) << name;
        EXPECT_EQ(tsv.peek(), '\t');
        EXPECT_EQ(csv.peek(), ',');
        EXPECT_EQ(t->serializeToString(*col, 0), t->serializeToString(*col, 1)) << name;
        ReadBufferFromMemory strict_in("\\N");
        EXPECT_NE(errorOf([&] { t->deserializeTextEscaped(*col, strict_in, strict); }), ErrorCode::OK) << name;
    }
    auto nf = parseDataType("Nullable(Float64)");
    auto nfc = nf->createColumn();
    ReadBufferFromMemory nan_in("nan");
    nf->deserializeTextJSON(*nfc, nan_in, {});
    EXPECT_EQ(render(*nf, *nfc, 0).json, "null");
    EXPECT_EQ(render(*nf, *nfc, 0).text, "nan");
    double trailing_dot = 0;
    EXPECT_TRUE(tryParseFloat<double>("1.", trailing_dot));
    EXPECT_EQ(trailing_dot, 1.0);

    auto f32 = parseDataType("Float32");
    auto col32 = columnOf(f32, {"0.1", "3.4028235e38"});
    EXPECT_EQ(render(*f32, *col32, 0).text, "0.1");
    EXPECT_EQ(render(*f32, *col32, 1).text, "3.4028235e38");
    expectRoundTrips(f32, *col32);
}

TEST(DataTypeText, BoolAndStrings)
{
    auto b = parseDataType("Bool");
    auto bcol = columnOf(b, {"true", "0", "FALSE", "1", "yes"});
    EXPECT_EQ(render(*b, *bcol, 0).text, "true");
    EXPECT_EQ(render(*b, *bcol, 1).json, "false");
    EXPECT_EQ(render(*b, *bcol, 2).csv, "false");
    EXPECT_EQ(render(*b, *bcol, 3).quoted, "true");
    expectRoundTrips(b, *bcol);
    auto bad = b->createColumn();
    EXPECT_EQ(errorOf([&] { b->deserializeFromString(*bad, "maybe"); }), ErrorCode::CANNOT_PARSE_TEXT);

    auto s = parseDataType("String");
    std::string tricky = std::string("a\tb\\c'd\"e/\x01\n") + '\0' + "\xc3\xa9";
    auto scol = s->createColumn();
    scol->insertData(tricky.data(), tricky.size());
    scol->insertData("", 0);
    Rendered r = render(*s, *scol, 0);
    EXPECT_EQ(r.text, tricky);
    EXPECT_EQ(r.tsv, std::string("a\\tb\\\\c\\'d\"e/\x01\\n\\0\xc3\xa9"));
    EXPECT_EQ(r.quoted, std::string("'a\\tb\\\\c\\'d\"e/\x01\\n\\0\xc3\xa9'"));
    EXPECT_EQ(r.csv, std::string("\"a\tb\\c'd\"\"e/\x01\n") + '\0' + "\xc3\xa9\"");
    EXPECT_EQ(r.json, "\"a\\tb\\\\c'd\\\"e\\/\\u0001\\n\\u0000\xc3\xa9\"");
    EXPECT_EQ(render(*s, *scol, 1).csv, "\"\"");
    expectRoundTrips(s, *scol);

    auto js = s->createColumn();
    ReadBufferFromMemory obj(R"({"a": [1, "x]}"], "b": {}} tail)");
    s->deserializeTextJSON(*js, obj, {});
    EXPECT_EQ(render(*s, *js, 0).text, R"({"a": [1, "x]}"], "b": {}})");
    EXPECT_EQ(obj.peek(), ' ');
    ReadBufferFromMemory num("12.5,");
    s->deserializeTextJSON(*js, num, {});
    EXPECT_EQ(render(*s, *js, 1).text, "12.5");
    ReadBufferFromMemory unbalanced("[1, 2}");
    EXPECT_EQ(errorOf([&] { s->deserializeTextJSON(*js, unbalanced, {}); }), ErrorCode::CANNOT_PARSE_TEXT);
    EXPECT_EQ(js->size(), 2u);

    auto fs = parseDataType("FixedString(3)");
    auto fcol = columnOf(fs, {"ab", "xyz"});
    EXPECT_EQ(render(*fs, *fcol, 0).tsv, "ab\\0");
    EXPECT_EQ(render(*fs, *fcol, 0).json, "\"ab\\u0000\"");
    EXPECT_EQ(render(*fs, *fcol, 1).quoted, "'xyz'");
    expectRoundTrips(fs, *fcol);
    EXPECT_EQ(errorOf([&] { fs->deserializeFromString(*fcol, "toolong"); }), ErrorCode::TOO_LARGE_STRING_SIZE);
    EXPECT_EQ(fcol->size(), 2u);
}

TEST(DataTypeText, DatesAndTimes)
{
    auto date = parseDataType("Date");
    auto dcol = columnOf(date, {"2020-01-02", "1970-01-01", "2149-06-06", "2020-01-02 10:11:12"});
    Rendered r = render(*date, *dcol, 0);
    EXPECT_EQ(r.text, "2020-01-02");
    EXPECT_EQ(r.tsv, "2020-01-02");
    EXPECT_EQ(r.quoted, "'2020-01-02'");
    EXPECT_EQ(r.csv, "\"2020-01-02\"");
    EXPECT_EQ(r.json, "\"2020-01-02\"");
    EXPECT_EQ(render(*date, *dcol, 3).text, "2020-01-02");
    expectRoundTrips(date, *dcol);
    auto bad = date->createColumn();
    EXPECT_EQ(errorOf([&] { date->deserializeFromString(*bad, "2020-02-30"); }), ErrorCode::CANNOT_PARSE_DATE);
    EXPECT_EQ(errorOf([&] { date->deserializeFromString(*bad, "soon"); }), ErrorCode::CANNOT_PARSE_DATE);

    auto d32 = parseDataType("Date32");
    auto d32col = columnOf(d32, {"1900-01-01", "1969-07-20", "2299-12-31"});
    EXPECT_EQ(render(*d32, *d32col, 0).text, "1900-01-01");
    EXPECT_EQ(render(*d32, *d32col, 1).json, "\"1969-07-20\"");
    expectRoundTrips(d32, *d32col);

    auto dt = parseDataType("DateTime('Europe/Madrid')");
    // 2024-03-31 01:59:59 / 03:00:00 local around the DST jump.
    auto dtcol = columnOf(dt, {"1711846799", "1711846800", "2024-10-27 02:30:00", "2024-10-27T00:30:00Z"});
    EXPECT_EQ(render(*dt, *dtcol, 0).text, "2024-03-31 01:59:59");
    EXPECT_EQ(render(*dt, *dtcol, 1).text, "2024-03-31 03:00:00");
    EXPECT_EQ(render(*dt, *dtcol, 1).csv, "\"2024-03-31 03:00:00\"");
    EXPECT_EQ(render(*dt, *dtcol, 1).json, "\"2024-03-31 03:00:00\"");
    EXPECT_EQ(render(*dt, *dtcol, 1).quoted, "'2024-03-31 03:00:00'");
    EXPECT_EQ(render(*dt, *dtcol, 2).text, "2024-10-27 02:30:00");
    EXPECT_EQ(render(*dt, *dtcol, 3).text, "2024-10-27 02:30:00");
    EXPECT_EQ(assertColumnCast<ColumnUInt32>(*dtcol).getData()[2], 1729989000u);
    expectRoundTrips(dt, *dtcol);
    auto dtbad = dt->createColumn();
    EXPECT_EQ(errorOf([&] { dt->deserializeFromString(*dtbad, "2024-13-01 00:00:00"); }), ErrorCode::CANNOT_PARSE_DATETIME);

    auto utc = parseDataType("DateTime");
    auto ucol = columnOf(utc, {"1970-01-01 00:00:00", "2106-02-07 06:28:15", "1960-01-01 00:00:00"});
    EXPECT_EQ(render(*utc, *ucol, 1).text, "2106-02-07 06:28:15");
    EXPECT_EQ(render(*utc, *ucol, 2).text, "1970-01-01 00:00:00"); // saturated

    auto dt64 = parseDataType("DateTime64(3, 'UTC')");
    auto c64 = columnOf(dt64, {"2023-11-14 22:13:20.123", "1969-12-31 23:59:59.999", "2023-11-14 22:13:20", "1700000000.5"});
    EXPECT_EQ(render(*dt64, *c64, 0).text, "2023-11-14 22:13:20.123");
    EXPECT_EQ(render(*dt64, *c64, 1).text, "1969-12-31 23:59:59.999");
    EXPECT_EQ(render(*dt64, *c64, 2).json, "\"2023-11-14 22:13:20.000\"");
    EXPECT_EQ(render(*dt64, *c64, 3).text, "2023-11-14 22:13:20.500");
    expectRoundTrips(dt64, *c64);
}

TEST(DataTypeText, UUIDAndDecimal)
{
    auto uuid = parseDataType("UUID");
    auto ucol = columnOf(uuid, {"01234567-89ab-cdef-fedc-ba9876543210"});
    EXPECT_EQ(render(*uuid, *ucol, 0).text, "01234567-89ab-cdef-fedc-ba9876543210");
    EXPECT_EQ(render(*uuid, *ucol, 0).csv, "\"01234567-89ab-cdef-fedc-ba9876543210\"");
    EXPECT_EQ(render(*uuid, *ucol, 0).quoted, "'01234567-89ab-cdef-fedc-ba9876543210'");
    expectRoundTrips(uuid, *ucol);
    EXPECT_EQ(errorOf([&] { uuid->deserializeFromString(*ucol, "nope"); }), ErrorCode::CANNOT_PARSE_UUID);

    auto dec = parseDataType("Decimal(9, 3)");
    auto dcol = columnOf(dec, {"-1.5", "0.001", "-0.005", "123456.789", "2"});
    EXPECT_EQ(render(*dec, *dcol, 0).text, "-1.5");
    EXPECT_EQ(render(*dec, *dcol, 0).json, "-1.5");
    EXPECT_EQ(render(*dec, *dcol, 1).csv, "0.001");
    EXPECT_EQ(render(*dec, *dcol, 2).text, "-0.005");
    EXPECT_EQ(render(*dec, *dcol, 4).text, "2");
    FormatSettings settings;
    settings.decimal_trailing_zeros = true;
    settings.json_quote_decimals = true;
    EXPECT_EQ(render(*dec, *dcol, 0, settings).text, "-1.500");
    EXPECT_EQ(render(*dec, *dcol, 0, settings).json, "\"-1.500\"");
    expectRoundTrips(dec, *dcol);
    EXPECT_EQ(errorOf([&] { dec->deserializeFromString(*dcol, "1234567"); }), ErrorCode::CANNOT_PARSE_NUMBER);

    auto d128 = parseDataType("Decimal(38, 2)");
    auto d128col = columnOf(d128, {"-999999999999999999999999999999999999.99"});
    EXPECT_EQ(render(*d128, *d128col, 0).text, "-999999999999999999999999999999999999.99");
    expectRoundTrips(d128, *d128col);
}

TEST(DataTypeText, Nullable)
{
    auto type = parseDataType("Nullable(String)");
    auto col = columnOf(type, {"NULL", "x", "\\N"});
    Rendered n = render(*type, *col, 0);
    EXPECT_EQ(n.text, "NULL");
    EXPECT_EQ(n.tsv, "\\N");
    EXPECT_EQ(n.quoted, "NULL");
    EXPECT_EQ(n.csv, "\\N");
    EXPECT_EQ(n.json, "null");
    EXPECT_EQ(render(*type, *col, 1).csv, "\"x\"");
    EXPECT_TRUE(assertColumnCast<ColumnNullable>(*col).isNullAt(2));
    expectRoundTrips(type, *col);

    // A TSV field "\\N" (escaped backslash + N) is the two-character string, not NULL.
    auto tsv = type->createColumn();
    ReadBufferFromMemory in("\\\\N\t\\N\n");
    type->deserializeTextEscaped(*tsv, in, {});
    assertChar('\t', in);
    type->deserializeTextEscaped(*tsv, in, {});
    EXPECT_EQ(render(*type, *tsv, 0).text, "\\N");
    EXPECT_TRUE(assertColumnCast<ColumnNullable>(*tsv).isNullAt(1));

    auto num = parseDataType("Nullable(Float64)");
    auto ncol = num->createColumn();
    for (const char * v : {"nan", "NULL", "null", "1.5"})
    {
        ReadBufferFromMemory q(v);
        num->deserializeTextQuoted(*ncol, q, {});
    }
    EXPECT_EQ(render(*num, *ncol, 0).text, "nan");
    EXPECT_EQ(render(*num, *ncol, 1).text, "NULL");
    EXPECT_EQ(render(*num, *ncol, 2).text, "NULL");
    EXPECT_EQ(render(*num, *ncol, 3).text, "1.5");
    ReadBufferFromMemory empty_csv(",");
    num->deserializeTextCSV(*ncol, empty_csv, {});
    EXPECT_EQ(render(*num, *ncol, 4).csv, "\\N");
    // A failed parse leaves the column unchanged.
    size_t rows = ncol->size();
    EXPECT_EQ(errorOf([&] { num->deserializeFromString(*ncol, "abc"); }), ErrorCode::CANNOT_PARSE_NUMBER);
    EXPECT_EQ(ncol->size(), rows);
    EXPECT_EQ(assertColumnCast<ColumnNullable>(*ncol).getNestedColumn().size(), rows);

    auto nothing = parseDataType("Nullable(Nothing)");
    auto nn = columnOf(nothing, {"NULL"});
    EXPECT_EQ(render(*nothing, *nn, 0).json, "null");
}

TEST(DataTypeText, ArraysTuplesMaps)
{
    auto arr = parseDataType("Array(Nullable(String))");
    auto acol = columnOf(arr, {"['a', NULL, 'it\\'s']", "[]"});
    Rendered r = render(*arr, *acol, 0);
    EXPECT_EQ(r.text, "['a',NULL,'it\\'s']");
    EXPECT_EQ(r.tsv, "['a',NULL,'it\\'s']");
    EXPECT_EQ(r.csv, "\"['a',NULL,'it\\'s']\"");
    EXPECT_EQ(r.json, "[\"a\",null,\"it's\"]");
    EXPECT_EQ(render(*arr, *acol, 1).json, "[]");
    expectRoundTrips(arr, *acol);
    EXPECT_EQ(errorOf([&] { arr->deserializeFromString(*acol, "['a',"); }), ErrorCode::CANNOT_PARSE_TEXT);
    EXPECT_EQ(errorOf([&] { arr->deserializeFromString(*acol, "['a'] x"); }), ErrorCode::CANNOT_PARSE_TEXT);
    EXPECT_EQ(acol->size(), 2u);
    EXPECT_EQ(assertColumnCast<ColumnArray>(*acol).getData().size(), 3u);

    auto nested = parseDataType("Array(Array(UInt8))");
    auto ncol = columnOf(nested, {"[[1,2],[],[3]]"});
    EXPECT_EQ(render(*nested, *ncol, 0).text, "[[1,2],[],[3]]");
    ReadBufferFromMemory json_in(" [ [1, \"2\"] , [ ] ] ");
    nested->deserializeTextJSON(*ncol, json_in, {});
    EXPECT_EQ(render(*nested, *ncol, 1).json, "[[1,2],[]]");
    expectRoundTrips(nested, *ncol);

    auto tuple = parseDataType("Tuple(UInt8, String)");
    auto tcol = columnOf(tuple, {"(1,'q')"});
    Rendered t = render(*tuple, *tcol, 0);
    EXPECT_EQ(t.text, "(1,'q')");
    EXPECT_EQ(t.csv, "1,\"q\"");
    EXPECT_EQ(t.json, "[1,\"q\"]");
    expectRoundTrips(tuple, *tcol);

    auto named = parseDataType("Tuple(a UInt8, b Date)");
    auto nc = columnOf(named, {"(7, '2020-01-01')"});
    EXPECT_EQ(render(*named, *nc, 0).json, "{\"a\":7,\"b\":\"2020-01-01\"}");
    FormatSettings as_array;
    as_array.json_named_tuples_as_objects = false;
    EXPECT_EQ(render(*named, *nc, 0, as_array).json, "[7,\"2020-01-01\"]");
    ReadBufferFromMemory obj("{\"b\": \"2021-02-03\", \"a\": 9}");
    named->deserializeTextJSON(*nc, obj, {});
    EXPECT_EQ(render(*named, *nc, 1).text, "(9,'2021-02-03')");
    expectRoundTrips(named, *nc);
    size_t rows = nc->size();
    EXPECT_EQ(errorOf([&] { named->deserializeFromString(*nc, "(1, 'bad date')"); }), ErrorCode::CANNOT_PARSE_DATE);
    EXPECT_EQ(nc->size(), rows);

    auto map = parseDataType("Map(String, UInt64)");
    auto mcol = columnOf(map, {"{'a':1,'b':2}", "{}"});
    Rendered m = render(*map, *mcol, 0);
    EXPECT_EQ(m.text, "{'a':1,'b':2}");
    EXPECT_EQ(m.csv, "\"{'a':1,'b':2}\"");
    EXPECT_EQ(m.json, "{\"a\":1,\"b\":2}");
    EXPECT_EQ(render(*map, *mcol, 1).json, "{}");
    expectRoundTrips(map, *mcol);

    auto imap = parseDataType("Map(UInt8, Array(String))");
    auto imcol = imap->createColumn();
    ReadBufferFromMemory in("{\"1\": [\"x\"], \"2\": []}");
    imap->deserializeTextJSON(*imcol, in, {});
    EXPECT_EQ(render(*imap, *imcol, 0).json, "{\"1\":[\"x\"],\"2\":[]}");
    EXPECT_EQ(render(*imap, *imcol, 0).text, "{1:['x'],2:[]}");
    expectRoundTrips(imap, *imcol);
}

TEST(DataTypeText, LowCardinality)
{
    auto type = parseDataType("LowCardinality(String)");
    auto col = columnOf(type, {"a", "b", "a"});
    EXPECT_EQ(render(*type, *col, 2).json, "\"a\"");
    EXPECT_EQ(render(*type, *col, 1).csv, "\"b\"");
    EXPECT_EQ(assertColumnCast<ColumnLowCardinality>(*col).getDictionary().size(), 2u);
    expectRoundTrips(type, *col);

    auto nullable = parseDataType("LowCardinality(Nullable(String))");
    auto ncol = columnOf(nullable, {"x", "NULL", "x"});
    EXPECT_EQ(render(*nullable, *ncol, 1).tsv, "\\N");
    EXPECT_EQ(render(*nullable, *ncol, 1).json, "null");
    EXPECT_EQ(render(*nullable, *ncol, 2).text, "x");
    expectRoundTrips(nullable, *ncol);
}

TEST(DataTypeText, Defaults)
{
    EXPECT_EQ(parseDataType("UInt8")->getDefault(), Field(UInt64(0)));
    EXPECT_EQ(parseDataType("String")->getDefault(), Field(std::string()));
    EXPECT_TRUE(parseDataType("Nullable(UInt8)")->getDefault().isNull());
    EXPECT_EQ(parseDataType("Decimal(9, 2)")->getDefault(), Field(FieldDecimal {0, 2}));
    EXPECT_EQ(parseDataType("Tuple(UInt8, String)")->getDefault(), Field(FieldTuple {{Field(UInt64(0)), Field(std::string())}}));
    for (const char * name :
         {"UInt8", "Float64", "String", "FixedString(2)", "Date", "DateTime", "DateTime64(3)", "UUID", "Decimal(9, 2)", "Nullable(String)",
          "Array(UInt8)", "Tuple(UInt8, String)", "Map(String, UInt8)", "LowCardinality(String)", "Bool", "Date32", "Int128"})
    {
        auto type = parseDataType(name);
        auto col = type->createColumn();
        col->insert(type->getDefault());
        ASSERT_EQ(col->size(), 1u) << name;
        if (type->getTypeId() != TypeIndex::Decimal32) // the column reports the scaled integer
        {
            EXPECT_EQ((*col)[0], type->getDefault()) << name;
        }
    }
}
