#include "engine/base/Exception.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionRegistry.h"

#include <gtest/gtest.h>

using namespace pipit;

/// Function families added with the JSON functions: typed JSONExtract, array functions and string
/// replacement edge cases, called through the registry as the executor does.
namespace
{

ColumnWithTypeAndName column(const std::string & type_name, const std::vector<Field> & values)
{
    auto type = parseDataType(type_name);
    auto c = type->createColumn();
    for (const auto & v : values)
        c->insert(v);
    return {std::move(c), type, "c"};
}

ColumnWithTypeAndName constant(const std::string & type_name, const Field & value, size_t rows)
{
    auto type = parseDataType(type_name);
    return {createConstColumn(type, value, rows), type, "k"};
}

std::vector<std::string> call(const std::string & name, const ColumnsWithTypeAndName & arguments)
{
    auto function = FunctionRegistry::instance().get(name);
    ColumnsWithTypeAndName for_type = arguments;
    for (auto & a : for_type)
        if (a.column && !a.column->isConst())
            a.column = nullptr;
    auto type = function->getReturnType(for_type);
    size_t rows = arguments[0].column->size();
    auto res = function->execute(arguments, type, rows);
    std::vector<std::string> out;
    for (size_t i = 0; i < res->size(); ++i)
        out.push_back((*res)[i].dump());
    return out;
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

using Strings = std::vector<std::string>;

} // namespace

TEST(FunctionsJSON, TypedExtract)
{
    auto json = column("String", {R"({"a":{"x":1,"y":"s"},"b":[1,"x",null,300]})", "", R"({"a":[2,"t"]})"});
    EXPECT_EQ(Strings({"('s', 1)", "('', 0)", "('2', 0)"}), call("JSONExtract", {json, constant("String", "a", 3), constant("String", "Tuple(y String, x Float64)", 3)}));
    EXPECT_EQ(Strings({"[1, NULL, NULL, 300]", "[]", "[]"}), call("JSONExtract", {json, constant("String", "b", 3), constant("String", "Array(Nullable(Int64))", 3)}));
    EXPECT_EQ(Strings({"[1, 0, 0, 0]", "[]", "[]"}), call("JSONExtract", {json, constant("String", "b", 3), constant("String", "Array(UInt8)", 3)}));
}

TEST(FunctionsJSON, PathsAndDefaults)
{
    auto json = column("String", {R"({"a":[10,-20,30.5],"s":"x\ny"})", "not json", R"([1,[2,3]])"});
    EXPECT_EQ(Strings({"-20", "0", "0"}), call("JSONExtractInt", {json, constant("String", "a", 3), constant("Int8", Int64(-2), 3)}));
    EXPECT_EQ(Strings({"'x\ny'", "''", "''"}), call("JSONExtractString", {json, constant("String", "s", 3)}));
    EXPECT_EQ(Strings({"'[10,-20,30.5]'", "''", "'1'"}), call("JSONExtractRaw", {json, constant("UInt8", UInt64(1), 3)}));
    EXPECT_EQ(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, errorOf([&] { call("JSONExtractString", {json, constant("Float64", 1.5, 3)}); }));
}

TEST(FunctionsArray, ConcatSliceAndSearch)
{
    auto arr = column("Array(UInt32)", {FieldArray {{UInt64(3), UInt64(1)}}, FieldArray {}, FieldArray {{UInt64(7)}}});
    EXPECT_EQ(Strings({"[3, 1, 100]", "[100]", "[7, 100]"}), call("arrayConcat", {arr, constant("Array(UInt8)", FieldArray {{UInt64(100)}}, 3)}));
    EXPECT_EQ(Strings({"[]", "[]", "[]"}), call("arraySlice", {arr, constant("Int8", Int64(-3), 3), constant("UInt8", UInt64(1), 3)}));
    EXPECT_EQ(Strings({"[3, 1]", "[]", "[7]"}), call("arraySlice", {arr, constant("Int8", Int64(-3), 3), constant("UInt8", UInt64(3), 3)}));
    EXPECT_EQ(Strings({"1", "0", "0"}), call("has", {arr, constant("Float64", 3.0, 3)}));
    EXPECT_EQ(Strings({"2", "0", "0"}), call("indexOf", {arr, constant("UInt8", UInt64(1), 3)}));
    auto with_null = column("Array(Nullable(UInt8))", {FieldArray {{UInt64(3), Field(), UInt64(1)}}});
    EXPECT_EQ(Strings({"[1, 3, NULL]"}), call("arraySort", {with_null}));
    EXPECT_EQ(ErrorCode::BAD_ARGUMENTS, errorOf([&] { call("range", {constant("UInt8", UInt64(1), 1), constant("UInt8", UInt64(2), 1), constant("UInt8", UInt64(0), 1)}); }));
}

TEST(FunctionsStringSearch, ReplaceEdgeCases)
{
    auto s = column("String", {"aaa", ""});
    EXPECT_EQ(Strings({"'bbb'", "''"}), call("replaceAll", {s, constant("String", "a", 2), constant("String", "b", 2)}));
    EXPECT_EQ(Strings({"'baa'", "''"}), call("replaceOne", {s, constant("String", "a", 2), constant("String", "b", 2)}));
    EXPECT_EQ(Strings({"'-a-a-a-'", "'-'"}), call("replaceRegexpAll", {s, constant("String", "x*", 2), constant("String", "-", 2)}));
    EXPECT_EQ(ErrorCode::ARGUMENT_OUT_OF_BOUND, errorOf([&] { call("replaceAll", {s, constant("String", "", 2), constant("String", "x", 2)}); }));
    EXPECT_EQ(ErrorCode::ARGUMENT_OUT_OF_BOUND, errorOf([&] { call("replaceRegexpAll", {s, constant("String", "", 2), constant("String", "x", 2)}); }));
}

TEST(FunctionsDateDiff, UnitsAndAliases)
{
    auto from = column("Date", {UInt64(19723), UInt64(19722)}); /// 2024-01-01, 2023-12-31
    auto to = column("Date", {UInt64(19783), UInt64(19723)});   /// 2024-03-01, 2024-01-01
    EXPECT_EQ(Strings({"60", "1"}), call("dateDiff", {constant("String", "day", 2), from, to}));
    EXPECT_EQ(Strings({"2", "1"}), call("dateDiff", {constant("String", "month", 2), from, to}));
    EXPECT_EQ(Strings({"0", "1"}), call("dateDiff", {constant("String", "year", 2), from, to}));
    EXPECT_EQ(ErrorCode::BAD_ARGUMENTS, errorOf([&] { call("dateDiff", {constant("String", "fortnight", 2), from, to}); }));
    EXPECT_TRUE(FunctionRegistry::instance().has("timestampAdd"));
    auto ts = column("DateTime('UTC')", {UInt64(1710074265)}); /// 2024-03-10 12:37:45
    EXPECT_EQ(Strings({"1710073800"}), call("toStartOfTenMinutes", {ts}));
}

TEST(FunctionsConversionOrDefault, ZeroNullAndBestEffort)
{
    auto s = column("String", {"12", "x", "2024-03-10T12:00:00Z"});
    EXPECT_EQ(Strings({"12", "0", "0"}), call("toUInt8OrZero", {s}));
    EXPECT_EQ(Strings({"12", "NULL", "NULL"}), call("toFloat64OrNull", {s}));
    EXPECT_EQ(Strings({"1710072000"}), call("parseDateTimeBestEffort", {column("String", {"2024-03-10T12:00:00Z"})}));
    EXPECT_EQ(Strings({"NULL", "1710072000"}), call("parseDateTimeBestEffortOrNull", {column("String", {"nope", "2024-03-10 12:00:00"})}));
    EXPECT_EQ(ErrorCode::CANNOT_PARSE_DATETIME, errorOf([&] { call("parseDateTimeBestEffort", {column("String", {"nope"})}); }));
    EXPECT_EQ(Strings({"'a'"}), call("toLowCardinality", {column("String", {"a"})}));
    EXPECT_EQ(3u, call("rand64", {column("UInt8", {UInt64(1), UInt64(2), UInt64(3)})}).size());
}

TEST(FunctionFormatDateTime, Specifiers)
{
    auto ts = column("DateTime('UTC')", {UInt64(1710072305)}); /// 2024-03-10 12:05:05, a Sunday
    EXPECT_EQ(Strings({"'2024-03-10 12:05:05'"}), call("formatDateTime", {ts, constant("String", "%F %T", 1)}));
    EXPECT_EQ(Strings({"'10/03/24 12:05 PM March Sun 7 Q1 070 %'"}),
              call("formatDateTime", {ts, constant("String", "%d/%m/%y %H:%i %p %M %a %u Q%Q %j %%", 1)}));
    EXPECT_EQ(Strings({"'2024-03-10 13:05'"}), call("formatDateTime", {ts, constant("String", "%Y-%m-%d %R", 1), constant("String", "Europe/Berlin", 1)}));
    auto date = column("Date", {UInt64(19792)}); /// 2024-03-10
    EXPECT_EQ(Strings({"'2024-03-10 00:00:00'"}), call("formatDateTime", {date, constant("String", "%F %T", 1)}));
    EXPECT_EQ(ErrorCode::BAD_ARGUMENTS, errorOf([&] { call("formatDateTime", {ts, constant("String", "%Y%", 1)}); }));
}
