#include "engine/aggregates/AggregateFunctionTestRunner.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/types/DataTypeDate.h"
#include "engine/types/DataTypeNullable.h"
#include "engine/types/DataTypeNumber.h"
#include "engine/types/DataTypeString.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <numeric>

/// Expected values marked "ClickHouse" were produced by ClickHouse 18.16 on the same input.

using namespace pipit;

namespace
{

DataTypePtr u64()
{
    return std::make_shared<DataTypeUInt64>();
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

/// numbers(n) [with a modulo].
ColumnPtr numbers(UInt64 n, UInt64 modulo = 0)
{
    auto col = ColumnUInt64::create(n);
    auto & data = col->getData();
    for (UInt64 i = 0; i < n; ++i)
        data[i] = modulo ? i % modulo : i;
    return col;
}

ColumnPtr numberStrings(UInt64 n)
{
    auto col = ColumnString::create();
    for (UInt64 i = 0; i < n; ++i)
    {
        std::string s = std::to_string(i);
        col->insertData(s.data(), s.size());
    }
    return col;
}

Field runBatch(const std::string & name, const DataTypes & types, const ColumnPtr & column, const FieldVector & parameters = {})
{
    return aggregateBatch(name, types, {column}, parameters);
}

Float64 relativeError(UInt64 estimate, UInt64 exact)
{
    return std::abs(static_cast<Float64>(estimate) - static_cast<Float64>(exact)) / static_cast<Float64>(exact);
}

FieldArray arrayOf(std::initializer_list<Field> values)
{
    return FieldArray {FieldVector(values)};
}

/// Splits rows [0, n) of `column` into two states at `split`, merges them and checks the result
/// and a serialise/deserialise round trip against one state over all rows.
void checkMergeAndRoundTrip(const std::string & name, const DataTypes & types, const ColumnPtr & column,
                            const FieldVector & parameters = {})
{
    SCOPED_TRACE(name);
    size_t n = column->size();
    size_t split = n / 3;
    AggregateFunctionTestRunner whole(name, types, parameters);
    whole.addRows({column});
    AggregateFunctionTestRunner left(name, types, parameters);
    left.addRows({column->cut(0, split)});
    AggregateFunctionTestRunner right(name, types, parameters);
    right.addBatch({column->cut(split, n - split)});
    left.mergeFrom(right);
    Field expected = whole.result();
    Field merged = left.result();
    if (expected.which() == Field::Which::Float64)
        EXPECT_NEAR(merged.get<Float64>(), expected.get<Float64>(), 1e-9 * std::max(1.0, std::abs(expected.get<Float64>())));
    else
        EXPECT_EQ(merged, expected);

    std::string bytes = whole.serialized();
    AggregateFunctionTestRunner copy(name, types, parameters);
    copy.deserialize(bytes);
    EXPECT_EQ(copy.result(), expected);

    bytes[0] = 2;
    AggregateFunctionTestRunner bad(name, types, parameters);
    try
    {
        bad.deserialize(bytes);
        ADD_FAILURE() << "unknown version accepted";
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::CORRUPTED_DATA);
    }
    AggregateFunctionTestRunner truncated(name, types, parameters);
    EXPECT_THROW(truncated.deserialize(bytes.substr(0, 1)), Exception);
}

} // namespace

TEST(AggregateFunctionStatistics, UniqIsClickHouseExact)
{
    /// ClickHouse: uniq(number) over numbers(n). Exact up to 65,536 distinct values.
    EXPECT_EQ(runBatch("uniq", {u64()}, numbers(65536)), Field(UInt64(65536)));
    EXPECT_EQ(runBatch("uniq", {u64()}, numbers(65537)), Field(UInt64(65824)));
    /// Sampling mode. The Debian ClickHouse 18.16 build (no SSE4.2) gives 100316 and 1001942: its
    /// intHashCRC32 falls back to intHash64 for the "pseudo-random remainder"; x86 builds with
    /// SSE4.2 (modern ClickHouse, and pipit) use CRC32-C and give these values.
    EXPECT_EQ(runBatch("uniq", {u64()}, numbers(100000)), Field(UInt64(100315)));
    EXPECT_EQ(runBatch("uniq", {u64()}, numbers(1000000)), Field(UInt64(1001943)));
    EXPECT_EQ(runBatch("uniq", {u64()}, numbers(1000, 10)), Field(UInt64(10)));
    EXPECT_EQ(runBatch("uniq", {u64()}, numbers(0)), Field(UInt64(0)));
}

TEST(AggregateFunctionStatistics, UniqStringsExactBelowThresholdAndWithinTwoPercent)
{
    /// Exact up to collisions of 32-bit hashes (as ClickHouse): none among these 10,000 strings.
    EXPECT_EQ(runBatch("uniq", {str()}, numberStrings(10000)), Field(UInt64(10000)));
    UInt64 estimate = runBatch("uniq", {str()}, numberStrings(1000000)).get<UInt64>();
    EXPECT_LT(relativeError(estimate, 1000000), 0.02) << estimate;
}

TEST(AggregateFunctionStatistics, UniqExactAndCombined)
{
    EXPECT_EQ(runBatch("uniqExact", {u64()}, numbers(200000, 70001)), Field(UInt64(70001)));
    EXPECT_EQ(runBatch("uniqExact", {str()}, numberStrings(1000)), Field(UInt64(1000)));
    EXPECT_EQ(runBatch("uniqCombined", {u64()}, numbers(1000)), Field(UInt64(1000)));
    UInt64 combined = runBatch("uniqCombined", {u64()}, numbers(1000000)).get<UInt64>();
    EXPECT_LT(relativeError(combined, 1000000), 0.02) << combined;
    UInt64 combined_strings = runBatch("uniqCombined", {str()}, numberStrings(300000)).get<UInt64>();
    EXPECT_LT(relativeError(combined_strings, 300000), 0.02) << combined_strings;
    UInt64 hll12 = runBatch("uniqHLL12", {u64()}, numbers(100000)).get<UInt64>();
    EXPECT_LT(relativeError(hll12, 100000), 0.06) << hll12;
    EXPECT_EQ(runBatch("uniqCombined", {u64()}, numbers(100), {Field(UInt64(12))}), Field(UInt64(100)));
    EXPECT_THROW(AggregateFunctionFactory::instance().get("uniqCombined", {u64()}, {Field(UInt64(30))}), Exception);
}

TEST(AggregateFunctionStatistics, UniqMultipleArgumentsAndNulls)
{
    auto a = ColumnInt32::create({1, 1, 2, 2});
    auto b = ColumnString::create({"x", "y", "x", "x"});
    for (std::string name : {"uniq", "uniqExact", "uniqCombined", "uniqHLL12"})
    {
        EXPECT_EQ(aggregateRows(name, {i32(), str()}, {a, b}), Field(UInt64(3))) << name;
        auto nullable = ColumnNullable::create(ColumnInt32::create({1, 5, 1, 0}), ColumnUInt8::create({0, 0, 0, 1}));
        DataTypes types {makeNullable(i32())};
        EXPECT_EQ(AggregateFunctionFactory::instance().get(name, types)->getReturnType()->getName(), "UInt64");
        EXPECT_EQ(aggregateBatch(name, types, {nullable}), Field(UInt64(2))) << name;
    }
}

TEST(AggregateFunctionStatistics, UniqMergeAndRoundTrip)
{
    for (std::string name : {"uniq", "uniqExact", "uniqCombined", "uniqHLL12"})
    {
        checkMergeAndRoundTrip(name, {u64()}, numbers(3000));
        checkMergeAndRoundTrip(name, {str()}, numberStrings(200));
    }
    /// Sampling mode and HyperLogLog mode.
    checkMergeAndRoundTrip("uniq", {u64()}, numbers(300000));
    checkMergeAndRoundTrip("uniqCombined", {u64()}, numbers(100000));
}

TEST(AggregateFunctionStatistics, QuantileReservoirMatchesClickHouse)
{
    EXPECT_EQ(runBatch("quantile", {u64()}, numbers(10), {Field(0.5)}), Field(4.5));
    EXPECT_EQ(runBatch("quantile", {u64()}, numbers(10), {Field(0.25)}), Field(2.25));
    EXPECT_EQ(runBatch("median", {u64()}, numbers(10)), Field(4.5));
    auto floats = ColumnFloat64::create({0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    EXPECT_EQ(runBatch("quantile", {f64()}, floats, {Field(0.3)}), Field(2.6999999999999997));
    /// Sampled: ClickHouse's pcg32_fast sequence.
    EXPECT_EQ(runBatch("quantile", {u64()}, numbers(100000), {Field(0.5)}), Field(50501.5));
    EXPECT_EQ(runBatch("quantile", {u64()}, numbers(100000), {Field(0.9)}), Field(89924.70000000001));
    EXPECT_EQ(runBatch("quantiles", {u64()}, numbers(100000), {Field(0.1), Field(0.5), Field(0.99)}),
              Field(arrayOf({Field(9841.1), Field(50501.5), Field(99084.63)})));
    EXPECT_TRUE(std::isnan(runBatch("quantile", {u64()}, numbers(0)).get<Float64>()));
    EXPECT_EQ(AggregateFunctionFactory::instance().get("quantile", {u64()})->getReturnType()->getName(), "Float64");
    auto date = std::make_shared<DataTypeDate>();
    EXPECT_EQ(AggregateFunctionFactory::instance().get("quantile", {date})->getReturnType()->getName(), "Date");
    /// NaN is skipped.
    auto with_nan = ColumnFloat64::create({1, std::nan(""), 3});
    EXPECT_EQ(runBatch("quantile", {f64()}, with_nan), Field(2.0));
    EXPECT_THROW(AggregateFunctionFactory::instance().get("quantile", {u64()}, {Field(1.5)}), Exception);
    EXPECT_THROW(AggregateFunctionFactory::instance().get("quantile", {str()}), Exception);
    EXPECT_THROW(AggregateFunctionFactory::instance().get("quantiles", {u64()}), Exception);
}

TEST(AggregateFunctionStatistics, QuantileExact)
{
    EXPECT_EQ(runBatch("quantileExact", {u64()}, numbers(10), {Field(0.5)}), Field(UInt64(5)));
    EXPECT_EQ(runBatch("quantileExact", {u64()}, numbers(10), {Field(0.25)}), Field(UInt64(2)));
    EXPECT_EQ(runBatch("quantileExact", {u64()}, numbers(10), {Field(UInt64(1))}), Field(UInt64(9)));
    EXPECT_EQ(runBatch("quantilesExact", {u64()}, numbers(10), {Field(UInt64(0)), Field(0.5), Field(0.9)}),
              Field(arrayOf({Field(UInt64(0)), Field(UInt64(5)), Field(UInt64(9))})));
    EXPECT_EQ(AggregateFunctionFactory::instance().get("quantileExact", {u64()})->getReturnType()->getName(), "UInt64");
    EXPECT_EQ(runBatch("quantileExact", {u64()}, numbers(0)), Field(UInt64(0)));
    EXPECT_EQ(runBatch("medianExact", {u64()}, numbers(1001)), Field(UInt64(500)));
}

TEST(AggregateFunctionStatistics, QuantileTimingMatchesClickHouse)
{
    EXPECT_EQ(runBatch("quantileTiming", {u64()}, numbers(10), {Field(0.5)}), Field(5.0));
    EXPECT_EQ(runBatch("quantileTiming", {u64()}, numbers(10), {Field(0.9)}), Field(9.0));
    EXPECT_EQ(runBatch("quantileTiming", {u64()}, numbers(100000), {Field(0.5)}), Field(30000.0));
    EXPECT_EQ(runBatch("quantilesTiming", {u64()}, numbers(100000, 40000), {Field(0.1), Field(0.5), Field(0.99)}),
              Field(arrayOf({Field(3324.0), Field(16651.0), Field(30000.0)})));
    EXPECT_EQ(AggregateFunctionFactory::instance().get("quantileTiming", {u64()})->getReturnType()->getName(), "Float32");
    EXPECT_TRUE(std::isnan(runBatch("quantileTiming", {u64()}, numbers(0)).get<Float64>()));
    auto negative = ColumnInt32::create({-5, 10, 20});
    EXPECT_EQ(runBatch("quantileTiming", {i32()}, negative, {Field(UInt64(0))}), Field(10.0));
}

TEST(AggregateFunctionStatistics, QuantileTDigest)
{
    EXPECT_EQ(AggregateFunctionFactory::instance().get("quantileTDigest", {u64()})->getReturnType()->getName(), "Float32");
    EXPECT_EQ(runBatch("quantileTDigest", {u64()}, numbers(10), {Field(0.25)}), Field(2.0));
    EXPECT_EQ(runBatch("quantileTDigest", {u64()}, numbers(1)), Field(0.0));
    EXPECT_TRUE(std::isnan(runBatch("quantileTDigest", {u64()}, numbers(0)).get<Float64>()));
    /// ClickHouse: 49999.5, 89999.5, 999.5.
    EXPECT_EQ(runBatch("quantileTDigest", {u64()}, numbers(100000), {Field(0.5)}), Field(49999.5));
    EXPECT_EQ(runBatch("quantileTDigest", {u64()}, numbers(100000), {Field(0.9)}), Field(89999.5));
    EXPECT_EQ(runBatch("quantileTDigest", {u64()}, numbers(100000), {Field(0.01)}), Field(999.5));
}

TEST(AggregateFunctionStatistics, QuantileMergeAndRoundTrip)
{
    checkMergeAndRoundTrip("quantile", {u64()}, numbers(5000), {Field(0.3)});
    checkMergeAndRoundTrip("quantileExact", {u64()}, numbers(5000), {Field(0.3)});
    checkMergeAndRoundTrip("quantileTiming", {u64()}, numbers(5000, 2000), {Field(0.3)});
    checkMergeAndRoundTrip("quantileTiming", {u64()}, numbers(20000, 3000), {Field(0.3)});
    checkMergeAndRoundTrip("quantilesExact", {u64()}, numbers(100), {Field(0.1), Field(0.9)});
    /// Sampled states: the merge is approximate, the round trip exact.
    AggregateFunctionTestRunner big("quantile", {u64()});
    big.addBatch({numbers(50000)});
    AggregateFunctionTestRunner copy("quantile", {u64()});
    copy.deserialize(big.serialized());
    EXPECT_EQ(copy.result(), big.result());
    AggregateFunctionTestRunner digest("quantileTDigest", {u64()});
    digest.addBatch({numbers(50000)});
    AggregateFunctionTestRunner digest_copy("quantileTDigest", {u64()});
    digest_copy.deserialize(digest.serialized());
    EXPECT_EQ(digest_copy.result(), digest.result());
    AggregateFunctionTestRunner digest_other("quantileTDigest", {u64()});
    digest_other.addBatch({numbers(50000)});
    digest.mergeFrom(digest_other);
    EXPECT_NEAR(digest.result().get<Float64>(), 25000, 500);
}

TEST(AggregateFunctionStatistics, GroupArrayAndGroupUniqArray)
{
    auto values = ColumnInt32::create({3, 1, 3, 2});
    EXPECT_EQ(runBatch("groupArray", {i32()}, values),
              Field(arrayOf({Field(Int64(3)), Field(Int64(1)), Field(Int64(3)), Field(Int64(2))})));
    EXPECT_EQ(runBatch("groupArray", {i32()}, values, {Field(UInt64(2))}), Field(arrayOf({Field(Int64(3)), Field(Int64(1))})));
    EXPECT_EQ(runBatch("groupUniqArray", {i32()}, values), Field(arrayOf({Field(Int64(3)), Field(Int64(1)), Field(Int64(2))})));
    EXPECT_EQ(runBatch("groupArray", {i32()}, ColumnInt32::create()), Field(FieldArray {}));
    /// ClickHouse: groupArray skips NULLs and returns Array(T).
    auto nullable = ColumnNullable::create(ColumnInt32::create({1, 0, 2, 2}), ColumnUInt8::create({0, 1, 0, 0}));
    DataTypes types {makeNullable(i32())};
    EXPECT_EQ(AggregateFunctionFactory::instance().get("groupArray", types)->getReturnType()->getName(), "Array(Int32)");
    EXPECT_EQ(aggregateBatch("groupArray", types, {nullable}), Field(arrayOf({Field(Int64(1)), Field(Int64(2)), Field(Int64(2))})));
    auto strings = ColumnString::create({"b", "a", "b"});
    EXPECT_EQ(runBatch("groupUniqArray", {str()}, strings), Field(arrayOf({Field("b"), Field("a")})));
    checkMergeAndRoundTrip("groupArray", {str()}, numberStrings(100));
    checkMergeAndRoundTrip("groupArray", {i32()}, values, {Field(UInt64(3))});
    checkMergeAndRoundTrip("groupUniqArray", {u64()}, numbers(100, 7));
    EXPECT_THROW(AggregateFunctionFactory::instance().get("groupArray", {i32()}, {Field(Int64(-1))}), Exception);
}

TEST(AggregateFunctionStatistics, TopK)
{
    auto values = ColumnUInt64::create({1, 1, 1, 2, 2, 3, 4, 4, 4, 4});
    /// ClickHouse: [4,1,2].
    EXPECT_EQ(runBatch("topK", {u64()}, values, {Field(UInt64(3))}),
              Field(arrayOf({Field(UInt64(4)), Field(UInt64(1)), Field(UInt64(2))})));
    EXPECT_EQ(runBatch("topK", {u64()}, ColumnUInt64::create()), Field(FieldArray {}));
    /// A heavy hitter survives many distinct values.
    auto col = ColumnUInt64::create();
    for (UInt64 i = 0; i < 10000; ++i)
        col->insertValue(i % 3 == 0 ? 7 : i);
    Field top = runBatch("topK", {u64()}, col, {Field(UInt64(1))});
    EXPECT_EQ(top, Field(arrayOf({Field(UInt64(7))})));
    checkMergeAndRoundTrip("topK", {u64()}, values, {Field(UInt64(2))});
    checkMergeAndRoundTrip("topK", {str()}, numberStrings(10));
}

TEST(AggregateFunctionStatistics, Variance)
{
    auto values = ColumnFloat64::create({1, 2, 4, 7});
    /// ClickHouse: 5.25, 7, 2.29128784747792, 2.6457513110645907.
    EXPECT_NEAR(runBatch("varPop", {f64()}, values).get<Float64>(), 5.25, 1e-12);
    EXPECT_NEAR(runBatch("varSamp", {f64()}, values).get<Float64>(), 7, 1e-12);
    EXPECT_NEAR(runBatch("stddevPop", {f64()}, values).get<Float64>(), 2.29128784747792, 1e-12);
    EXPECT_NEAR(runBatch("STDDEV_SAMP", {f64()}, values).get<Float64>(), 2.6457513110645907, 1e-12);
    auto one = ColumnFloat64::create({3});
    EXPECT_TRUE(std::isnan(runBatch("varSamp", {f64()}, one).get<Float64>()));
    EXPECT_TRUE(std::isnan(runBatch("stddevSamp", {f64()}, one).get<Float64>()));
    EXPECT_EQ(runBatch("varPop", {f64()}, one), Field(0.0));
    EXPECT_TRUE(std::isnan(runBatch("varPop", {f64()}, ColumnFloat64::create()).get<Float64>()));
    AggregateFunctionTestRunner filtered("varPop", {f64()});
    auto padded = ColumnFloat64::create({1, 100, 2, 4, -50, 7, 1000});
    Filter filter {1, 0, 1, 1, 0, 1, 0};
    filtered.addBatch({padded}, filter.data());
    EXPECT_NEAR(filtered.result().get<Float64>(), 5.25, 1e-12);
    checkMergeAndRoundTrip("varSamp", {u64()}, numbers(1000));
    checkMergeAndRoundTrip("stddevPop", {f64()}, values);
}

TEST(AggregateFunctionStatistics, UniqStringBatchesWithRepeatsMatchRowByRow)
{
    /// Runs of equal values across alternating places, with and without a filter: the batch paths
    /// skip repeats of the previous added (place, value) and must still count what add() counts.
    auto strings = ColumnString::create();
    std::vector<size_t> group_of_row;
    const char * values[] = {"a", "a", "b", "b", "a", "", "", "c", "a", "a"};
    for (size_t i = 0; i < 10; ++i)
    {
        strings->insertData(values[i], std::strlen(values[i]));
        group_of_row.push_back(i == 9 ? 1 : 0);
    }
    ColumnPtr column = std::move(strings);
    std::vector<UInt8> filter {1, 0, 1, 1, 1, 1, 0, 0, 1, 1};
    auto string_type = std::make_shared<DataTypeString>();
    for (const char * name : {"uniq", "uniqExact", "uniqCombined", "uniqHLL12"})
    {
        auto function = AggregateFunctionFactory::instance().get(name, {string_type});
        auto count_if =
            AggregateFunctionFactory::instance().get(std::string(name) + "If", {string_type, std::make_shared<DataTypeUInt8>()});
        for (bool filtered : {false, true})
        {
            const auto & f = filtered ? count_if : function;
            Arena arena;
            std::vector<AggregateDataPtr> groups;
            for (size_t g = 0; g < 2; ++g)
            {
                groups.push_back(arena.alignedAlloc(f->sizeOfData(), f->alignOfData()));
                f->create(groups.back());
            }
            std::vector<AggregateDataPtr> places;
            for (size_t g : group_of_row)
                places.push_back(groups[g]);
            auto condition = ColumnUInt8::create();
            for (UInt8 v : filter)
                condition->getData().push_back(v);
            std::vector<const IColumn *> arguments {column.get(), condition.get()};
            f->addBatch(10, places.data(), 0, arguments.data(), &arena);
            /// Group 0: a b "" c (filtered: a b "" a) -> 4 or 3; group 1: a -> 1.
            std::vector<UInt64> expected = filtered ? std::vector<UInt64> {3, 1} : std::vector<UInt64> {4, 1};
            for (size_t g = 0; g < 2; ++g)
            {
                auto result = f->getReturnType()->createColumn();
                f->insertResultInto(groups[g], *result, &arena);
                EXPECT_EQ((*result)[0], Field(expected[g])) << name << " filtered " << filtered << " group " << g;
                f->destroy(groups[g]);
            }

            AggregateFunctionTestRunner single(function);
            single.addBatch({column}, filtered ? filter.data() : nullptr);
            EXPECT_EQ(single.result(), Field(UInt64(filtered ? 3 : 4))) << name;
        }
    }
}
