#include "engine/aggregates/ColumnAggregateFunction.h"
#include "engine/aggregates/AggregateFunctionTestRunner.h"
#include "engine/aggregates/DataTypeAggregateFunction.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeNullable.h"
#include "engine/types/DataTypeNumber.h"
#include "engine/types/DataTypeString.h"

#include <gtest/gtest.h>

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
DataTypePtr str()
{
    return std::make_shared<DataTypeString>();
}

/// A column of `name`State states, one per column in `inputs`.
MutableColumnPtr makeStates(const std::string & name, const DataTypes & types, const std::vector<ColumnPtr> & inputs,
                            const FieldVector & parameters = {})
{
    auto function = AggregateFunctionFactory::instance().get(name + "State", types, parameters);
    auto states = function->getReturnType()->createColumn();
    for (const auto & input : inputs)
    {
        AggregateFunctionTestRunner runner(function);
        runner.addBatch({input});
        function->insertResultInto(runner.place(), *states, runner.arena());
    }
    return states;
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

TEST(ColumnAggregateFunction, StateColumnOperations)
{
    auto states = makeStates("sum", {u64()}, {ColumnUInt64::create({1, 2}), ColumnUInt64::create({10}), ColumnUInt64::create({100})});
    auto state_type = AggregateFunctionFactory::instance().get("sumState", {u64()})->getReturnType();
    ASSERT_EQ(states->size(), 3u);

    auto merge = [&](const ColumnPtr & column)
    {
        return aggregateBatch("sumMerge", {state_type}, {column});
    };
    EXPECT_EQ(merge(ColumnPtr(std::move(states))), Field(UInt64(113)));
    states = makeStates("sum", {u64()}, {ColumnUInt64::create({1, 2}), ColumnUInt64::create({10}), ColumnUInt64::create({100})});
    EXPECT_EQ(merge(states->permute(Permutation {2, 0}, 0)), Field(UInt64(103)));
    EXPECT_EQ(merge(states->cut(1, 2)), Field(UInt64(110)));
    EXPECT_EQ(merge(states->replicate(Offsets {2, 2, 3})), Field(UInt64(106)));
    EXPECT_EQ(merge(states->cloneMutable()), Field(UInt64(113)));
    states->popBack(1);
    EXPECT_EQ(merge(states->cloneMutable()), Field(UInt64(13)));
    states->insertDefault();
    EXPECT_EQ(merge(states->cloneMutable()), Field(UInt64(13)));

    /// Field form: the serialised state; garbage is rejected and leaves the column unchanged.
    size_t before = states->size();
    EXPECT_EQ(codeOf([&] { states->insert(Field(UInt64(1))); }), ErrorCode::BAD_TYPE_OF_FIELD);
    EXPECT_EQ(codeOf(
                  [&]
                  {
                      states->insert(Field(std::string("\x07"
                                                       "abcdefgh")));
                  }),
              ErrorCode::CORRUPTED_DATA);
    EXPECT_NE(codeOf([&] { states->insert(Field(std::string("\x01"))); }), ErrorCode::OK);
    EXPECT_EQ(codeOf(
                  [&]
                  {
                      states->insert(Field(std::string("\x01"
                                                       "12345678"
                                                       "extra")));
                  }),
              ErrorCode::CORRUPTED_DATA);
    EXPECT_EQ(states->size(), before);

    /// Text round trip through the data type.
    std::string text = state_type->serializeToString(*states, 0);
    auto parsed = state_type->createColumn();
    state_type->deserializeFromString(*parsed, text);
    EXPECT_EQ(merge(ColumnPtr(std::move(parsed))), Field(UInt64(3)));
    auto defaults = state_type->createColumn();
    defaults->insert(state_type->getDefault());
    EXPECT_EQ(merge(ColumnPtr(std::move(defaults))), Field(UInt64(0)));
    EXPECT_FALSE(state_type->canBeInsideNullable());
}

TEST(ColumnAggregateFunction, UniqAndQuantilesStatesMerge)
{
    auto uniq_states = makeStates("uniq", {str()}, {ColumnString::create({"a", "b"}), ColumnString::create({"b", "c", "d"})});
    auto uniq_type = AggregateFunctionFactory::instance().get("uniqState", {str()})->getReturnType();
    EXPECT_EQ(uniq_type->getName(), "AggregateFunction(uniq, String)");
    EXPECT_EQ(aggregateBatch("uniqMerge", {uniq_type}, {ColumnPtr(std::move(uniq_states))}), Field(UInt64(4)));

    FieldVector levels {Field(0.5), Field(UInt64(1))};
    auto q_states = makeStates("quantilesExact", {u64()}, {ColumnUInt64::create({1, 2, 3}), ColumnUInt64::create({4, 5})}, levels);
    auto q_type = AggregateFunctionFactory::instance().get("quantilesExactState", {u64()}, levels)->getReturnType();
    EXPECT_EQ(q_type->getName(), "AggregateFunction(quantilesExact(0.5, 1), UInt64)");
    Field merged = aggregateBatch("quantilesExactMerge", {q_type}, {ColumnPtr(std::move(q_states))}, levels);
    EXPECT_EQ(merged, Field(FieldArray {{Field(UInt64(3)), Field(UInt64(5))}}));
    EXPECT_NE(codeOf([&] { AggregateFunctionFactory::instance().get("quantilesExactMerge", {q_type}, {Field(0.9)}); }), ErrorCode::OK);

    auto count_if_states = makeStates("countIf", {u8()}, {ColumnUInt8::create({1, 0, 1}), ColumnUInt8::create({1})});
    auto count_if_type = AggregateFunctionFactory::instance().get("countIfState", {u8()})->getReturnType();
    EXPECT_EQ(aggregateBatch("countIfMerge", {count_if_type}, {ColumnPtr(std::move(count_if_states))}), Field(UInt64(3)));
}

TEST(ColumnAggregateFunction, GroupByPlaces)
{
    /// Three groups, rows assigned round robin, through addBatch with a place per row.
    struct Case
    {
        std::string name;
        DataTypes types;
        std::vector<ColumnPtr> columns;
        std::vector<Field> expected;
    };
    auto nullable = ColumnNullable::create(ColumnUInt64::create({1, 2, 3, 4, 5, 6}), ColumnUInt8::create({0, 0, 1, 0, 0, 0}));
    auto arrays = ColumnArray::create(ColumnUInt64::create({1, 2, 3, 4, 5, 6}), ColumnUInt64::create({1, 1, 3, 3, 5, 6}));
    std::vector<Case> cases {
        {"sum", {u64()}, {ColumnUInt64::create({1, 2, 3, 4, 5, 6})}, {Field(UInt64(5)), Field(UInt64(7)), Field(UInt64(9))}},
        {"count", {}, {ColumnUInt64::create({1, 2, 3, 4, 5, 6})}, {Field(UInt64(2)), Field(UInt64(2)), Field(UInt64(2))}},
        {"uniq", {u64()}, {ColumnUInt64::create({1, 1, 3, 1, 5, 3})}, {Field(UInt64(1)), Field(UInt64(2)), Field(UInt64(1))}},
        {"max", {str()}, {ColumnString::create({"a", "b", "c", "z", "y", "x"})}, {Field("z"), Field("y"), Field("x")}},
        {"sum", {makeNullable(u64())}, {nullable}, {Field(UInt64(5)), Field(UInt64(7)), Field(UInt64(6))}},
        {"sumIf",
         {u64(), u8()},
         {ColumnUInt64::create({1, 2, 3, 4, 5, 6}), ColumnUInt8::create({1, 1, 0, 0, 1, 1})},
         {Field(UInt64(1)), Field(UInt64(7)), Field(UInt64(6))}},
        {"sumArray", {std::make_shared<DataTypeArray>(u64())}, {arrays}, {Field(UInt64(1)), Field(UInt64(9)), Field(UInt64(11))}},
        {"avgOrNull", {u64()}, {ColumnUInt64::create({1, 2, 3, 4, 5, 6})}, {Field(2.5), Field(3.5), Field(4.5)}},
    };
    for (const auto & c : cases)
    {
        SCOPED_TRACE(c.name);
        auto function = AggregateFunctionFactory::instance().get(c.name, c.types);
        Arena arena;
        constexpr size_t offset = 8;
        std::vector<AggregateDataPtr> groups;
        for (size_t g = 0; g < 3; ++g)
        {
            AggregateDataPtr p = arena.alignedAlloc(offset + function->sizeOfData(), std::max<size_t>(8, function->alignOfData()));
            function->create(p + offset);
            groups.push_back(p);
        }
        std::vector<AggregateDataPtr> places;
        for (size_t i = 0; i < 6; ++i)
            places.push_back(groups[i % 3]);
        auto raw = AggregateFunctionTestRunner::rawColumns(c.columns);
        function->addBatch(6, places.data(), offset, raw.data(), &arena);
        auto result = function->getReturnType()->createColumn();
        function->insertResultIntoBatch(3, groups.data(), offset, *result, &arena);
        for (size_t g = 0; g < 3; ++g)
            EXPECT_EQ((*result)[g], c.expected[g]) << g;
        /// Merging the groups into themselves doubles additive results.
        if (c.name == "sum" || c.name == "count")
        {
            function->mergeBatch(3, groups.data(), offset, groups.data(), &arena);
            auto doubled = function->getReturnType()->createColumn();
            function->insertResultIntoBatch(3, groups.data(), offset, *doubled, &arena);
            EXPECT_EQ((*doubled)[0].isNull() ? 0 : (*doubled)[0].get<UInt64>(), c.expected[0].get<UInt64>() * 2);
        }
        function->destroyBatch(3, groups.data(), offset);
    }
}

TEST(ColumnAggregateFunction, ParseTypeName)
{
    for (std::string name : {"AggregateFunction(uniq, String)", "AggregateFunction(quantiles(0.5, 0.9), UInt64)",
                             "AggregateFunction(count)", "AggregateFunction(countIf, UInt8)", "AggregateFunction(sum, Nullable(Int32))",
                             "AggregateFunction(argMax, String, DateTime('UTC'))", "AggregateFunction(groupArray(10), Array(String))"})
        EXPECT_EQ(DataTypeAggregateFunction::parse(name)->getName(), name);
    EXPECT_EQ(DataTypeAggregateFunction::parse(" AggregateFunction( avg ,  Float64 ) ")->getName(), "AggregateFunction(avg, Float64)");
    EXPECT_EQ(codeOf([] { DataTypeAggregateFunction::parse("AggregateFunction(nosuch, UInt8)"); }), ErrorCode::UNKNOWN_AGGREGATE_FUNCTION);
    EXPECT_EQ(codeOf([] { DataTypeAggregateFunction::parse("AggregateFunction(sum, UInt8"); }), ErrorCode::SYNTAX_ERROR);
    EXPECT_EQ(codeOf([] { DataTypeAggregateFunction::parse("AggregateFunction((sum, UInt8)"); }), ErrorCode::SYNTAX_ERROR);
    EXPECT_EQ(codeOf([] { DataTypeAggregateFunction::parse("AggregateFunction(quantile(x), UInt8)"); }), ErrorCode::SYNTAX_ERROR);
    EXPECT_EQ(codeOf([] { DataTypeAggregateFunction::parse("AggregateFunction(sum, )"); }), ErrorCode::SYNTAX_ERROR);
    EXPECT_NE(codeOf([] { DataTypeAggregateFunction::parse("AggregateFunction(sum, NoType)"); }), ErrorCode::OK);
    EXPECT_NE(codeOf([] { DataTypeAggregateFunction::parse("AggregateFunction(sum, String)"); }), ErrorCode::OK);
}

TEST(ColumnAggregateFunction, LowCardinalityArgumentTypesAreStripped)
{
    auto type = std::make_shared<DataTypeLowCardinality>(str());
    auto function = AggregateFunctionFactory::instance().get("uniqExact", {type});
    EXPECT_EQ(function->getArgumentTypes()[0]->getName(), "String");
    EXPECT_EQ(aggregateRows("uniqExact", {type}, {ColumnString::create({"a", "a", "b"})}), Field(UInt64(2)));
}

TEST(ColumnAggregateFunction, CorruptedStatesAreRejected)
{
    auto expectCorrupted = [](const std::string & name, const DataTypes & types, const std::string & body)
    {
        AggregateFunctionTestRunner runner(name, types);
        EXPECT_NE(codeOf([&] { runner.deserialize(std::string("\x01", 1) + body); }), ErrorCode::OK) << name;
    };
    /// uniq: skip degree 0, 2^20 hashes claimed.
    expectCorrupted("uniq", {u64()}, std::string("\x00\x80\x80\x40", 4));
    /// uniqExact: 2^40 numbers claimed.
    expectCorrupted("uniqExact", {u64()}, std::string("\x80\x80\x80\x80\x80\x20", 6));
    /// groupArray: 1000 strings claimed, none present.
    expectCorrupted("groupArray", {str()}, std::string("\xE8\x07", 2));
    /// min: bad has-value flag.
    expectCorrupted("min", {u64()}, std::string("\x05", 1));
    /// quantile: more samples than values.
    expectCorrupted("quantile", {u64()}, std::string("\x01\x05", 2));
    expectCorrupted("quantileTDigest", {u64()}, std::string("\x01\x00\x00\xC0\x7F\x00\x00\x80\x3F", 9));
    expectCorrupted("uniqCombined", {u64()}, std::string("\x05\x00", 2));
}
