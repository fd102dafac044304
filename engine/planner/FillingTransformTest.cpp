#include "engine/planner/FillingTransform.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/functions/FunctionArguments.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

Block keyBlock(const std::vector<Int64> & keys)
{
    auto key = ColumnInt64::create();
    auto other = ColumnString::create();
    for (Int64 k : keys)
    {
        key->getData().push_back(k);
        other->insertData("x", 1);
    }
    Block block;
    block.insert({std::move(key), typeInt64(), "__sort_0"});
    block.insert({std::move(other), typeString(), "s"});
    return block;
}

std::vector<Int64> keys(const Block & block, const std::string & name = "__sort_0")
{
    const auto & data = assertColumnCast<ColumnInt64>(*block.getByName(name).column).getData();
    return {data.begin(), data.end()};
}

Block twoKeyBlock(const std::vector<std::pair<Int64, Int64>> & rows)
{
    auto a = ColumnInt64::create();
    auto b = ColumnInt64::create();
    for (auto [x, y] : rows)
    {
        a->getData().push_back(x);
        b->getData().push_back(y);
    }
    Block block;
    block.insert({std::move(a), typeInt64(), "a"});
    block.insert({std::move(b), typeInt64(), "b"});
    return block;
}

FillDescription oneKey(FillColumnDescription column)
{
    FillDescription fill;
    column.column_name = column.column_name.empty() ? "__sort_0" : column.column_name;
    fill.columns.push_back(std::move(column));
    return fill;
}

ErrorCode validateError(const FillColumnDescription & column, const IDataType & type)
{
    try
    {
        FillingTransform::validate(column, type);
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

} // namespace

TEST(FillingTransform, FillsGapsOnTheGridOfTheFirstRow)
{
    /// As ClickHouse's FillingRow: a row off the grid (4) does not move it.
    Block out = FillingTransform::apply(keyBlock({1, 4, 4, 9}), oneKey({.step = 2}));
    EXPECT_EQ(keys(out), (std::vector<Int64> {1, 3, 4, 4, 5, 7, 9}));
    /// Generated rows hold the default in other columns.
    EXPECT_EQ(out.getByName("s").column->getDataAt(1), "");
    EXPECT_EQ(out.getByName("s").column->getDataAt(2), "x");
}

TEST(FillingTransform, FromAndToBoundTheFill)
{
    FillColumnDescription column;
    column.from = 0;
    column.to = 6;
    Block out = FillingTransform::apply(keyBlock({2, 9}), oneKey(column));
    /// TO is exclusive and stops the fill between rows too; the row past TO is kept.
    EXPECT_EQ(keys(out), (std::vector<Int64> {0, 1, 2, 3, 4, 5, 9}));
    Block empty = FillingTransform::apply(keyBlock({}), oneKey(column));
    EXPECT_EQ(keys(empty), (std::vector<Int64> {0, 1, 2, 3, 4, 5}));
}

TEST(FillingTransform, FromKeepsItsGridAndRowsBeforeIt)
{
    FillColumnDescription column;
    column.from = 1;
    column.to = 10;
    column.step = 2;
    /// Rows before FROM stay; generated values stay on FROM + k * STEP.
    EXPECT_EQ(keys(FillingTransform::apply(keyBlock({0, 3, 6}), oneKey(column))), (std::vector<Int64> {0, 1, 3, 5, 6, 7, 9}));
}

TEST(FillingTransform, Descending)
{
    Block out = FillingTransform::apply(keyBlock({5, 2}), oneKey({.direction = -1}));
    EXPECT_EQ(keys(out), (std::vector<Int64> {5, 4, 3, 2}));
}

TEST(FillingTransform, SecondKeyIsFilledWithinGroupsOfTheFirst)
{
    FillDescription fill;
    fill.columns.push_back({.column_name = "a"});
    fill.columns.push_back({.column_name = "b"});
    Block out = FillingTransform::apply(twoKeyBlock({{1, 1}, {1, 4}, {3, 2}}), fill);
    /// a = 2 is generated with b at its default; b is filled between rows with the same a.
    EXPECT_EQ(keys(out, "a"), (std::vector<Int64> {1, 1, 1, 1, 2, 3}));
    EXPECT_EQ(keys(out, "b"), (std::vector<Int64> {1, 2, 3, 4, 0, 2}));
}

TEST(FillingTransform, SecondKeyWithToRunsUpToIt)
{
    FillDescription fill;
    fill.columns.push_back({.column_name = "a"});
    fill.columns.push_back({.column_name = "b", .to = 3});
    Block out = FillingTransform::apply(twoKeyBlock({{1, 0}, {2, 1}}), fill);
    EXPECT_EQ(keys(out, "a"), (std::vector<Int64> {1, 1, 1, 2, 2}));
    EXPECT_EQ(keys(out, "b"), (std::vector<Int64> {0, 1, 2, 1, 2}));
}

TEST(FillingTransform, SortPrefixRunsAreFilledIndependently)
{
    FillDescription fill;
    fill.sort_prefix = {"a"};
    fill.columns.push_back({.column_name = "b"});
    Block out = FillingTransform::apply(twoKeyBlock({{1, 10}, {1, 12}, {3, 5}, {3, 7}}), fill);
    /// Generated rows copy the run's prefix value.
    EXPECT_EQ(keys(out, "a"), (std::vector<Int64> {1, 1, 1, 3, 3, 3}));
    EXPECT_EQ(keys(out, "b"), (std::vector<Int64> {10, 11, 12, 5, 6, 7}));
}

TEST(FillingTransform, CalendarMonthSteps)
{
    auto days = ColumnUInt16::create();
    /// 2024-01-31 and 2024-05-31 as day numbers.
    days->getData().push_back(19753);
    days->getData().push_back(19874);
    Block block;
    block.insert({std::move(days), typeByName("Date"), "d"});
    FillColumnDescription column;
    column.column_name = "d";
    column.step_months = 1;
    Block out = FillingTransform::apply(block, oneKey(column));
    const auto & data = assertColumnCast<ColumnUInt16>(*out.getByName("d").column).getData();
    /// Jan 31 + 1 month = Feb 29 (clamped), then Mar 29, Apr 29, May 29, then the row May 31.
    EXPECT_EQ(std::vector<UInt16>(data.begin(), data.end()), (std::vector<UInt16> {19753, 19782, 19811, 19842, 19872, 19874}));
}

TEST(FillingTransform, ValidateRejectsBadStepsBoundsAndKeys)
{
    FillColumnDescription fill;
    fill.column_name = "__sort_0";
    fill.step = 0;
    EXPECT_EQ(validateError(fill, *typeInt64()), ErrorCode::INVALID_WITH_FILL_EXPRESSION);
    fill.step = -1;
    EXPECT_EQ(validateError(fill, *typeInt64()), ErrorCode::INVALID_WITH_FILL_EXPRESSION);
    fill.direction = -1;
    EXPECT_EQ(validateError(fill, *typeInt64()), ErrorCode::OK);
    fill.step = -0.5;
    EXPECT_EQ(validateError(fill, *typeInt64()), ErrorCode::INVALID_WITH_FILL_EXPRESSION);
    EXPECT_EQ(validateError(fill, *typeFloat64()), ErrorCode::OK);
    fill.step.reset();
    EXPECT_EQ(validateError(fill, *typeString()), ErrorCode::INVALID_WITH_FILL_EXPRESSION);
    fill.direction = 1;
    fill.from = 5;
    fill.to = 1;
    EXPECT_EQ(validateError(fill, *typeInt64()), ErrorCode::INVALID_WITH_FILL_EXPRESSION);
    fill.from.reset();
    fill.to.reset();
    fill.step_months = 1;
    EXPECT_EQ(validateError(fill, *typeInt64()), ErrorCode::INVALID_WITH_FILL_EXPRESSION);
    EXPECT_EQ(validateError(fill, *typeByName("Date")), ErrorCode::OK);
}

TEST(FillingTransform, InterpolateTakesThePreviousRowsValue)
{
    Block block = twoKeyBlock({{1, 10}, {4, 40}});
    FillDescription fill;
    fill.columns.push_back({.column_name = "a"});
    fill.interpolate.push_back({"b", nullptr});
    Block out = FillingTransform::apply(block, fill);
    EXPECT_EQ(keys(out, "a"), (std::vector<Int64> {1, 2, 3, 4}));
    EXPECT_EQ(keys(out, "b"), (std::vector<Int64> {10, 10, 10, 40}));
}
