#include "engine/columns/ColumnConst.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"

#include <gtest/gtest.h>

using namespace pipit;

TEST(ColumnConst, Basics)
{
    auto col = ColumnConst::create(ColumnString::create({"x"}), 4);
    EXPECT_EQ(col->size(), 4u);
    EXPECT_TRUE(col->isConst());
    EXPECT_EQ((*col)[3], Field("x"));
    EXPECT_EQ(col->getField(), Field("x"));
    EXPECT_EQ(col->getDataAt(2), "x");
    EXPECT_THROW(ColumnConst::create(ColumnString::create({"x", "y"}), 1), Exception);
    auto nested = ColumnConst::create(col, 2);
    EXPECT_FALSE(nested->getDataColumn().isConst());
}

TEST(ColumnConst, ExpandAndOps)
{
    auto col = ColumnConst::create(ColumnInt64::create({42}), 3);
    ColumnPtr full = convertToFullColumnIfConst(col);
    ASSERT_FALSE(full->isConst());
    EXPECT_EQ(assertColumnCast<ColumnInt64>(*full).getData(), (PODArray<Int64> {42, 42, 42}));
    ColumnPtr plain = ColumnInt64::create({1});
    EXPECT_EQ(convertToFullColumnIfConst(plain), plain);

    Filter filter {1, 0, 1};
    EXPECT_EQ(col->filter(filter, 0)->size(), 2u);
    EXPECT_TRUE(col->filter(filter, 0)->isConst());
    Permutation perm {2, 1, 0};
    EXPECT_EQ(col->permute(perm, 2)->size(), 2u);
    EXPECT_EQ(col->cut(1, 2)->size(), 2u);
    Offsets offsets {2, 2, 7};
    EXPECT_EQ(col->replicate(offsets)->size(), 7u);
    EXPECT_EQ((*col->replicate(offsets))[6], Field(Int64(42)));

    auto other = ColumnConst::create(ColumnInt64::create({43}), 3);
    EXPECT_LT(col->compareAt(0, 2, *other, 1), 0);
    UInt64 a = 0;
    UInt64 b = 0;
    col->updateHashWithValue(0, a);
    ColumnInt64::create({42})->updateHashWithValue(0, b);
    EXPECT_EQ(a, b);

    auto m = col->cloneMutable();
    m->insertDefault();
    m->popBack(2);
    EXPECT_EQ(m->size(), 2u);
    EXPECT_EQ(col->size(), 3u);
    Permutation p;
    col->getPermutation(true, 0, 1, p);
    EXPECT_EQ(p, (Permutation {0, 1, 2}));
    auto empty_full = ColumnConst::create(ColumnInt64::create({1}), 0)->convertToFullColumn();
    EXPECT_EQ(empty_full->size(), 0u);
}
