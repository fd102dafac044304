#include "engine/types/DataTypeSupertype.h"

#include "engine/base/Exception.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeNullable.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

std::string super(std::initializer_list<const char *> names)
{
    DataTypes types;
    for (const char * n : names)
        types.push_back(parseDataType(n));
    return getLeastSupertype(types)->getName();
}

ErrorCode superError(std::initializer_list<const char *> names)
{
    try
    {
        super(names);
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

} // namespace

TEST(DataTypeSupertype, Numbers)
{
    EXPECT_EQ(super({"UInt8", "Int8"}), "Int16");
    EXPECT_EQ(super({"UInt8", "UInt32"}), "UInt32");
    EXPECT_EQ(super({"Int8", "Int64"}), "Int64");
    EXPECT_EQ(super({"UInt32", "Int32"}), "Int64");
    EXPECT_EQ(super({"UInt32", "Int64"}), "Int64");
    EXPECT_EQ(super({"UInt64", "Int64"}), "Int128");
    EXPECT_EQ(superError({"UInt128", "Int8"}), ErrorCode::NO_COMMON_TYPE);
    EXPECT_EQ(super({"Float32", "Int16"}), "Float32");
    EXPECT_EQ(super({"Float32", "Int32"}), "Float64");
    EXPECT_EQ(super({"Float64", "UInt64"}), "Float64");
    EXPECT_EQ(super({"Bool", "Bool"}), "Bool");
    EXPECT_EQ(super({"Bool", "UInt8"}), "UInt8");
    EXPECT_EQ(super({"Bool", "Int8"}), "Int16");
    EXPECT_EQ(super({"UInt8"}), "UInt8");
}

TEST(DataTypeSupertype, NullableNothingLowCardinality)
{
    EXPECT_EQ(super({"Nullable(UInt8)", "Int8"}), "Nullable(Int16)");
    EXPECT_EQ(super({"Nothing", "String"}), "String");
    EXPECT_EQ(super({"Nothing", "Nullable(Nothing)", "UInt8"}), "Nullable(UInt8)");
    EXPECT_EQ(super({"Nullable(Nothing)", "String"}), "Nullable(String)");
    EXPECT_EQ(super({"Nullable(Nothing)", "Nullable(Nothing)"}), "Nullable(Nothing)");
    EXPECT_EQ(super({"Nothing", "Array(UInt8)"}), "Array(UInt8)");
    EXPECT_EQ(super({"LowCardinality(String)", "LowCardinality(String)"}), "LowCardinality(String)");
    EXPECT_EQ(super({"LowCardinality(String)", "String"}), "String");
    EXPECT_EQ(super({"LowCardinality(String)", "LowCardinality(Nullable(String))"}), "LowCardinality(Nullable(String))");
    EXPECT_EQ(getLeastSupertype({})->getName(), "Nothing");
    EXPECT_EQ(makeNullable(parseDataType("LowCardinality(String)"))->getName(), "LowCardinality(Nullable(String))");
    EXPECT_EQ(makeNullable(parseDataType("Array(UInt8)"))->getName(), "Array(UInt8)");
    EXPECT_EQ(removeNullable(parseDataType("Nullable(UInt8)"))->getName(), "UInt8");
    EXPECT_EQ(removeLowCardinality(parseDataType("LowCardinality(String)"))->getName(), "String");
}

TEST(DataTypeSupertype, StringsDatesDecimalsComposites)
{
    EXPECT_EQ(super({"String", "FixedString(3)"}), "String");
    EXPECT_EQ(super({"FixedString(2)", "FixedString(3)"}), "String");
    EXPECT_EQ(superError({"String", "UInt8"}), ErrorCode::NO_COMMON_TYPE);
    EXPECT_EQ(super({"Date", "DateTime"}), "DateTime");
    EXPECT_EQ(super({"Date", "Date32"}), "Date32");
    EXPECT_EQ(super({"Date", "DateTime('Europe/Madrid')"}), "DateTime('Europe/Madrid')");
    EXPECT_EQ(super({"DateTime", "DateTime64(3)", "DateTime64(6)"}), "DateTime64(6)");
    EXPECT_EQ(superError({"Date", "UInt16"}), ErrorCode::NO_COMMON_TYPE);
    EXPECT_EQ(super({"Decimal(9, 2)", "Decimal(18, 4)"}), "Decimal(18, 4)");
    EXPECT_EQ(super({"Decimal(9, 2)", "Int32"}), "Decimal(12, 2)");
    EXPECT_EQ(superError({"Decimal(9, 2)", "Float64"}), ErrorCode::NO_COMMON_TYPE);
    EXPECT_EQ(super({"Array(UInt8)", "Array(Int8)"}), "Array(Int16)");
    EXPECT_EQ(super({"Array(Nothing)", "Array(String)"}), "Array(String)");
    EXPECT_EQ(super({"Array(Nullable(Nothing))", "Array(String)"}), "Array(Nullable(String))");
    EXPECT_EQ(superError({"Array(UInt8)", "UInt8"}), ErrorCode::NO_COMMON_TYPE);
    EXPECT_EQ(super({"Tuple(UInt8, String)", "Tuple(Int8, FixedString(2))"}), "Tuple(Int16, String)");
    EXPECT_EQ(superError({"Tuple(UInt8)", "Tuple(UInt8, UInt8)"}), ErrorCode::NO_COMMON_TYPE);
    EXPECT_EQ(super({"Map(String, UInt8)", "Map(String, Int64)"}), "Map(String, Int64)");
    EXPECT_EQ(superError({"UUID", "String"}), ErrorCode::NO_COMMON_TYPE);
}
