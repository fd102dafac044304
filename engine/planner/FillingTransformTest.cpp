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

std::vector<Int64> keys(const Block & block)
{
    const auto & data = assertColumnCast<ColumnInt64>(*block.getByName("__sort_0").column).getData();
    return {data.begin(), data.end()};
}

} // namespace

TEST(FillingTransform, FillsGapsRelativeToThePreviousRow)
{
    FillDescription fill;
    fill.column_name = "__sort_0";
    fill.step = 2;
    Block out = FillingTransform::apply(keyBlock({1, 4, 4, 9}), fill);
    EXPECT_EQ(keys(out), (std::vector<Int64> {1, 3, 4, 4, 6, 8, 9}));
    /// Generated rows hold the default in other columns.
    EXPECT_EQ(out.getByName("s").column->getDataAt(1), "");
    EXPECT_EQ(out.getByName("s").column->getDataAt(2), "x");
}

TEST(FillingTransform, FromAndToBoundTheFill)
{
    FillDescription fill;
    fill.column_name = "__sort_0";
    fill.from = 0;
    fill.to = 6;
    Block out = FillingTransform::apply(keyBlock({2, 9}), fill);
    /// TO is exclusive and stops the fill between rows too; the row past TO is kept.
    EXPECT_EQ(keys(out), (std::vector<Int64> {0, 1, 2, 3, 4, 5, 9}));
    Block empty = FillingTransform::apply(keyBlock({}), fill);
    EXPECT_EQ(keys(empty), (std::vector<Int64> {0, 1, 2, 3, 4, 5}));
}

TEST(FillingTransform, Descending)
{
    FillDescription fill;
    fill.column_name = "__sort_0";
    fill.direction = -1;
    Block out = FillingTransform::apply(keyBlock({5, 2}), fill);
    EXPECT_EQ(keys(out), (std::vector<Int64> {5, 4, 3, 2}));
}

TEST(FillingTransform, ValidateRejectsBadStepsAndKeys)
{
    FillDescription fill;
    fill.column_name = "__sort_0";
    fill.step = 0;
    EXPECT_THROW(FillingTransform::validate(fill, *typeInt64()), Exception);
    fill.step = -1;
    EXPECT_THROW(FillingTransform::validate(fill, *typeInt64()), Exception);
    fill.direction = -1;
    EXPECT_NO_THROW(FillingTransform::validate(fill, *typeInt64()));
    fill.step.reset();
    EXPECT_THROW(FillingTransform::validate(fill, *typeString()), Exception);
}
