#include "engine/aggregates/AggregateFunctionTestRunner.h"
#include "engine/aggregates/ColumnAggregateFunction.h"
#include "engine/aggregates/DataTypeAggregateFunction.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeDecimal.h"
#include "engine/types/DataTypeNothing.h"
#include "engine/types/DataTypeNullable.h"
#include "engine/types/DataTypeNumber.h"
#include "engine/types/DataTypeString.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace pipit;

namespace
{

DataTypePtr u8()
{
    return std::make_shared<DataTypeUInt8>();
}
DataTypePtr u64()
{
    return std::make_shared<DataTypeUInt64>();
}
DataTypePtr i8()
{
    return std::make_shared<DataTypeInt8>();
}
DataTypePtr i32()
{
    return std::make_shared<DataTypeInt32>();
}
DataTypePtr f64()
{
    return std::make_shared<DataTypeFloat64>();
}
DataTypePtr str()
{
    return std::make_shared<DataTypeString>();
}

ColumnPtr nullableInt32(std::initializer_list<Int32> values, std::initializer_list<UInt8> nulls)
{
    return ColumnNullable::create(ColumnInt32::create(values), ColumnUInt8::create(nulls));
}

int errorCode(const std::function<void()> & f)
{
    try
    {
        f();
    }
    catch (const Exception & e)
    {
        return static_cast<int>(e.code());
    }
    return 0;
}

} // namespace

TEST(AggregateFunctionBasic, CountRowsAndNotNull)
{
    auto col = nullableInt32({1, 0, 3, 0}, {0, 1, 0, 1});
    EXPECT_EQ(aggregateRows("count", {}, {col}), Field(UInt64(4)));
    EXPECT_EQ(aggregateBatch("count", {}, {col}), Field(UInt64(4)));
    DataTypes types {makeNullable(i32())};
    EXPECT_EQ(aggregateRows("count", types, {col}), Field(UInt64(2)));
    EXPECT_EQ(aggregateBatch("count", types, {col}), Field(UInt64(2)));
    EXPECT_EQ(AggregateFunctionFactory::instance().get("count", types)->getReturnType()->getName(), "UInt64");
    AggregateFunctionTestRunner empty("COUNT", {});
    EXPECT_EQ(empty.result(), Field(UInt64(0)));
}

TEST(AggregateFunctionBasic, SumResultTypesAndValues)
{
    auto & factory = AggregateFunctionFactory::instance();
    EXPECT_EQ(factory.get("sum", {u8()})->getReturnType()->getName(), "UInt64");
    EXPECT_EQ(factory.get("sum", {i8()})->getReturnType()->getName(), "Int64");
    EXPECT_EQ(factory.get("sum", {std::make_shared<DataTypeFloat32>()})->getReturnType()->getName(), "Float64");
    EXPECT_EQ(factory.get("sum", {std::make_shared<DataTypeDecimal32>(9, 2)})->getReturnType()->getName(), "Decimal(38, 2)");
    EXPECT_EQ(factory.get("SUM", {u8()})->getName(), "sum");

    auto bytes = ColumnUInt8::create({200, 100, 255});
    EXPECT_EQ(aggregateRows("sum", {u8()}, {bytes}), Field(UInt64(555)));
    EXPECT_EQ(aggregateBatch("sum", {u8()}, {bytes}), Field(UInt64(555)));
    auto negative = ColumnInt8::create({-100, -100, 50, 1, 2});
    EXPECT_EQ(aggregateBatch("sum", {i8()}, {negative}), Field(Int64(-147)));
    auto floats = ColumnFloat64::create({0.5, 0.25, 1, 2, 3, 4, 5});
    EXPECT_EQ(aggregateBatch("sum", {f64()}, {floats}), Field(15.75));
    EXPECT_EQ(aggregateRows("sum", {f64()}, {ColumnFloat64::create()}), Field(0.0));

    auto decimals = ColumnInt32::create({105, -5, 1000});
    Field dec = aggregateBatch("sum", {std::make_shared<DataTypeDecimal32>(9, 2)}, {decimals});
    EXPECT_EQ(dec, Field(Int128(1100)));

    /// Wraps on overflow like ClickHouse.
    auto big = ColumnUInt64::create({~UInt64(0), 2});
    EXPECT_EQ(aggregateBatch("sum", {u64()}, {big}), Field(UInt64(1)));
    EXPECT_EQ(errorCode([&] { factory.get("sum", {str()}); }), static_cast<int>(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT));
    EXPECT_EQ(errorCode([&] { factory.get("sum", {u8(), u8()}); }), static_cast<int>(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH));
}

TEST(AggregateFunctionBasic, SumWithFilter)
{
    std::vector<Int32> values;
    Filter filter;
    Int64 expected = 0;
    for (Int32 i = 0; i < 1003; ++i)
    {
        values.push_back(i);
        filter.push_back(i % 3 == 0);
        if (i % 3 == 0)
            expected += i;
    }
    auto col = std::make_shared<ColumnInt32>(values.data(), values.data() + values.size());
    AggregateFunctionTestRunner runner("sum", {i32()});
    runner.addBatch({col}, filter.data());
    EXPECT_EQ(runner.result(), Field(expected));
}

TEST(AggregateFunctionBasic, Avg)
{
    auto col = ColumnInt32::create({1, 2, 3, 4});
    EXPECT_EQ(aggregateRows("avg", {i32()}, {col}), Field(2.5));
    EXPECT_EQ(aggregateBatch("avg", {i32()}, {col}), Field(2.5));
    Field empty = aggregateRows("avg", {i32()}, {ColumnInt32::create()});
    EXPECT_TRUE(std::isnan(empty.get<Float64>()));
    auto decimals = ColumnInt64::create({150, 250});
    EXPECT_EQ(aggregateBatch("avg", {std::make_shared<DataTypeDecimal64>(18, 2)}, {decimals}), Field(2.0));
    EXPECT_EQ(AggregateFunctionFactory::instance().get("avg", {i32()})->getReturnType()->getName(), "Float64");
}

TEST(AggregateFunctionBasic, MinMaxAnyAnyLast)
{
    auto col = ColumnInt32::create({5, -3, 9, 7, -3});
    EXPECT_EQ(aggregateRows("min", {i32()}, {col}), Field(Int64(-3)));
    EXPECT_EQ(aggregateBatch("min", {i32()}, {col}), Field(Int64(-3)));
    EXPECT_EQ(aggregateRows("max", {i32()}, {col}), Field(Int64(9)));
    EXPECT_EQ(aggregateBatch("MAX", {i32()}, {col}), Field(Int64(9)));
    EXPECT_EQ(aggregateBatch("any", {i32()}, {col}), Field(Int64(5)));
    EXPECT_EQ(aggregateRows("anyLast", {i32()}, {col}), Field(Int64(-3)));
    EXPECT_EQ(aggregateBatch("anyLast", {i32()}, {col}), Field(Int64(-3)));
    EXPECT_EQ(aggregateBatch("min", {i32()}, {ColumnInt32::create()}), Field(Int64(0)));
    EXPECT_EQ(AggregateFunctionFactory::instance().get("min", {i32()})->getReturnType()->getName(), "Int32");

    Filter filter {1, 0, 1, 1, 0};
    AggregateFunctionTestRunner min_filtered("min", {i32()});
    min_filtered.addBatch({col}, filter.data());
    EXPECT_EQ(min_filtered.result(), Field(Int64(5)));
    AggregateFunctionTestRunner max_filtered("max", {i32()});
    Filter only_last {0, 0, 0, 0, 1};
    max_filtered.addBatch({col}, only_last.data());
    EXPECT_EQ(max_filtered.result(), Field(Int64(-3)));

    auto strings = ColumnString::create({"pear", "apple", "zebra", "mango"});
    EXPECT_EQ(aggregateRows("min", {str()}, {strings}), Field("apple"));
    EXPECT_EQ(aggregateBatch("max", {str()}, {strings}), Field("zebra"));
    EXPECT_EQ(aggregateBatch("any", {str()}, {strings}), Field("pear"));
    EXPECT_EQ(aggregateBatch("anyLast", {str()}, {strings}), Field("mango"));
    EXPECT_EQ(aggregateBatch("max", {str()}, {ColumnString::create()}), Field(""));

    /// Generic (Field-based) values: arrays.
    auto arrays = ColumnArray::create(ColumnInt32::create({1, 2, 0, 5}), ColumnUInt64::create({2, 3, 4}));
    DataTypes array_types {std::make_shared<DataTypeArray>(i32())};
    EXPECT_EQ(aggregateRows("max", array_types, {arrays}), Field(FieldArray {{Field(Int64(5))}}));
    EXPECT_EQ(aggregateRows("min", array_types, {arrays}), Field(FieldArray {{Field(Int64(0))}}));
}

TEST(AggregateFunctionBasic, ArgMinArgMax)
{
    auto names = ColumnString::create({"a", "b", "c", "d"});
    auto values = ColumnFloat64::create({3, 1, 7, 1});
    EXPECT_EQ(aggregateRows("argMin", {str(), f64()}, {names, values}), Field("b"));
    EXPECT_EQ(aggregateBatch("argMax", {str(), f64()}, {names, values}), Field("c"));
    EXPECT_EQ(aggregateRows("argMax", {str(), str()}, {names, names}), Field("d"));
    EXPECT_EQ(aggregateRows("argMax", {f64(), str()}, {values, names}), Field(1.0));
    EXPECT_EQ(aggregateRows("argMin", {str(), f64()}, {ColumnString::create(), ColumnFloat64::create()}), Field(""));
}

TEST(AggregateFunctionBasic, NullableArguments)
{
    auto & factory = AggregateFunctionFactory::instance();
    DataTypes types {makeNullable(i32())};
    auto col = nullableInt32({4, 100, 6, 100}, {0, 1, 0, 1});
    EXPECT_EQ(factory.get("sum", types)->getReturnType()->getName(), "Nullable(Int64)");
    EXPECT_EQ(aggregateRows("sum", types, {col}), Field(Int64(10)));
    EXPECT_EQ(aggregateBatch("sum", types, {col}), Field(Int64(10)));
    EXPECT_EQ(aggregateBatch("min", types, {col}), Field(Int64(4)));
    EXPECT_EQ(aggregateBatch("max", types, {col}), Field(Int64(6)));
    EXPECT_EQ(aggregateBatch("avg", types, {col}), Field(5.0));
    auto cond = ColumnUInt8::create({1, 1, 0, 1});
    EXPECT_EQ(aggregateBatch("sumIf", {makeNullable(i32()), u8()}, {col, cond}), Field(Int64(4)));
    EXPECT_EQ(aggregateRows("sumIf", {makeNullable(i32()), u8()}, {col, cond}), Field(Int64(4)));
    EXPECT_EQ(aggregateBatch("argMaxIf", {makeNullable(i32()), makeNullable(i32()), u8()}, {col, col, cond}), Field(Int64(4)));
    auto all_null = nullableInt32({1, 2}, {1, 1});
    EXPECT_TRUE(aggregateRows("sum", types, {all_null}).isNull());
    EXPECT_TRUE(aggregateBatch("sum", types, {all_null}).isNull());
    EXPECT_TRUE(aggregateBatch("min", types, {nullableInt32({}, {})}).isNull());
}

TEST(AggregateFunctionBasic, NullLiteralArgument)
{
    auto & factory = AggregateFunctionFactory::instance();
    DataTypes types {makeNullable(std::make_shared<DataTypeNothing>())};
    auto column = ColumnNullable::create(ColumnUInt8::create({0, 0}), ColumnUInt8::create({1, 1}));
    EXPECT_EQ(factory.get("sum", types)->getReturnType()->getName(), "Nullable(Nothing)");
    EXPECT_TRUE(aggregateRows("sum", types, {column}).isNull());
    EXPECT_EQ(factory.get("uniq", types)->getReturnType()->getName(), "UInt64");
    EXPECT_EQ(aggregateBatch("uniq", types, {column}), Field(UInt64(0)));
    EXPECT_EQ(aggregateBatch("count", types, {column}), Field(UInt64(0)));
}

TEST(AggregateFunctionBasic, MergeOfPartialsEqualsWhole)
{
    for (std::string name : {"sum", "avg", "min", "max", "count", "any", "anyLast"})
    {
        auto all = ColumnInt32::create({3, 1, 4, 1, 5, 9, 2, 6});
        auto first = ColumnInt32::create({3, 1, 4, 1});
        auto second = ColumnInt32::create({5, 9, 2, 6});
        AggregateFunctionTestRunner whole(name, {i32()});
        whole.addBatch({all});
        AggregateFunctionTestRunner a(name, {i32()});
        AggregateFunctionTestRunner b(name, {i32()});
        a.addRows({first});
        b.addBatch({second});
        a.mergeFrom(b);
        EXPECT_EQ(a.result(), whole.result()) << name;
        EXPECT_EQ(a.serialized(), whole.serialized()) << name;
    }
}

TEST(AggregateFunctionBasic, SerializationRoundTripAndVersion)
{
    for (std::string name : {"sum", "avg", "min", "max", "count", "any", "argMax"})
    {
        DataTypes types {str()};
        std::vector<ColumnPtr> columns {ColumnString::create({"x", "yy", "a"})};
        if (name == "sum" || name == "avg" || name == "count")
        {
            types = {makeNullable(i32())};
            columns = {nullableInt32({7, 8, 9}, {0, 1, 0})};
        }
        if (name == "argMax")
        {
            types.push_back(i32());
            columns.push_back(ColumnInt32::create({1, 3, 2}));
        }
        AggregateFunctionTestRunner source(name, types);
        source.addRows(columns);
        std::string bytes = source.serialized();
        ASSERT_FALSE(bytes.empty());
        EXPECT_EQ(bytes[0], 1) << name;
        AggregateFunctionTestRunner copy(name, types);
        copy.deserialize(bytes);
        EXPECT_EQ(copy.result(), source.result()) << name;

        std::string bad = bytes;
        bad[0] = 99;
        AggregateFunctionTestRunner bad_version(name, types);
        EXPECT_EQ(errorCode([&] { bad_version.deserialize(bad); }), static_cast<int>(ErrorCode::CORRUPTED_DATA)) << name;
        AggregateFunctionTestRunner truncated(name, types);
        EXPECT_NE(errorCode([&] { truncated.deserialize(bytes.substr(0, 1)); }), 0) << name;
    }
}

TEST(AggregateFunctionBasic, IfCombinator)
{
    auto values = ColumnInt32::create({1, 2, 3, 4, 5});
    auto cond = ColumnUInt8::create({1, 0, 1, 0, 1});
    EXPECT_EQ(aggregateRows("sumIf", {i32(), u8()}, {values, cond}), Field(Int64(9)));
    EXPECT_EQ(aggregateBatch("sumIf", {i32(), u8()}, {values, cond}), Field(Int64(9)));
    EXPECT_EQ(aggregateBatch("countIf", {u8()}, {cond}), Field(UInt64(3)));
    EXPECT_EQ(aggregateRows("countIf", {u8()}, {cond}), Field(UInt64(3)));
    EXPECT_EQ(aggregateBatch("avgIf", {i32(), u8()}, {values, cond}), Field(3.0));
    EXPECT_EQ(aggregateBatch("maxIf", {i32(), u8()}, {values, cond}), Field(Int64(5)));
    auto nullable_cond = ColumnNullable::create(ColumnUInt8::create({1, 1, 1, 0, 1}), ColumnUInt8::create({0, 0, 1, 0, 1}));
    EXPECT_EQ(aggregateBatch("sumIf", {i32(), makeNullable(u8())}, {values, nullable_cond}), Field(Int64(3)));
    EXPECT_EQ(aggregateRows("sumIf", {i32(), makeNullable(u8())}, {values, nullable_cond}), Field(Int64(3)));
    EXPECT_EQ(errorCode(
                  [] {
                      AggregateFunctionFactory::instance().get("sumIf", {i32(), i32()});
                  }),
              static_cast<int>(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT));
}

TEST(AggregateFunctionBasic, OrNullOrDefault)
{
    auto & factory = AggregateFunctionFactory::instance();
    EXPECT_EQ(factory.get("sumOrNull", {i32()})->getReturnType()->getName(), "Nullable(Int64)");
    EXPECT_TRUE(aggregateBatch("sumOrNull", {i32()}, {ColumnInt32::create()}).isNull());
    EXPECT_EQ(aggregateBatch("sumOrNull", {i32()}, {ColumnInt32::create({1, 2})}), Field(Int64(3)));
    EXPECT_EQ(aggregateRows("avgOrDefault", {i32()}, {ColumnInt32::create()}), Field(0.0));
    EXPECT_EQ(aggregateRows("avgOrDefault", {i32()}, {ColumnInt32::create({4})}), Field(4.0));
    auto cond = ColumnUInt8::create({0, 0});
    EXPECT_TRUE(aggregateRows("maxIfOrNull", {i32(), u8()}, {ColumnInt32::create({1, 2}), cond}).isNull());
}

TEST(AggregateFunctionBasic, StateAndMerge)
{
    auto & factory = AggregateFunctionFactory::instance();
    auto state_function = factory.get("avgState", {i32()});
    auto state_type = state_function->getReturnType();
    EXPECT_EQ(state_type->getName(), "AggregateFunction(avg, Int32)");

    /// Two partial states in a column, merged by avgMerge.
    auto states = state_type->createColumn();
    for (auto values : {ColumnInt32::create({1, 2, 3}), ColumnInt32::create({10})})
    {
        AggregateFunctionTestRunner runner(state_function);
        runner.addBatch({values});
        state_function->insertResultInto(runner.place(), *states, runner.arena());
    }
    ASSERT_EQ(states->size(), 2u);
    ColumnPtr states_ptr = states;
    EXPECT_EQ(aggregateBatch("avgMerge", {state_type}, {states_ptr}), Field(4.0));
    EXPECT_EQ(aggregateRows("avgMerge", {state_type}, {states_ptr}), Field(4.0));

    /// Binary bulk round trip of the state column.
    WriteBufferFromString out;
    state_type->serializeBinaryBulk(*states, out, 0, 2);
    std::string bytes = out.release();
    auto read_back = state_type->createColumn();
    ReadBufferFromMemory in(bytes);
    state_type->deserializeBinaryBulk(*read_back, in, 2);
    ColumnPtr read_ptr = read_back;
    EXPECT_EQ(aggregateBatch("avgMerge", {state_type}, {read_ptr}), Field(4.0));
    auto short_column = state_type->createColumn();
    ReadBufferFromMemory short_in(bytes.data(), bytes.size() - 1);
    EXPECT_NE(errorCode([&] { state_type->deserializeBinaryBulk(*short_column, short_in, 2); }), 0);
    EXPECT_EQ(short_column->size(), 0u);

    /// avgMergeState merges states and returns a state again.
    auto merge_state = factory.get("avgMergeState", {state_type});
    EXPECT_EQ(merge_state->getReturnType()->getName(), "AggregateFunction(avg, Int32)");
    {
        AggregateFunctionTestRunner runner(merge_state);
        runner.addBatch({states_ptr});
        auto merged_states = merge_state->getReturnType()->createColumn();
        merge_state->insertResultInto(runner.place(), *merged_states, runner.arena());
        ColumnPtr merged_ptr = merged_states;
        EXPECT_EQ(aggregateBatch("avgMerge", {state_type}, {merged_ptr}), Field(4.0));
    }

    /// The state column's Field form and filter/permute keep the states.
    Field first = (*states)[0];
    auto copy = state_type->createColumn();
    copy->insert(first);
    copy->insertFrom(*states, 1);
    ColumnPtr filtered = copy->filter(Filter {0, 1}, 1);
    EXPECT_EQ(aggregateBatch("avgMerge", {state_type}, {filtered}), Field(10.0));

    EXPECT_EQ(errorCode([&] { factory.get("sumMerge", {state_type}); }), static_cast<int>(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT));
    EXPECT_EQ(errorCode([&] { factory.get("avgMerge", {i32()}); }), static_cast<int>(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT));
    auto count_if_state = factory.get("countIfState", {u8()});
    EXPECT_EQ(count_if_state->getReturnType()->getName(), "AggregateFunction(countIf, UInt8)");
    EXPECT_EQ(factory.get("countIfMerge", {count_if_state->getReturnType()})->getReturnType()->getName(), "UInt64");
}

TEST(AggregateFunctionBasic, DistinctAndArrayCombinators)
{
    auto values = ColumnInt32::create({1, 2, 2, 3, 3, 3});
    EXPECT_EQ(aggregateRows("countDistinct", {i32()}, {values}), Field(UInt64(3)));
    EXPECT_EQ(aggregateBatch("sumDistinct", {i32()}, {values}), Field(Int64(6)));
    auto strings = ColumnString::create({"a", "b", "a", ""});
    EXPECT_EQ(aggregateBatch("countDistinct", {str()}, {strings}), Field(UInt64(3)));

    AggregateFunctionTestRunner a("sumDistinct", {i32()});
    a.addRows({ColumnInt32::create({1, 2})});
    AggregateFunctionTestRunner b("sumDistinct", {i32()});
    b.addRows({ColumnInt32::create({2, 5})});
    a.mergeFrom(b);
    EXPECT_EQ(a.result(), Field(Int64(8)));
    AggregateFunctionTestRunner c("sumDistinct", {i32()});
    c.deserialize(a.serialized());
    EXPECT_EQ(c.result(), Field(Int64(8)));

    auto arrays = ColumnArray::create(ColumnInt32::create({1, 2, 3, 4, 5}), ColumnUInt64::create({2, 2, 5}));
    DataTypes types {std::make_shared<DataTypeArray>(i32())};
    EXPECT_EQ(aggregateRows("sumArray", types, {arrays}), Field(Int64(15)));
    EXPECT_EQ(aggregateBatch("sumArray", types, {arrays}), Field(Int64(15)));
    EXPECT_EQ(aggregateBatch("countArray", types, {arrays}), Field(UInt64(5)));
    AggregateFunctionTestRunner filtered("sumArray", types);
    Filter filter {0, 1, 1};
    filtered.addBatch({arrays}, filter.data());
    EXPECT_EQ(filtered.result(), Field(Int64(12)));
    EXPECT_EQ(errorCode([] { AggregateFunctionFactory::instance().get("sumArray", {std::make_shared<DataTypeInt32>()}); }),
              static_cast<int>(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT));
}

TEST(AggregateFunctionBasic, FactoryNames)
{
    auto & factory = AggregateFunctionFactory::instance();
    EXPECT_EQ(errorCode([&] { factory.get("nosuch", {i32()}); }), static_cast<int>(ErrorCode::UNKNOWN_AGGREGATE_FUNCTION));
    EXPECT_EQ(errorCode([&] { factory.get("sumFoo", {i32()}); }), static_cast<int>(ErrorCode::UNKNOWN_AGGREGATE_FUNCTION));
    EXPECT_TRUE(factory.isAggregateFunctionName("countIfState"));
    EXPECT_TRUE(factory.isAggregateFunctionName("Sum"));
    EXPECT_FALSE(factory.isAggregateFunctionName("anylast"));
    EXPECT_FALSE(factory.isAggregateFunctionName("If"));
    std::string long_name = "sum";
    for (int i = 0; i < 100000; ++i)
        long_name += "If";
    EXPECT_FALSE(factory.isAggregateFunctionName(long_name));
    EXPECT_EQ(errorCode([&] { factory.get(long_name, {i32()}); }), static_cast<int>(ErrorCode::UNKNOWN_AGGREGATE_FUNCTION));
    for (const auto & d : factory.getDescriptions())
    {
        EXPECT_TRUE(d.description && *d.description) << d.name;
        EXPECT_TRUE(d.example && *d.example) << d.name;
    }
}
