#include "engine/columns/ColumnNullable.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace pipit;

namespace
{

std::shared_ptr<ColumnNullable> makeInts(std::initializer_list<std::optional<Int64>> values)
{
    auto col = ColumnNullable::create(ColumnInt64::create(), ColumnUInt8::create());
    for (const auto & v : values)
        col->insert(v ? Field(*v) : Field(Null {}));
    return col;
}

std::vector<Field> fields(const ColumnPtr & column)
{
    std::vector<Field> res;
    for (size_t i = 0; i < column->size(); ++i)
        res.push_back((*column)[i]);
    return res;
}

std::vector<size_t> sorted(const IColumn & column, bool reverse, size_t limit, int hint)
{
    Permutation perm;
    column.getPermutation(reverse, limit, hint, perm);
    EXPECT_EQ(perm.size(), column.size());
    std::vector<bool> seen(perm.size());
    for (size_t p : perm)
    {
        EXPECT_LT(p, perm.size());
        EXPECT_FALSE(seen[p]);
        seen[p] = true;
    }
    std::vector<size_t> res(perm.begin(), perm.end());
    if (limit && limit < res.size())
        res.resize(limit);
    return res;
}

const Field null {Null {}};

} // namespace

TEST(ColumnNullable, InsertNullKeepsDefaultInNested)
{
    auto col = makeInts({1, std::nullopt, 3});
    ASSERT_EQ(col->size(), 3u);
    EXPECT_TRUE(col->isNullAt(1));
    EXPECT_FALSE(col->isNullAt(0));
    EXPECT_EQ(assertColumnCast<ColumnInt64>(col->getNestedColumn()).getData()[1], 0);
    EXPECT_EQ(col->getNullMapData(), (PODArray<UInt8> {0, 1, 0}));
    EXPECT_EQ(fields(col), (std::vector<Field> {Field(Int64(1)), null, Field(Int64(3))}));
    EXPECT_TRUE(col->isNullable());
    col->insertDefault();
    EXPECT_TRUE(col->isNullAt(3));
    col->popBack(2);
    EXPECT_EQ(col->size(), 2u);
    EXPECT_EQ(col->getNestedColumn().size(), 2u);
    EXPECT_THROW(col->insert(Field("x")), Exception);
    EXPECT_EQ(col->size(), 2u);
    EXPECT_EQ(col->getNestedColumn().size(), 2u);
}

TEST(ColumnNullable, StringNullable)
{
    auto col = ColumnNullable::create(ColumnString::create());
    col->insertData("abc", 3);
    col->insertData(nullptr, 0);
    col->insert(Field("d"));
    EXPECT_EQ(fields(col), (std::vector<Field> {Field("abc"), null, Field("d")}));
    EXPECT_EQ(col->getNestedColumn().getDataAt(1), "");
}

TEST(ColumnNullable, FilterPermuteCutReplicate)
{
    auto col = makeInts({1, std::nullopt, 3, std::nullopt, 5});
    Filter filter {0, 1, 1, 0, 1};
    auto filtered = col->filter(filter, 0);
    EXPECT_EQ(fields(filtered), (std::vector<Field> {null, Field(Int64(3)), Field(Int64(5))}));
    Permutation perm {3, 4, 0, 1, 2};
    EXPECT_EQ(fields(col->permute(perm, 2)), (std::vector<Field> {null, Field(Int64(5))}));
    EXPECT_EQ(fields(col->cut(1, 2)), (std::vector<Field> {null, Field(Int64(3))}));
    Offsets offsets {1, 3, 3, 3, 4};
    EXPECT_EQ(fields(col->replicate(offsets)), (std::vector<Field> {Field(Int64(1)), null, null, Field(Int64(5))}));
    auto copy = col->cloneMutable();
    copy->insertRangeFrom(*col, 0, 2);
    copy->insertFrom(*col, 3);
    EXPECT_EQ(copy->size(), 8u);
    EXPECT_EQ((*copy)[5], Field(Int64(1)));
    EXPECT_EQ((*copy)[6], null);
    EXPECT_EQ((*copy)[7], null);
    EXPECT_EQ(col->size(), 5u);
}

TEST(ColumnNullable, CompareAndSortNulls)
{
    auto col = makeInts({3, std::nullopt, 1, std::nullopt, 2});
    EXPECT_GT(col->compareAt(1, 0, *col, 1), 0);
    EXPECT_LT(col->compareAt(1, 0, *col, -1), 0);
    EXPECT_EQ(col->compareAt(1, 3, *col, 1), 0);
    EXPECT_GT(col->compareAt(0, 2, *col, 1), 0);

    EXPECT_EQ(sorted(*col, false, 0, 1), (std::vector<size_t> {2, 4, 0, 1, 3}));
    EXPECT_EQ(sorted(*col, false, 0, -1), (std::vector<size_t> {1, 3, 2, 4, 0}));
    EXPECT_EQ(sorted(*col, true, 0, 1), (std::vector<size_t> {1, 3, 0, 4, 2}));
    EXPECT_EQ(sorted(*col, true, 0, -1), (std::vector<size_t> {0, 4, 2, 1, 3}));
    EXPECT_EQ(sorted(*col, false, 2, 1), (std::vector<size_t> {2, 4}));
    EXPECT_EQ(sorted(*col, false, 3, -1), (std::vector<size_t> {1, 3, 2}));
    EXPECT_EQ(sorted(*col, false, 1, -1), (std::vector<size_t> {1}));
    EXPECT_EQ(sorted(*col, true, 4, 1), (std::vector<size_t> {1, 3, 0, 4}));

    /// A NULL whose nested default (0) would sort first must not leak into the limited head.
    auto col2 = makeInts({std::nullopt, 5, std::nullopt, 4, 6});
    EXPECT_EQ(sorted(*col2, false, 2, 1), (std::vector<size_t> {3, 1}));
    EXPECT_EQ(sorted(*col2, false, 4, 1), (std::vector<size_t> {3, 1, 4, 0}));
}

TEST(ColumnNullable, FloatNaNAndNull)
{
    auto col = ColumnNullable::create(ColumnFloat64::create(), ColumnUInt8::create());
    col->insert(Field(std::nan("")));
    col->insert(null);
    col->insert(Field(1.0));
    EXPECT_EQ(sorted(*col, false, 0, 1), (std::vector<size_t> {2, 0, 1}));
}

TEST(ColumnNullable, Hash)
{
    auto col = makeInts({7, std::nullopt, 7, std::nullopt, 0});
    auto hash = [&](size_t n)
    {
        UInt64 h = 0;
        col->updateHashWithValue(n, h);
        return h;
    };
    EXPECT_EQ(hash(0), hash(2));
    EXPECT_EQ(hash(1), hash(3));
    EXPECT_NE(hash(1), hash(4));
}
