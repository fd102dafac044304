#include "engine/formats/FormatFactory.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnConst.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace pipit;

namespace
{

struct TestColumn
{
    std::string name;
    std::string type;
    std::vector<Field> values;
};

Block makeBlock(const std::vector<TestColumn> & spec)
{
    Block block;
    for (const auto & c : spec)
    {
        DataTypePtr type = parseDataType(c.type);
        MutableColumnPtr column = type->createColumn();
        for (const auto & v : c.values)
            column->insert(v);
        block.insert({column, type, c.name});
    }
    return block;
}

/// Two rows with numbers, a string needing escapes, NULL, an array and a DateTime.
Block sampleBlock()
{
    return makeBlock({
        {"id", "UInt64", {Field(UInt64(1)), Field(UInt64(18446744073709551615ULL))}},
        {"name", "String", {Field("say \"hi\"\n/\t\\"), Field("plain")}},
        {"score", "Nullable(Float64)", {Field(1.5), Field()}},
        {"tags", "Array(String)", {Field(FieldArray {{Field("x"), Field("y'z")}}), Field(FieldArray {})}},
        {"ts", "DateTime('UTC')", {Field(UInt64(1704067200)), Field(UInt64(1))}},
        {"neg", "Int32", {Field(Int64(-5)), Field(Int64(7))}},
    });
}

std::string render(std::string_view format, const std::vector<Block> & blocks, const OutputStatistics * statistics = nullptr,
                   FormatSettings settings = {})
{
    WriteBufferFromString out;
    auto writer = createOutputFormat(format, out, blocks.at(0), settings);
    writer->writePrefix();
    for (const auto & block : blocks)
        writer->write(block);
    if (statistics)
        writer->setStatistics(*statistics);
    writer->writeSuffix();
    return out.release();
}

} // namespace

TEST(OutputFormat, JSONExactBytes)
{
    OutputStatistics statistics;
    statistics.elapsed_seconds = 0.000130797;
    statistics.rows_read = 2;
    statistics.bytes_read = 16;
    statistics.rows_before_limit_at_least = 20;
    std::string expected = "{\n"
                           "\t\"meta\":\n"
                           "\t[\n"
                           "\t\t{\n\t\t\t\"name\": \"id\",\n\t\t\t\"type\": \"UInt64\"\n\t\t},\n"
                           "\t\t{\n\t\t\t\"name\": \"name\",\n\t\t\t\"type\": \"String\"\n\t\t},\n"
                           "\t\t{\n\t\t\t\"name\": \"score\",\n\t\t\t\"type\": \"Nullable(Float64)\"\n\t\t},\n"
                           "\t\t{\n\t\t\t\"name\": \"tags\",\n\t\t\t\"type\": \"Array(String)\"\n\t\t},\n"
                           "\t\t{\n\t\t\t\"name\": \"ts\",\n\t\t\t\"type\": \"DateTime('UTC')\"\n\t\t},\n"
                           "\t\t{\n\t\t\t\"name\": \"neg\",\n\t\t\t\"type\": \"Int32\"\n\t\t}\n"
                           "\t],\n"
                           "\n"
                           "\t\"data\":\n"
                           "\t[\n"
                           "\t\t{\n"
                           "\t\t\t\"id\": 1,\n"
                           "\t\t\t\"name\": \"say \\\"hi\\\"\\n\\/\\t\\\\\",\n"
                           "\t\t\t\"score\": 1.5,\n"
                           "\t\t\t\"tags\": [\"x\",\"y'z\"],\n"
                           "\t\t\t\"ts\": \"2024-01-01 00:00:00\",\n"
                           "\t\t\t\"neg\": -5\n"
                           "\t\t},\n"
                           "\t\t{\n"
                           "\t\t\t\"id\": 18446744073709551615,\n"
                           "\t\t\t\"name\": \"plain\",\n"
                           "\t\t\t\"score\": null,\n"
                           "\t\t\t\"tags\": [],\n"
                           "\t\t\t\"ts\": \"1970-01-01 00:00:01\",\n"
                           "\t\t\t\"neg\": 7\n"
                           "\t\t}\n"
                           "\t],\n"
                           "\n"
                           "\t\"rows\": 2,\n"
                           "\n"
                           "\t\"rows_before_limit_at_least\": 20,\n"
                           "\n"
                           "\t\"statistics\":\n"
                           "\t{\n"
                           "\t\t\"elapsed\": 0.000130797,\n"
                           "\t\t\"rows_read\": 2,\n"
                           "\t\t\"bytes_read\": 16\n"
                           "\t}\n"
                           "}\n";
    EXPECT_EQ(render("JSON", {sampleBlock()}, &statistics), expected);
}

TEST(OutputFormat, JSONEmptyResultAndManyBlocks)
{
    Block header = makeBlock({{"a", "UInt8", {}}});
    std::string expected = "{\n\t\"meta\":\n\t[\n\t\t{\n\t\t\t\"name\": \"a\",\n\t\t\t\"type\": \"UInt8\"\n\t\t}\n\t],\n\n"
                           "\t\"data\":\n\t[\n\n\t],\n\n\t\"rows\": 0,\n\n"
                           "\t\"statistics\":\n\t{\n\t\t\"elapsed\": 0,\n\t\t\"rows_read\": 0,\n\t\t\"bytes_read\": 0\n\t}\n}\n";
    EXPECT_EQ(render("JSON", {header}), expected);

    Block b1 = makeBlock({{"a", "UInt8", {Field(UInt64(1))}}});
    Block b2 = makeBlock({{"a", "UInt8", {Field(UInt64(2)), Field(UInt64(3))}}});
    std::string out = render("JSONCompact", {b1, header, b2});
    EXPECT_NE(out.find("\t\"data\":\n\t[\n\t\t[1],\n\t\t[2],\n\t\t[3]\n\t],\n\n\t\"rows\": 3,\n"), std::string::npos) << out;
}

TEST(OutputFormat, JSONCompact)
{
    std::string out = render("JSONCompact", {sampleBlock()});
    EXPECT_NE(out.find("\t\t[1, \"say \\\"hi\\\"\\n\\/\\t\\\\\", 1.5, [\"x\",\"y'z\"], \"2024-01-01 00:00:00\", -5],\n"
                       "\t\t[18446744073709551615, \"plain\", null, [], \"1970-01-01 00:00:01\", 7]\n\t],\n"),
              std::string::npos)
        << out;
}

TEST(OutputFormat, JSONEachRow)
{
    EXPECT_EQ(render("JSONEachRow", {sampleBlock()}),
              "{\"id\":1,\"name\":\"say \\\"hi\\\"\\n\\/\\t\\\\\",\"score\":1.5,\"tags\":[\"x\",\"y'z\"],\"ts\":\"2024-01-01 "
              "00:00:00\",\"neg\":-5}\n"
              "{\"id\":18446744073709551615,\"name\":\"plain\",\"score\":null,\"tags\":[],\"ts\":\"1970-01-01 00:00:01\",\"neg\":7}\n");
    EXPECT_EQ(render("JSONCompactEachRow", {sampleBlock()}),
              "[1, \"say \\\"hi\\\"\\n\\/\\t\\\\\", 1.5, [\"x\",\"y'z\"], \"2024-01-01 00:00:00\", -5]\n"
              "[18446744073709551615, \"plain\", null, [], \"1970-01-01 00:00:01\", 7]\n");
}

TEST(OutputFormat, CSV)
{
    std::string rows = "1,\"say \"\"hi\"\"\n/\t\\\",1.5,\"['x','y\\'z']\",\"2024-01-01 00:00:00\",-5\n"
                       "18446744073709551615,\"plain\",\\N,\"[]\",\"1970-01-01 00:00:01\",7\n";
    EXPECT_EQ(render("CSV", {sampleBlock()}), rows);
    EXPECT_EQ(render("CSVWithNames", {sampleBlock()}), "\"id\",\"name\",\"score\",\"tags\",\"ts\",\"neg\"\n" + rows);
    EXPECT_EQ(render("CSVWithNamesAndTypes", {sampleBlock()}), "\"id\",\"name\",\"score\",\"tags\",\"ts\",\"neg\"\n\"UInt64\",\"String\","
                                                               "\"Nullable(Float64)\",\"Array(String)\",\"DateTime('UTC')\",\"Int32\"\n" +
                                                                   rows);
}

TEST(OutputFormat, TSV)
{
    std::string rows = "1\tsay \"hi\"\\n/\\t\\\\\t1.5\t['x','y\\'z']\t2024-01-01 00:00:00\t-5\n"
                       "18446744073709551615\tplain\t\\N\t[]\t1970-01-01 00:00:01\t7\n";
    EXPECT_EQ(render("TSV", {sampleBlock()}), rows);
    EXPECT_EQ(render("TabSeparated", {sampleBlock()}), rows);
    EXPECT_EQ(render("TSVWithNames", {sampleBlock()}), "id\tname\tscore\ttags\tts\tneg\n" + rows);
    EXPECT_EQ(render("TSVWithNamesAndTypes", {sampleBlock()}),
              "id\tname\tscore\ttags\tts\tneg\nUInt64\tString\tNullable(Float64)\tArray(String)\tDateTime(\\'UTC\\')\tInt32\n" + rows);
    Block names = makeBlock({{"a\tb", "String", {Field("x")}}});
    EXPECT_EQ(render("TSVWithNames", {names}), "a\\tb\nx\n");
}

TEST(OutputFormat, PrettyCompact)
{
    Block block = makeBlock({
        {"a", "UInt64", {Field(UInt64(0)), Field(UInt64(1))}},
        {"long_name", "String", {Field("0"), Field("1000")}},
        {"n", "Nullable(UInt8)", {Field(), Field(UInt64(3))}},
        {"u", "String", {Field("é"), Field("é")}},
        {"big", "UInt32", {Field(UInt64(1000000)), Field(UInt64(1000000))}},
    });
    EXPECT_EQ(render("PrettyCompact", {block}), "   ┌─a─┬─long_name─┬────n─┬─u─┬─────big─┐\n"
                                                "1. │ 0 │ 0         │ ᴺᵁᴸᴸ │ é │ 1000000 │\n"
                                                "2. │ 1 │ 1000      │    3 │ é │ 1000000 │\n"
                                                "   └───┴───────────┴──────┴───┴─────────┘\n");
    FormatSettings no_numbers;
    no_numbers.pretty_row_numbers = false;
    EXPECT_EQ(render("PrettyCompact", {block}, nullptr, no_numbers), "┌─a─┬─long_name─┬────n─┬─u─┬─────big─┐\n"
                                                                     "│ 0 │ 0         │ ᴺᵁᴸᴸ │ é │ 1000000 │\n"
                                                                     "│ 1 │ 1000      │    3 │ é │ 1000000 │\n"
                                                                     "└───┴───────────┴──────┴───┴─────────┘\n");
}

TEST(OutputFormat, PrettyAndPrettySpace)
{
    Block block = makeBlock({
        {"a", "UInt32", {Field(UInt64(1000))}},
        {"b", "Nullable(UInt8)", {Field(UInt64(1))}},
        {"c", "String", {Field("x")}},
    });
    EXPECT_EQ(render("Pretty", {block}), "   ┏━━━━━━┳━━━┳━━━┓\n"
                                         "   ┃    a ┃ b ┃ c ┃\n"
                                         "   ┡━━━━━━╇━━━╇━━━┩\n"
                                         "1. │ 1000 │ 1 │ x │\n"
                                         "   └──────┴───┴───┘\n");
    EXPECT_EQ(render("PrettySpace", {block}), "      a   b   c\n\n1. 1000   1   x\n");

    Block two = makeBlock({{"a", "UInt8", {Field(UInt64(0)), Field(UInt64(1))}}, {"long_name", "String", {Field("0"), Field("1000")}}});
    EXPECT_EQ(render("Pretty", {two}), "   ┏━━━┳━━━━━━━━━━━┓\n"
                                       "   ┃ a ┃ long_name ┃\n"
                                       "   ┡━━━╇━━━━━━━━━━━┩\n"
                                       "1. │ 0 │ 0         │\n"
                                       "   ├───┼───────────┤\n"
                                       "2. │ 1 │ 1000      │\n"
                                       "   └───┴───────────┘\n");
}

TEST(OutputFormat, PrettyPerBlockAndRowLimit)
{
    Block b1 = makeBlock({{"x", "UInt8", {Field(UInt64(1))}}});
    Block b2 = makeBlock({{"x", "UInt8", {Field(UInt64(100))}}});
    EXPECT_EQ(render("PrettyCompact", {b1, b2}), "   ┌─x─┐\n1. │ 1 │\n   └───┘\n   ┌───x─┐\n2. │ 100 │\n   └─────┘\n");

    // Numbering goes on across blocks; each block is indented by its own widest number.
    std::vector<Field> nine(9, Field(UInt64(5)));
    Block b9 = makeBlock({{"x", "UInt8", nine}});
    Block b3 = makeBlock({{"x", "UInt8", {Field(UInt64(1)), Field(UInt64(2))}}});
    std::string numbered = render("PrettySpace", {b9, b3});
    EXPECT_TRUE(numbered.starts_with("   x\n\n1. 5\n")) << numbered;
    EXPECT_TRUE(numbered.ends_with("9. 5\n    x\n\n10. 1\n11. 2\n")) << numbered;

    std::vector<Field> many(10001, Field(UInt64(7)));
    Block big = makeBlock({{"x", "UInt8", many}});
    std::string out = render("PrettyCompact", {big});
    EXPECT_TRUE(out.ends_with("10000. │ 7 │\n       └───┘\n  Showed first 10000.\n")) << out.substr(out.size() - 100);
    size_t lines = static_cast<size_t>(std::count(out.begin(), out.end(), '\n'));
    EXPECT_EQ(lines, 10000 + 3);
}

TEST(OutputFormat, Values)
{
    EXPECT_EQ(render("Values", {sampleBlock(), sampleBlock()}), "(1,'say \"hi\"\\n/\\t\\\\',1.5,['x','y\\'z'],'2024-01-01 00:00:00',-5),"
                                                                "(18446744073709551615,'plain',NULL,[],'1970-01-01 00:00:01',7),"
                                                                "(1,'say \"hi\"\\n/\\t\\\\',1.5,['x','y\\'z'],'2024-01-01 00:00:00',-5),"
                                                                "(18446744073709551615,'plain',NULL,[],'1970-01-01 00:00:01',7)");
}

TEST(OutputFormat, Prometheus)
{
    auto labels = [](std::vector<std::pair<std::string, std::string>> entries)
    {
        FieldMap map;
        for (auto & [k, v] : entries)
            map.entries.push_back(Field(FieldTuple {{Field(k), Field(v)}}));
        return Field(map);
    };
    std::vector<Field> names, types, helps, label_values, values, timestamps;
    auto add = [&](std::string name, std::string type, std::string help, Field l, double value, UInt64 ts)
    {
        names.push_back(Field(name));
        types.push_back(Field(type));
        helps.push_back(Field(help));
        label_values.push_back(l);
        values.push_back(Field(value));
        timestamps.push_back(Field(ts));
    };
    add("http_request_duration_seconds", "histogram", "A histogram\nof durations.", labels({{"le", "0.5"}}), 129389, 0);
    add("http_request_duration_seconds", "histogram", "", labels({{"le", "+Inf"}}), 144320, 0);
    add("http_request_duration_seconds", "histogram", "", labels({{"le", "0.05"}}), 24054, 0);
    add("http_request_duration_seconds", "histogram", "", labels({{"sum", ""}}), 53423, 0);
    add("http_requests_total", "counter", "Total number of HTTP requests", labels({{"method", "post"}, {"code", "200"}}), 1027,
        1395066363000);
    add("http_requests_total", "counter", "", labels({{"method", "post"}, {"code", "400"}}), 3, 1395066363000);
    add("metric_without_timestamp_and_labels", "", "", labels({}), 12.47, 0);
    add("rpc_duration_seconds", "summary", "RPC", labels({{"count", ""}}), 2693, 0);
    add("rpc_duration_seconds", "summary", "", labels({{"quantile", "0.5"}}), 4773, 0);
    add("rpc_duration_seconds", "summary", "", labels({{"quantile", "0.05"}}), 3272, 0);
    add("something_weird", "", "", labels({{"problem", "division \"by\" zero"}}), std::numeric_limits<double>::infinity(), 3982045);
    Block block = makeBlock({
        {"name", "String", names},
        {"type", "String", types},
        {"help", "String", helps},
        {"labels", "Map(String, String)", label_values},
        {"value", "Float64", values},
        {"timestamp", "UInt64", timestamps},
    });
    EXPECT_EQ(render("Prometheus", {block}), "# HELP http_request_duration_seconds A histogram of durations.\n"
                                             "# TYPE http_request_duration_seconds histogram\n"
                                             "http_request_duration_seconds_bucket{le=\"0.05\"} 24054\n"
                                             "http_request_duration_seconds_bucket{le=\"0.5\"} 129389\n"
                                             "http_request_duration_seconds_bucket{le=\"+Inf\"} 144320\n"
                                             "http_request_duration_seconds_sum 53423\n"
                                             "http_request_duration_seconds_count 144320\n"
                                             "\n"
                                             "# HELP http_requests_total Total number of HTTP requests\n"
                                             "# TYPE http_requests_total counter\n"
                                             "http_requests_total{code=\"200\",method=\"post\"} 1027 1395066363000\n"
                                             "http_requests_total{code=\"400\",method=\"post\"} 3 1395066363000\n"
                                             "\n"
                                             "metric_without_timestamp_and_labels 12.47\n"
                                             "\n"
                                             "# HELP rpc_duration_seconds RPC\n"
                                             "# TYPE rpc_duration_seconds summary\n"
                                             "rpc_duration_seconds{quantile=\"0.05\"} 3272\n"
                                             "rpc_duration_seconds{quantile=\"0.5\"} 4773\n"
                                             "rpc_duration_seconds_count 2693\n"
                                             "\n"
                                             "something_weird{problem=\"division \\\"by\\\" zero\"} +Inf 3982045\n"
                                             "\n");

    WriteBufferFromString out;
    Block no_value = makeBlock({{"name", "String", {}}});
    EXPECT_THROW(createOutputFormat("Prometheus", out, no_value, FormatSettings {}), Exception);
    Block bad_type = makeBlock({{"name", "String", {}}, {"value", "String", {}}});
    EXPECT_THROW(createOutputFormat("Prometheus", out, bad_type, FormatSettings {}), Exception);
}

TEST(OutputFormat, Vertical)
{
    Block block = makeBlock({
        {"a", "UInt64", {Field(UInt64(0)), Field(UInt64(1))}},
        {"long_name", "String", {Field("0"), Field("x")}},
        {"n", "Nullable(UInt8)", {Field(), Field(UInt64(3))}},
    });
    EXPECT_EQ(render("Vertical", {block}), "Row 1:\n──────\na:         0\nlong_name: 0\nn:         ᴺᵁᴸᴸ\n\n"
                                           "Row 2:\n──────\na:         1\nlong_name: x\nn:         3\n");
    EXPECT_EQ(render("Vertical", {makeBlock({{"a", "UInt8", {}}})}), "");
}

TEST(OutputFormat, NullFormatAndUnknown)
{
    EXPECT_EQ(render("Null", {sampleBlock()}), "");
    WriteBufferFromString out;
    try
    {
        createOutputFormat("Nope", out, sampleBlock(), FormatSettings {});
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::UNKNOWN_FORMAT);
    }
    try
    {
        createOutputFormat("JSONLines2", out, sampleBlock(), FormatSettings {});
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::UNKNOWN_FORMAT);
    }
    EXPECT_TRUE(isOutputFormat("PrettyCompact"));
    EXPECT_FALSE(isOutputFormat("prettycompact"));
    EXPECT_TRUE(isInputFormat("NDJSON"));
    EXPECT_TRUE(isInputFormat("JSONLines"));
    EXPECT_TRUE(isInputFormat("TabSeparatedWithNames"));
    EXPECT_FALSE(isInputFormat("JSON"));
    EXPECT_FALSE(FormatFactory::formats().empty());
}

TEST(OutputFormat, ConstColumnsAreExpanded)
{
    Block block = sampleBlock();
    Block one = makeBlock({{"c", "UInt8", {Field(UInt64(5))}}});
    Block with_const;
    with_const.insert({ColumnConst::create(one.getByPosition(0).column, 3), one.getByPosition(0).type, "c"});
    EXPECT_EQ(render("CSV", {with_const}), "5\n5\n5\n");
}

namespace
{

std::string renderWithTotals(std::string_view format, const Block & data, const Block & totals)
{
    WriteBufferFromString out;
    auto writer = createOutputFormat(format, out, data, FormatSettings {});
    writer->writePrefix();
    writer->write(data);
    writer->setStatistics(OutputStatistics {});
    writer->writeTotals(totals);
    writer->writeSuffix();
    return out.release();
}

} // namespace

TEST(OutputFormat, TotalsAfterData)
{
    /// GROUP BY ... WITH TOTALS: TSV and CSV after an empty line, JSON as "totals" after "data",
    /// Pretty as a table after "Totals:", JSONEachRow not at all.
    Block data = makeBlock({{"k", "String", {Field("a"), Field("b")}}, {"c", "UInt64", {Field(UInt64(2)), Field(UInt64(3))}}});
    Block totals = makeBlock({{"k", "String", {Field("")}}, {"c", "UInt64", {Field(UInt64(5))}}});
    EXPECT_EQ(renderWithTotals("TSV", data, totals), "a\t2\nb\t3\n\n\t5\n");
    EXPECT_EQ(renderWithTotals("TSVWithNames", data, totals), "k\tc\na\t2\nb\t3\n\n\t5\n");
    EXPECT_EQ(renderWithTotals("CSV", data, totals), "\"a\",2\n\"b\",3\n\n\"\",5\n");
    EXPECT_EQ(renderWithTotals("JSONEachRow", data, totals).find("5"), std::string::npos);
    std::string json = renderWithTotals("JSON", data, totals);
    size_t totals_at = json.find("\t],\n\n\t\"totals\"");
    ASSERT_NE(totals_at, std::string::npos) << json;
    EXPECT_EQ(json.substr(0, totals_at), render("JSON", {data}).substr(0, totals_at));
    EXPECT_NE(json.find("\t\t}\n\t],\n\n\t\"totals\":\n\t{\n\t\t\"k\": \"\",\n\t\t\"c\": "), std::string::npos) << json;
    EXPECT_NE(json.find("5\n\t},\n\n\t\"rows\": 2,\n"), std::string::npos) << json;
    std::string compact = renderWithTotals("JSONCompact", data, totals);
    EXPECT_NE(compact.find("\n\t],\n\n\t\"totals\": [\"\", "), std::string::npos) << compact;
    EXPECT_NE(compact.find("5],\n\n\t\"rows\": 2,\n"), std::string::npos) << compact;
    std::string pretty = renderWithTotals("PrettyCompact", data, totals);
    EXPECT_NE(pretty.find("\nTotals:\n"), std::string::npos) << pretty;
    EXPECT_NE(pretty.find("│   │ 5 │"), std::string::npos) << pretty;
}
