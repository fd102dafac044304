#include "engine/types/DataTypeFactory.h"

#include "engine/base/Exception.h"
#include "engine/types/DataTypeDateTime.h"
#include "engine/types/DataTypeDecimal.h"
#include "engine/types/DataTypeTuple.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

ErrorCode parseError(std::string_view name, std::string * message = nullptr)
{
    try
    {
        parseDataType(name);
    }
    catch (const Exception & e)
    {
        if (message)
            *message = e.message();
        return e.code();
    }
    return ErrorCode::OK;
}

} // namespace

TEST(DataTypeFactory, CanonicalNamesRoundTrip)
{
    for (const char * name : {"UInt8",
                              "UInt16",
                              "UInt32",
                              "UInt64",
                              "UInt128",
                              "Int8",
                              "Int16",
                              "Int32",
                              "Int64",
                              "Int128",
                              "Float32",
                              "Float64",
                              "Bool",
                              "String",
                              "FixedString(16)",
                              "Date",
                              "Date32",
                              "DateTime",
                              "DateTime('Europe/Madrid')",
                              "DateTime64(3)",
                              "DateTime64(6, 'America/New_York')",
                              "UUID",
                              "Decimal(9, 2)",
                              "Decimal(18, 4)",
                              "Decimal(38, 10)",
                              "Nullable(String)",
                              "LowCardinality(String)",
                              "LowCardinality(Nullable(String))",
                              "Array(Array(UInt8))",
                              "Tuple(UInt8, String)",
                              "Tuple(a UInt8, b Array(String))",
                              "Map(String, UInt64)",
                              "Map(LowCardinality(String), Array(Nullable(Float64)))",
                              "Nothing",
                              "Nullable(Nothing)",
                              "Array(Nothing)"})
    {
        DataTypePtr type = parseDataType(name);
        ASSERT_TRUE(type) << name;
        EXPECT_EQ(type->getName(), name);
        EXPECT_EQ(parseDataType(type->getName())->getName(), name);
    }
}

TEST(DataTypeFactory, AliasesAndWhitespace)
{
    std::vector<std::pair<const char *, const char *>> cases = {{"INT", "Int32"},
                                                                {"Int", "Int32"},
                                                                {"integer", "Int32"},
                                                                {"BIGINT", "Int64"},
                                                                {"TINYINT", "Int8"},
                                                                {"SMALLINT", "Int16"},
                                                                {"INT UNSIGNED", "UInt32"},
                                                                {"bigint unsigned", "UInt64"},
                                                                {"Float", "Float32"},
                                                                {"REAL", "Float32"},
                                                                {"Double", "Float64"},
                                                                {"DOUBLE PRECISION", "Float64"},
                                                                {"Boolean", "Bool"},
                                                                {"BOOL", "Bool"},
                                                                {"TEXT", "String"},
                                                                {"VARCHAR", "String"},
                                                                {"VARCHAR(255)", "String"},
                                                                {"char varying", "String"},
                                                                {"BINARY(4)", "FixedString(4)"},
                                                                {"TIMESTAMP", "DateTime"},
                                                                {"datetime", "DateTime"},
                                                                {"DATE", "Date"},
                                                                {"DECIMAL(10, 2)", "Decimal(10, 2)"},
                                                                {"NUMERIC(5)", "Decimal(5, 0)"},
                                                                {"Decimal", "Decimal(10, 0)"},
                                                                {"Decimal32(4)", "Decimal(9, 4)"},
                                                                {"Decimal64(2)", "Decimal(18, 2)"},
                                                                {"Decimal128(20)", "Decimal(38, 20)"},
                                                                {"  Nullable ( String )  ", "Nullable(String)"},
                                                                {"Array( Nullable(INT) )", "Array(Nullable(Int32))"},
                                                                {"Tuple(x DOUBLE PRECISION, y INT)", "Tuple(x Float64, y Int32)"},
                                                                {"Tuple(DOUBLE PRECISION, INT)", "Tuple(Float64, Int32)"},
                                                                {"DateTime( 'UTC' )", "DateTime('UTC')"},
                                                                {"DateTime64(3,'Asia/Tokyo')", "DateTime64(3, 'Asia/Tokyo')"},
                                                                {"Map(String,Array(UInt8))", "Map(String, Array(UInt8))"},
                                                                {"Tuple(`a b` String)", "Tuple(`a b` String)"}};
    for (auto [input, expected] : cases)
    {
        DataTypePtr type;
        ASSERT_NO_THROW(type = parseDataType(input)) << input;
        EXPECT_EQ(type->getName(), expected) << input;
    }
}

TEST(DataTypeFactory, ParsedTypesHaveParameters)
{
    auto dt = std::dynamic_pointer_cast<const DataTypeDateTime>(parseDataType("DateTime('Europe/Madrid')"));
    ASSERT_TRUE(dt);
    EXPECT_EQ(dt->getTimeZone().name(), "Europe/Madrid");
    auto dec = std::dynamic_pointer_cast<const DataTypeDecimal64>(parseDataType("Decimal(12, 3)"));
    ASSERT_TRUE(dec);
    EXPECT_EQ(dec->getPrecision(), 12u);
    EXPECT_EQ(dec->getScale(), 3u);
    EXPECT_TRUE(std::dynamic_pointer_cast<const DataTypeDecimal32>(parseDataType("Decimal(9, 3)")));
    EXPECT_TRUE(std::dynamic_pointer_cast<const DataTypeDecimal128>(parseDataType("Decimal(19, 3)")));
    auto tuple = std::dynamic_pointer_cast<const DataTypeTuple>(parseDataType("Tuple(a UInt8, b String)"));
    ASSERT_TRUE(tuple);
    EXPECT_EQ(tuple->tryGetPositionByName("b"), 1);
    EXPECT_EQ(parseDataType("UInt8")->getTypeId(), TypeIndex::UInt8);
    EXPECT_TRUE(parseDataType("Nullable(UInt8)")->isNullable());
}

TEST(DataTypeFactory, Errors)
{
    std::string message;
    EXPECT_EQ(parseError("Nullable(Foo)", &message), ErrorCode::UNKNOWN_TYPE);
    EXPECT_EQ(message, "Unknown data type 'Foo' at position 10 in 'Nullable(Foo)'");
    EXPECT_EQ(parseError("uint8"), ErrorCode::UNKNOWN_TYPE);
    EXPECT_EQ(parseError("Foo"), ErrorCode::UNKNOWN_TYPE);
    EXPECT_EQ(parseError(""), ErrorCode::SYNTAX_ERROR);
    EXPECT_EQ(parseError("Array("), ErrorCode::SYNTAX_ERROR);
    EXPECT_EQ(parseError("Array(UInt8"), ErrorCode::SYNTAX_ERROR);
    EXPECT_EQ(parseError("Array(UInt8))"), ErrorCode::SYNTAX_ERROR);
    EXPECT_EQ(parseError("UInt8 garbage"), ErrorCode::SYNTAX_ERROR);
    EXPECT_EQ(parseError("Nullable(Array(UInt8))"), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(parseError("Nullable(Nullable(UInt8))"), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(parseError("LowCardinality(Array(UInt8))"), ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT);
    EXPECT_EQ(parseError("DateTime('Mars/Base')"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("DateTime(3)"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("DateTime64(10)"), ErrorCode::ARGUMENT_OUT_OF_BOUND);
    EXPECT_EQ(parseError("Decimal(39, 2)"), ErrorCode::ARGUMENT_OUT_OF_BOUND);
    EXPECT_EQ(parseError("Decimal(5, 6)"), ErrorCode::ARGUMENT_OUT_OF_BOUND);
    EXPECT_EQ(parseError("Decimal32(10)"), ErrorCode::ARGUMENT_OUT_OF_BOUND);
    EXPECT_EQ(parseError("FixedString(0)"), ErrorCode::ARGUMENT_OUT_OF_BOUND);
    EXPECT_EQ(parseError("FixedString"), ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH);
    EXPECT_EQ(parseError("Map(String)"), ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH);
    EXPECT_EQ(parseError("UInt8(3)"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("Tuple()"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("Tuple(a UInt8, String)"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("Tuple(a UInt8, a String)"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("DateTime('unterminated"), ErrorCode::SYNTAX_ERROR);
    EXPECT_EQ(parseError("Map(Nullable(String), UInt8)"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("Array(1)"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_FALSE(DataTypeFactory::tryParse("Nope"));
    EXPECT_EQ(parseError("FixedString(16777216)"), ErrorCode::ARGUMENT_OUT_OF_BOUND);
    std::string deep;
    for (int i = 0; i < 100000; ++i)
        deep += "Array(";
    EXPECT_EQ(parseError(deep), ErrorCode::SYNTAX_ERROR);
    std::string ok;
    for (int i = 0; i < 30; ++i)
        ok += "Array(";
    ok += "UInt8" + std::string(30, ')');
    EXPECT_EQ(parseDataType(ok)->getName(), ok);
}

TEST(DataTypeFactory, AggregateFunctionTypesAreNotSupportedYet)
{
    for (const char * name : {"AggregateFunction(count)", "SimpleAggregateFunction(max, UInt64)", "Array(AggregateFunction(uniq, String))"})
    {
        try
        {
            parseDataType(name);
            FAIL() << name;
        }
        catch (const Exception & e)
        {
            EXPECT_EQ(e.code(), ErrorCode::NOT_IMPLEMENTED) << name;
            EXPECT_NE(std::string(e.what()).find("not supported yet"), std::string::npos) << e.what();
        }
    }
}
