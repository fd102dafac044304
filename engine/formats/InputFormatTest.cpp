#include "engine/formats/FormatFactory.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

#include <random>

using namespace pipit;

namespace
{

Block makeHeader(const std::vector<std::pair<std::string, std::string>> & columns)
{
    Block header;
    for (const auto & [name, type] : columns)
        header.insert({nullptr, parseDataType(type), name});
    return header;
}

struct ReadResult
{
    std::vector<Block> blocks;
    std::vector<InputRowError> errors;
    std::vector<InputMissingValues> missing;

    size_t rows() const
    {
        size_t n = 0;
        for (const auto & b : blocks)
            n += b.rows();
        return n;
    }
    /// Value of column `c` at overall row `r` across blocks.
    Field at(size_t c, size_t r) const
    {
        for (const auto & b : blocks)
        {
            if (r < b.rows())
                return (*b.getByPosition(c).column)[r];
            r -= b.rows();
        }
        throw std::out_of_range("row");
    }
};

ReadResult readAll(std::string_view format, const Block & header, std::string_view data, size_t max_rows = 1000)
{
    ReadBufferFromMemory in(data);
    auto reader = createInputFormat(format, in, header, FormatSettings {});
    ReadResult result;
    Block block;
    size_t guard = 0;
    while (reader->read(block, result.errors, max_rows))
    {
        block.checkNumberOfRows();
        EXPECT_EQ(block.columns(), header.columns());
        result.blocks.push_back(block);
        result.missing.push_back(reader->missingValues());
        if (++guard > 100000)
        {
            ADD_FAILURE() << "read() does not stop";
            break;
        }
    }
    return result;
}

Block eventsHeader()
{
    return makeHeader({{"id", "UInt32"}, {"name", "String"}, {"score", "Float64"}, {"n", "Nullable(Int64)"}});
}

} // namespace

TEST(InputFormatJSONEachRow, GoodRowsMissingUnknownAndNull)
{
    std::string data = "{\"id\": 1, \"name\": \"a\\\"b\\u00e9\", \"score\": 1.5, \"n\": -3}\n"
                       "{\"name\": \"only name\", \"extra\": {\"deep\": [1, 2, {\"x\": null}]}, \"id\": \"7\"}\n"
                       "\n"
                       "{\"id\": null, \"n\": null, \"score\": 2, \"name\": 42}\r\n"
                       "   \r\n"
                       "{\"id\": 4294967295, \"name\": {\"k\": [1, 2]}, \"score\": \"-0.25\"}";
    ReadResult r = readAll("JSONEachRow", eventsHeader(), data);
    ASSERT_TRUE(r.errors.empty()) << r.errors[0].reason;
    ASSERT_EQ(r.rows(), 4u);
    EXPECT_EQ(r.at(0, 0), Field(UInt64(1)));
    EXPECT_EQ(r.at(1, 0), Field("a\"bé"));
    EXPECT_EQ(r.at(2, 0), Field(1.5));
    EXPECT_EQ(r.at(3, 0), Field(Int64(-3)));
    EXPECT_EQ(r.at(0, 1), Field(UInt64(7)));
    EXPECT_EQ(r.at(1, 1), Field("only name"));
    EXPECT_EQ(r.at(2, 1), Field(0.0));
    EXPECT_TRUE(r.at(3, 1).isNull());
    EXPECT_EQ(r.at(0, 2), Field(UInt64(0)));
    EXPECT_EQ(r.at(1, 2), Field("42"));
    EXPECT_EQ(r.at(2, 2), Field(2.0));
    EXPECT_TRUE(r.at(3, 2).isNull());
    EXPECT_EQ(r.at(0, 3), Field(UInt64(4294967295ULL)));
    EXPECT_EQ(r.at(1, 3), Field("{\"k\":[1,2]}"));
    EXPECT_EQ(r.at(2, 3), Field(-0.25));

    // Defaulted cells: row 1 score and n missing; row 2 id null-as-default (n is a real NULL).
    ASSERT_EQ(r.missing.size(), 1u);
    const auto & missing = r.missing[0].rows_per_column;
    EXPECT_EQ(missing[0], std::vector<size_t>({2}));
    EXPECT_EQ(missing[1], std::vector<size_t>());
    EXPECT_EQ(missing[2], std::vector<size_t>({1}));
    EXPECT_EQ(missing[3], std::vector<size_t>({1, 3}));
}

TEST(InputFormatJSONEachRow, BadRowsAreReportedAndSkipped)
{
    std::string data = "{\"id\": 1, \"name\": \"ok1\"}\n"
                       "{\"id\": \"abc\", \"name\": \"bad id\"}\n"
                       "{\"id\": 2, \"name\": \"ok2\"}\n"
                       "{\"id\": 3, \"name\": \"bad\", \"score\": [1]}\n"
                       "{\"id\": 4, \"name\": \"trunc\"\n"
                       "not json at all\n"
                       "[1, 2]\n"
                       "{\"id\": -1}\n"
                       "{\"id\": 1.5}\n"
                       "{\"id\": 5, \"id\": 6}\n"
                       "{\"id\": 99999999999}\n"
                       "{\"name\": \"ok3\", \"n\": \"x\"}\n"
                       "{\"id\": 9, \"name\": \"ok4\"}\n";
    ReadResult r = readAll("JSONEachRow", eventsHeader(), data);
    ASSERT_EQ(r.rows(), 3u);
    EXPECT_EQ(r.at(1, 0), Field("ok1"));
    EXPECT_EQ(r.at(1, 1), Field("ok2"));
    EXPECT_EQ(r.at(1, 2), Field("ok4"));
    EXPECT_EQ(r.at(0, 2), Field(UInt64(9)));
    ASSERT_EQ(r.errors.size(), 8u);
    EXPECT_EQ(r.errors[0].row_number, 2u);
    EXPECT_EQ(r.errors[0].column, "id");
    EXPECT_EQ(r.errors[0].raw, "{\"id\": \"abc\", \"name\": \"bad id\"}");
    EXPECT_NE(r.errors[0].reason.find("UInt32"), std::string::npos) << r.errors[0].reason;
    EXPECT_EQ(r.errors[1].row_number, 4u);
    EXPECT_EQ(r.errors[1].column, "score");
    // The unclosed object swallows following lines up to the next line starting with '{'.
    EXPECT_EQ(r.errors[2].row_number, 5u);
    EXPECT_EQ(r.errors[2].column, "");
    EXPECT_EQ(r.errors[2].raw, "{\"id\": 4, \"name\": \"trunc\"\nnot json at all\n[1, 2]");
    EXPECT_EQ(r.errors[3].row_number, 8u);
    EXPECT_EQ(r.errors[3].column, "id");    /// -1
    EXPECT_EQ(r.errors[4].column, "id");    /// 1.5
    EXPECT_EQ(r.errors[5].row_number, 10u); /// duplicate
    EXPECT_EQ(r.errors[6].column, "id");    /// out of range for UInt32
    EXPECT_NE(r.errors[6].reason.find("out of range"), std::string::npos) << r.errors[6].reason;
    EXPECT_EQ(r.errors[7].column, "n");
}

TEST(InputFormatJSONEachRow, NonObjectLinesAreBadRows)
{
    ReadResult r = readAll("JSONEachRow", eventsHeader(), "not json\n[1, 2]\n42\n\"str\"\n{\"id\": 1}\n");
    EXPECT_EQ(r.rows(), 1u);
    ASSERT_EQ(r.errors.size(), 4u);
    EXPECT_EQ(r.errors[1].row_number, 2u);
    EXPECT_EQ(r.errors[3].row_number, 4u);
}

TEST(InputFormatJSONEachRow, SeveralObjectsOnOneLine)
{
    ReadResult r =
        readAll("JSONEachRow", eventsHeader(), "{\"id\": 1} {\"id\": 2},{\"id\": \"x}{\"}\n{\"id\": 3}  {\"id\": \"bad\"} {\"id\": 4}\n");
    EXPECT_EQ(r.rows(), 4u);
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].row_number, 1u); // "x}{" is not a number
    EXPECT_EQ(r.errors[1].row_number, 2u);
    EXPECT_EQ(r.errors[1].raw, "{\"id\": \"bad\"}");
    EXPECT_EQ(r.at(0, 3).toUInt64(), 4u);
}

TEST(InputFormatJSONEachRow, MultiLineObjects)
{
    std::string data = "[\n"
                       "{\n"
                       "  \"id\": 1,\n"
                       "  \"name\": \"multi {[\\\"\",\n"
                       "  \"extra\": {\n    \"x\": [1,\n 2]\n  }\n"
                       "},\n"
                       "{\"id\": 2, \"name\": \"one line\"},\n"
                       "{\"id\": 3, \"name\": \"truncated\"\n"
                       "{\"id\": 4}\n"
                       "]\n";
    ReadResult r = readAll("JSONEachRow", eventsHeader(), data);
    ASSERT_EQ(r.rows(), 3u);
    EXPECT_EQ(r.at(1, 0), Field("multi {[\""));
    EXPECT_EQ(r.at(0, 1), Field(UInt64(2)));
    EXPECT_EQ(r.at(0, 2), Field(UInt64(4)));
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].row_number, 11u);
}

TEST(InputFormatJSONEachRow, RangeChecksPerType)
{
    Block header = makeHeader({{"u8", "UInt8"}, {"i8", "Int8"}, {"u64", "UInt64"}, {"i64", "Int64"}});
    std::string data = "{\"u8\": 255, \"i8\": -128, \"u64\": 18446744073709551615, \"i64\": -9223372036854775808}\n"
                       "{\"u8\": 300}\n"
                       "{\"i8\": 128}\n"
                       "{\"u64\": 18446744073709551616}\n"
                       "{\"i64\": 9223372036854775808}\n"
                       "{\"u8\": \"256\"}\n"
                       "{\"u8\": true, \"i8\": false}\n";
    ReadResult r = readAll("JSONEachRow", header, data);
    ASSERT_EQ(r.rows(), 2u);
    EXPECT_EQ(r.at(0, 0), Field(UInt64(255)));
    EXPECT_EQ(r.at(1, 0), Field(Int64(-128)));
    EXPECT_EQ(r.at(2, 0), Field(UInt64(18446744073709551615ULL)));
    EXPECT_EQ(r.at(3, 0), Field(Int64(std::numeric_limits<Int64>::min())));
    EXPECT_EQ(r.at(0, 1), Field(UInt64(1)));
    ASSERT_EQ(r.errors.size(), 5u);
    EXPECT_EQ(r.errors[0].column, "u8");
    EXPECT_EQ(r.errors[1].column, "i8");
    EXPECT_EQ(r.errors[4].column, "u8");
}

TEST(InputFormatJSONEachRow, BlocksOfMaxRows)
{
    std::string data;
    for (int i = 0; i < 2500; ++i)
        data += "{\"id\": " + std::to_string(i) + ", \"name\": \"r" + std::to_string(i) + "\"}\n";
    ReadResult r = readAll("NDJSON", eventsHeader(), data, 1000);
    ASSERT_EQ(r.blocks.size(), 3u);
    EXPECT_EQ(r.blocks[0].rows(), 1000u);
    EXPECT_EQ(r.blocks[2].rows(), 500u);
    EXPECT_EQ(r.at(0, 2499), Field(UInt64(2499)));
    EXPECT_EQ(r.at(1, 1234), Field("r1234"));
}

TEST(InputFormatJSONEachRow, HugeStringsAndSmallReadBuffer)
{
    std::string big(3 << 20, 'x');
    big[12345] = 'y';
    std::string data = "{\"name\": \"" + big + "\", \"id\": 1}\n{\"id\": 2, \"name\": \"\"}";
    ReadResult r = readAll("JSONEachRow", eventsHeader(), data);
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.rows(), 2u);
    EXPECT_EQ(r.at(1, 0), Field(big));
    EXPECT_EQ(r.at(1, 1), Field(""));
}

TEST(InputFormatJSONEachRow, InvalidUTF8IsABadRow)
{
    std::string data = "{\"id\": 1, \"name\": \"ok\"}\n{\"id\": 2, \"name\": \"\xff\xfe\"}\n{\"id\": 3, \"na\xc3me\": 1}\n{\"id\": 4}\n";
    ReadResult r = readAll("JSONEachRow", eventsHeader(), data);
    EXPECT_EQ(r.rows(), 2u);
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].row_number, 2u);
    EXPECT_EQ(r.errors[1].row_number, 3u);
    EXPECT_EQ(r.at(0, 1), Field(UInt64(4)));
}

TEST(InputFormatJSONEachRow, OtherTypesThroughTheirDeserialisers)
{
    Block header = makeHeader({{"ts", "DateTime('UTC')"}, {"tags", "Array(UInt32)"}, {"lc", "LowCardinality(String)"}, {"d", "Date"}});
    std::string data = "{\"ts\": \"2024-03-01 10:00:00\", \"tags\": [1, 2, 3], \"lc\": \"page_hit\", \"d\": \"2024-03-01\"}\n"
                       "{\"ts\": \"not a date\"}\n"
                       "{\"tags\": [\"a\"]}\n"
                       "{\"lc\": \"click\"}\n";
    ReadResult r = readAll("JSONEachRow", header, data);
    ASSERT_EQ(r.rows(), 2u);
    EXPECT_EQ(r.at(0, 0), Field(UInt64(1709287200)));
    EXPECT_EQ(r.at(1, 0), Field(FieldArray {{Field(UInt64(1)), Field(UInt64(2)), Field(UInt64(3))}}));
    EXPECT_EQ(r.at(2, 0), Field("page_hit"));
    EXPECT_EQ(r.at(2, 1), Field("click"));
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].column, "ts");
    EXPECT_EQ(r.errors[1].column, "tags");
}

TEST(InputFormatJSONEachRow, ManyTypes)
{
    Block header = makeHeader({
        {"b", "Bool"},
        {"d", "Decimal(10, 2)"},
        {"u", "UUID"},
        {"day", "Date"},
        {"ts64", "DateTime64(3, 'UTC')"},
        {"m", "Map(String, UInt8)"},
        {"t", "Tuple(UInt8, String)"},
        {"fs", "FixedString(3)"},
        {"nts", "Nullable(DateTime('UTC'))"},
        {"lcn", "LowCardinality(Nullable(String))"},
        {"big", "Int128"},
        {"f32", "Float32"},
    });
    std::string data = "{\"b\": true, \"d\": 1.5, \"u\": \"00000000-0000-0000-0000-000000000001\", \"day\": \"2024-03-01\", "
                       "\"ts64\": \"2024-03-01 00:00:00.123\", \"m\": {\"a\": 1, \"b\": 2}, \"t\": [7, \"x\"], \"fs\": \"ab\", "
                       "\"nts\": null, \"lcn\": null, \"big\": \"170141183460469231731687303715884105727\", \"f32\": 0.5}\n"
                       "{\"b\": false, \"d\": \"2.25\", \"nts\": 1700000000, \"lcn\": \"v\", \"big\": -5, \"f32\": \"nan\"}\n"
                       "{\"fs\": \"toolong\"}\n"
                       "{\"b\": 2}\n";
    ReadResult r = readAll("JSONEachRow", header, data);
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].column, "fs");
    EXPECT_EQ(r.errors[1].column, "b");
    ASSERT_EQ(r.rows(), 2u);
    EXPECT_EQ(r.at(0, 0), Field(UInt64(1)));
    EXPECT_EQ(r.at(0, 1), Field(UInt64(0)));
    EXPECT_EQ(r.at(1, 0), Field(Int64(150))); /// Decimal(10, 2) holds the scaled Int64
    EXPECT_EQ(r.at(1, 1), Field(Int64(225)));
    EXPECT_EQ(r.at(2, 0), Field(UInt128(1)));
    EXPECT_EQ(r.at(3, 0), Field(UInt64(19783)));
    EXPECT_EQ(r.at(4, 0), Field(Int64(1709251200123)));
    EXPECT_EQ(r.at(7, 0), Field(std::string("ab\0", 3)));
    EXPECT_TRUE(r.at(8, 0).isNull());
    EXPECT_EQ(r.at(8, 1), Field(UInt64(1700000000)));
    EXPECT_TRUE(r.at(9, 0).isNull());
    EXPECT_EQ(r.at(9, 1), Field("v"));
    EXPECT_EQ(r.at(10, 1), Field(Int128(-5)));
}

TEST(InputFormat, ManyTypesInTextFormats)
{
    Block header = makeHeader({
        {"d", "Decimal(10, 2)"},
        {"u", "UUID"},
        {"nts", "Nullable(DateTime('UTC'))"},
        {"t", "Tuple(UInt8, String)"},
        {"m", "Map(String, UInt8)"},
        {"b", "Bool"},
    });
    std::vector<std::pair<const char *, std::string>> cases = {
        {"TSV", "1.5\t00000000-0000-0000-0000-000000000001\t\\N\t(7,'x')\t{'a':1}\ttrue\n"},
        {"CSV", "1.5,00000000-0000-0000-0000-000000000001,\\N,\"(7,'x')\",\"{'a':1}\",true\n"},
        {"Values", "(1.5, '00000000-0000-0000-0000-000000000001', NULL, (7, 'x'), {'a':1}, true)"},
    };
    for (const auto & [format, data] : cases)
    {
        ReadResult r = readAll(format, header, data);
        for (const auto & e : r.errors)
            ADD_FAILURE() << format << " " << e.column << ": " << e.reason;
        ASSERT_EQ(r.rows(), 1u) << format;
        EXPECT_EQ(r.at(0, 0), Field(Int64(150))) << format;
        EXPECT_EQ(r.at(1, 0), Field(UInt128(1))) << format;
        EXPECT_TRUE(r.at(2, 0).isNull()) << format;
        EXPECT_EQ(r.at(3, 0), Field(FieldTuple {{Field(UInt64(7)), Field("x")}})) << format;
        EXPECT_EQ(r.at(5, 0), Field(UInt64(1))) << format;
    }
}

TEST(InputFormatJSONEachRow, RandomGarbageDoesNotCrash)
{
    std::mt19937_64 rng(42);
    Block header = makeHeader({{"a", "UInt8"}, {"b", "String"}, {"c", "Nullable(Float32)"}, {"d", "Array(String)"}, {"e", "DateTime"}});
    const std::string alphabet = "{}[]\":,0123456789-+.eEtruefalsnl \\\n\r\tabcd\xff\xc3";
    for (int iteration = 0; iteration < 200; ++iteration)
    {
        std::string data;
        size_t len = rng() % 2000;
        for (size_t i = 0; i < len; ++i)
            data.push_back(rng() % 4 == 0 ? static_cast<char>(rng()) : alphabet[rng() % alphabet.size()]);
        for (const char * format : {"JSONEachRow", "CSV", "CSVWithNames", "TSV", "TSVWithNames", "Values"})
        {
            ReadResult r = readAll(format, header, data, 64);
            (void)r;
        }
    }
}

TEST(InputFormat, MutatedValidInputDoesNotCrash)
{
    std::mt19937_64 rng(7);
    Block header = makeHeader({{"id", "UInt32"},
                               {"s", "Nullable(String)"},
                               {"ts", "DateTime('UTC')"},
                               {"arr", "Array(Int16)"},
                               {"lc", "LowCardinality(String)"}});
    std::vector<std::tuple<const char *, std::string, std::string>> samples = {
        {"JSONEachRow", "", "{\"id\": 1, \"s\": \"a\\u00e9\\n\", \"ts\": \"2024-01-01 00:00:00\", \"arr\": [1, -2], \"lc\": \"x\"}\n"},
        {"CSVWithNames", "id,s,ts,arr,lc\n", "1,\"a\"\"b\",2024-01-01 00:00:00,\"[1,-2]\",x\n"},
        {"TSV", "", "1\ta\\tb\t2024-01-01 00:00:00\t[1,-2]\tx\n"},
        {"Values", "", "(1, 'a\\'b', '2024-01-01 00:00:00', [1, -2], 'x'), "},
    };
    for (const auto & [format, prefix, sample] : samples)
    {
        std::string valid = prefix;
        for (int i = 0; i < 20; ++i)
            valid += sample;
        ReadResult clean = readAll(format, header, valid);
        EXPECT_EQ(clean.errors.size(), 0u) << format << ": " << (clean.errors.empty() ? "" : clean.errors[0].reason);
        for (int iteration = 0; iteration < 300; ++iteration)
        {
            std::string data = valid;
            size_t mutations = 1 + rng() % 8;
            for (size_t m = 0; m < mutations; ++m)
            {
                size_t at = rng() % data.size();
                switch (rng() % 4)
                {
                case 0:
                    data[at] = static_cast<char>(rng());
                    break;
                case 1:
                    data.erase(at, 1 + rng() % 5);
                    break;
                case 2:
                    data.insert(at, 1, "\"'[]{},\\\n\t\r"[rng() % 11]);
                    break;
                default:
                    data.resize(at);
                    break;
                }
                if (data.empty())
                    break;
            }
            ReadResult r = readAll(format, header, data, 7);
            for (const auto & block : r.blocks)
                for (const auto & column : block)
                    for (size_t row = 0; row < column.column->size(); ++row)
                        (void)(*column.column)[row];
        }
    }
}

TEST(InputFormatTSV, GoodBadMissingAndEscapes)
{
    std::string data = "1\ta\\tb\\nc\\\\\t1.5\t\\N\n"
                       "2\tplain\t-2\t5\r\n"
                       "x\tbad\t1\t1\n"
                       "\n"
                       "3\tshort\n"
                       "4\tlast\t0\t-7";
    ReadResult r = readAll("TSV", eventsHeader(), data);
    ASSERT_EQ(r.rows(), 3u);
    EXPECT_EQ(r.at(1, 0), Field("a\tb\nc\\"));
    EXPECT_TRUE(r.at(3, 0).isNull());
    EXPECT_EQ(r.at(2, 1), Field(-2.0));
    EXPECT_EQ(r.at(1, 1), Field("plain"));
    EXPECT_EQ(r.at(3, 2), Field(Int64(-7)));
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].row_number, 3u);
    EXPECT_EQ(r.errors[0].column, "id");
    EXPECT_EQ(r.errors[0].raw, "x\tbad\t1\t1");
    EXPECT_EQ(r.errors[1].row_number, 5u);
}

TEST(InputFormatTSV, WithNamesMapsByName)
{
    std::string data = "name\tunknown\tid\nalice\tzzz\t10\nbob\tyyy\t11\n";
    ReadResult r = readAll("TSVWithNames", eventsHeader(), data);
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.rows(), 2u);
    EXPECT_EQ(r.at(0, 1), Field(UInt64(11)));
    EXPECT_EQ(r.at(1, 0), Field("alice"));
    EXPECT_EQ(r.at(2, 0), Field(0.0));
    EXPECT_TRUE(r.at(3, 1).isNull());
    EXPECT_EQ(r.missing[0].rows_per_column[2], std::vector<size_t>({0, 1}));

    ReadResult same = readAll("TabSeparatedWithNames", eventsHeader(), data);
    EXPECT_EQ(same.rows(), 2u);
}

TEST(InputFormat, ByteOrderMarkIsSkipped)
{
    ReadResult csv = readAll("CSVWithNames", eventsHeader(), "\xEF\xBB\xBFid,name\n1,a\n");
    ASSERT_TRUE(csv.errors.empty());
    EXPECT_EQ(csv.at(0, 0), Field(UInt64(1)));
    ReadResult json = readAll("JSONEachRow", eventsHeader(), "\xEF\xBB\xBF{\"id\": 5}\n");
    ASSERT_TRUE(json.errors.empty());
    EXPECT_EQ(json.at(0, 0), Field(UInt64(5)));
}

TEST(InputFormat, WithNamesAndTypesSkipsTheTypesRow)
{
    ReadResult tsv = readAll("TSVWithNamesAndTypes", eventsHeader(), "name\tid\nString\tUInt32\nx\t3\n");
    ASSERT_TRUE(tsv.errors.empty());
    ASSERT_EQ(tsv.rows(), 1u);
    EXPECT_EQ(tsv.at(0, 0), Field(UInt64(3)));
    ReadResult csv = readAll("CSVWithNamesAndTypes", eventsHeader(), "\"id\",\"name\"\n\"UInt32\",\"String\"\n4,y\n");
    ASSERT_TRUE(csv.errors.empty());
    ASSERT_EQ(csv.rows(), 1u);
    EXPECT_EQ(csv.at(1, 0), Field("y"));
}

TEST(InputFormatTSV, SingleStringColumnKeepsEmptyLines)
{
    ReadResult r = readAll("TabSeparated", makeHeader({{"s", "String"}}), "a\n\nb\n");
    ASSERT_EQ(r.rows(), 3u);
    EXPECT_EQ(r.at(0, 1), Field(""));
}

TEST(InputFormatCSV, QuotingDefaultsAndBadRows)
{
    std::string data = "1,\"he said \"\"hi\"\"\nnext line\",1.5,\\N\r\n"
                       "2,,,\n"
                       " 3 , spaced ,  2.5 , 4 \n"
                       "6,  \"spaces then\nquoted\" ,0,0\n"
                       "abc,x,1,1\n"
                       "\n"
                       "5,\"unterminated,1,1\n";
    ReadResult r = readAll("CSV", eventsHeader(), data);
    ASSERT_EQ(r.rows(), 4u);
    EXPECT_EQ(r.at(1, 3), Field("spaces then\nquoted"));
    EXPECT_EQ(r.at(1, 0), Field("he said \"hi\"\nnext line"));
    EXPECT_TRUE(r.at(3, 0).isNull());
    EXPECT_EQ(r.at(0, 1), Field(UInt64(2)));
    EXPECT_EQ(r.at(1, 1), Field(""));
    EXPECT_EQ(r.at(2, 1), Field(0.0));
    EXPECT_TRUE(r.at(3, 1).isNull());
    EXPECT_EQ(r.at(0, 2), Field(UInt64(3)));
    EXPECT_EQ(r.at(1, 2), Field("spaced"));
    EXPECT_EQ(r.at(3, 2), Field(Int64(4)));
    EXPECT_EQ(r.missing[0].rows_per_column[2], std::vector<size_t>({1}));
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].row_number, 7u); /// quoted line feeds make rows 1 and 4 span two lines
    EXPECT_EQ(r.errors[0].column, "id");
    EXPECT_EQ(r.errors[1].row_number, 9u);
}

TEST(InputFormatCSV, WithNamesAndArrays)
{
    Block header = makeHeader({{"id", "UInt64"}, {"tags", "Array(String)"}, {"ts", "DateTime('UTC')"}});
    std::string data = "ts,id,tags\n\"2024-01-01 00:00:00\",1,\"['a','b']\"\n2024-01-01 00:00:01,2,[]";
    ReadResult r = readAll("CSVWithNames", header, data);
    ASSERT_TRUE(r.errors.empty()) << r.errors[0].reason;
    ASSERT_EQ(r.rows(), 2u);
    EXPECT_EQ(r.at(0, 1), Field(UInt64(2)));
    EXPECT_EQ(r.at(1, 0), Field(FieldArray {{Field("a"), Field("b")}}));
    EXPECT_EQ(r.at(2, 1), Field(UInt64(1704067201)));
}

TEST(InputFormatValues, TuplesLiteralsAndErrors)
{
    Block header = makeHeader({{"id", "UInt32"}, {"name", "String"}, {"n", "Nullable(Int64)"}, {"tags", "Array(UInt8)"}});
    std::string data = "(1, 'a''b\\'c', NULL, [1,2]), (2,'x,(y)',-5,[]) ,\n"
                       "(3, 'bad', 'q', [300]),\n"
                       "('abc', 'z', 1, []), (4, 'ok', DEFAULT, [7]);";
    ReadResult r = readAll("Values", header, data);
    ASSERT_EQ(r.rows(), 3u);
    EXPECT_EQ(r.at(1, 0), Field("a'b'c"));
    EXPECT_TRUE(r.at(2, 0).isNull());
    EXPECT_EQ(r.at(3, 0), Field(FieldArray {{Field(UInt64(1)), Field(UInt64(2))}}));
    EXPECT_EQ(r.at(1, 1), Field("x,(y)"));
    EXPECT_EQ(r.at(2, 1), Field(Int64(-5)));
    EXPECT_EQ(r.at(0, 2), Field(UInt64(4)));
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].row_number, 3u);
    EXPECT_EQ(r.errors[1].row_number, 4u);
    EXPECT_EQ(r.errors[1].column, "id");

    ReadResult broken = readAll("Values", header, "(1, 'a', NULL, []), (2, 'unterminated");
    EXPECT_EQ(broken.rows(), 1u);
    EXPECT_EQ(broken.errors.size(), 1u);
}

TEST(InputFormat, UnknownFormat)
{
    ReadBufferFromMemory in("");
    try
    {
        createInputFormat("jsoneachrow", in, eventsHeader(), FormatSettings {});
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::UNKNOWN_FORMAT);
    }
    ReadResult empty = readAll("JSONEachRow", eventsHeader(), "");
    EXPECT_TRUE(empty.blocks.empty());
    EXPECT_TRUE(empty.errors.empty());
}

namespace
{

/// Hands out the data in tiny chunks to exercise buffer boundaries.
class ReadBufferInChunks : public ReadBuffer
{
public:
    ReadBufferInChunks(std::string_view data, size_t chunk)
        : data_(data)
        , chunk_(chunk)
    {
    }

private:
    bool nextImpl() override
    {
        if (offset_ >= data_.size())
            return false;
        size_t n = std::min(chunk_, data_.size() - offset_);
        begin_ = pos_ = data_.data() + offset_;
        end_ = begin_ + n;
        offset_ += n;
        return true;
    }

    std::string_view data_;
    size_t chunk_;
    size_t offset_ = 0;
};

std::string dump(const ReadResult & r, size_t columns)
{
    std::string s;
    for (size_t row = 0; row < r.rows(); ++row)
    {
        for (size_t c = 0; c < columns; ++c)
            s += r.at(c, row).dump() + "|";
        s += "\n";
    }
    for (const auto & e : r.errors)
        s += std::to_string(e.row_number) + ":" + e.column + ":" + e.raw + "\n";
    return s;
}

} // namespace

TEST(InputFormat, ChunkedInputGivesTheSameResult)
{
    Block header = eventsHeader();
    std::vector<std::pair<std::string, std::string>> cases = {
        {"JSONEachRow",
         "{\"id\": 1, \"name\": \"a\\nb\"}\r\n\n{\"id\": \"x\"}\n{\"name\": \"" + std::string(5000, 'z') + "\"}\n{\"id\": 2}"},
        {"CSV", "1,\"multi\nline\",1,1\r\n2,b,,\nx,y,1,1\n3,\"" + std::string(3000, 'q') + "\",2,\\N"},
        {"TSVWithNames", "id\tname\n1\ta\\tb\n2\t" + std::string(4000, 'w') + "\nbad\tc\n"},
        {"Values", "(1, 'a', 1.5, NULL), (2, 'b\\'c', 0, 3), ('x', 'y', 0, 0)"},
    };
    for (const auto & [format, data] : cases)
    {
        ReadResult whole = readAll(format, header, data);
        ASSERT_GT(whole.rows(), 0u) << format;
        for (size_t chunk : {1, 2, 3, 7, 64})
        {
            ReadBufferInChunks in(data, chunk);
            auto reader = createInputFormat(format, in, header, FormatSettings {});
            ReadResult chunked;
            Block block;
            while (reader->read(block, chunked.errors, 2))
                chunked.blocks.push_back(block);
            EXPECT_EQ(dump(chunked, header.columns()), dump(whole, header.columns())) << format << " chunk " << chunk;
        }
    }
}

TEST(InputFormat, MaxRowsBoundsWorkOnGarbage)
{
    // Every line bad: read() returns after max_rows processed lines with an empty block.
    std::string data;
    for (int i = 0; i < 100; ++i)
        data += "garbage\n";
    ReadBufferFromMemory in(data);
    auto reader = createInputFormat("JSONEachRow", in, eventsHeader(), FormatSettings {});
    Block block;
    std::vector<InputRowError> errors;
    ASSERT_TRUE(reader->read(block, errors, 10));
    EXPECT_EQ(block.rows(), 0u);
    EXPECT_EQ(block.columns(), 4u);
    EXPECT_EQ(errors.size(), 10u);
    EXPECT_EQ(errors.back().row_number, 10u);
    while (reader->read(block, errors, 10))
    {
    }
    EXPECT_EQ(errors.size(), 100u);
}

TEST(InputFormat, RawTextIsTruncated)
{
    std::string data = "{\"id\": \"bad\", \"name\": \"" + std::string(5000, 'a') + "\"}\n";
    ReadResult r = readAll("JSONEachRow", eventsHeader(), data);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].raw.size(), IInputFormat::max_raw_row_bytes);
    EXPECT_EQ(r.errors[0].raw, data.substr(0, IInputFormat::max_raw_row_bytes));
}

TEST(InputFormat, DefaultsFillerSeesMissingCells)
{
    ReadBufferFromMemory in("{\"id\": 1}\n{\"id\": 2, \"name\": \"x\"}\n");
    auto reader = createInputFormat("JSONEachRow", in, eventsHeader(), FormatSettings {});
    size_t calls = 0;
    reader->setDefaultsFiller(
        [&](Block & block, const InputMissingValues & missing)
        {
            ++calls;
            EXPECT_EQ(missing.rows_per_column[1], std::vector<size_t>({0}));
            // A DEFAULT expression would overwrite these rows; replace the column to prove we can.
            auto column = block.getByPosition(1).type->createColumn();
            column->insert(Field("from default"));
            column->insert(Field("x"));
            block.getByPosition(1).column = column;
        });
    Block block;
    std::vector<InputRowError> errors;
    ASSERT_TRUE(reader->read(block, errors, 100));
    EXPECT_EQ(calls, 1u);
    EXPECT_EQ((*block.getByPosition(1).column)[0], Field("from default"));
}

TEST(InputFormat, BadRowsKeepClickHouseErrorCodes)
{
    auto codeOfFirstBadRow = [](std::string_view format, const Block & header, std::string_view data)
    {
        auto result = readAll(format, header, data);
        EXPECT_EQ(result.errors.size(), 1u) << format << ": " << data;
        return result.errors.empty() ? ErrorCode::OK : result.errors.front().code;
    };
    Block two = makeHeader({{"id", "UInt32"}, {"s", "String"}});
    EXPECT_EQ(codeOfFirstBadRow("CSV", two, "1,a\n2\n"), ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED);
    EXPECT_EQ(codeOfFirstBadRow("TSV", two, "1\ta\n2\ta\tb\n"), ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED);
    EXPECT_EQ(codeOfFirstBadRow("Values", two, "(1, 'a'), (2, 'b', 3)"), ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED);
    EXPECT_EQ(codeOfFirstBadRow("JSONEachRow", two, "{\"id\": 1}\n{\"id\": 2,,}\n"), ErrorCode::CANNOT_PARSE_INPUT_ASSERTION_FAILED);
    EXPECT_EQ(codeOfFirstBadRow("TSV", two, "x\ta\n"), ErrorCode::CANNOT_PARSE_TEXT);

    Block dates = makeHeader({{"d", "Date"}, {"t", "DateTime"}});
    EXPECT_EQ(codeOfFirstBadRow("CSV", dates, "2024-01-01,not a time\n"), ErrorCode::CANNOT_PARSE_DATETIME);
    EXPECT_EQ(codeOfFirstBadRow("JSONEachRow", dates, "{\"t\": \"not a time\"}\n"), ErrorCode::CANNOT_PARSE_DATETIME);
    EXPECT_EQ(codeOfFirstBadRow("Values", dates, "('2024-13-45', 0)"), ErrorCode::CANNOT_PARSE_DATE);

    Block uuid = makeHeader({{"u", "UUID"}});
    EXPECT_EQ(codeOfFirstBadRow("Values", uuid, "('not-a-uuid')"), ErrorCode::CANNOT_PARSE_UUID);
    EXPECT_EQ(codeOfFirstBadRow("TSV", uuid, "not-a-uuid\n"), ErrorCode::CANNOT_PARSE_UUID);

    Block fixed = makeHeader({{"f", "FixedString(4)"}});
    EXPECT_EQ(codeOfFirstBadRow("Values", fixed, "('abcde')"), ErrorCode::TOO_LARGE_STRING_SIZE);
    EXPECT_EQ(codeOfFirstBadRow("CSV", fixed, "abcde\n"), ErrorCode::TOO_LARGE_STRING_SIZE);
}
