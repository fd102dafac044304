#include "engine/columns/ColumnArray.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

Field arr(std::initializer_list<Int64> values)
{
    FieldArray res;
    for (Int64 v : values)
        res.values.emplace_back(v);
    return Field(std::move(res));
}

std::shared_ptr<ColumnArray> make(std::initializer_list<Field> rows)
{
    auto col = ColumnArray::create(ColumnInt64::create());
    for (const auto & row : rows)
        col->insert(row);
    return col;
}

std::vector<Field> fields(const ColumnPtr & column)
{
    std::vector<Field> res;
    for (size_t i = 0; i < column->size(); ++i)
        res.push_back((*column)[i]);
    return res;
}

} // namespace

TEST(ColumnArray, InsertLayoutAndFields)
{
    auto col = make({arr({1, 2}), arr({}), arr({3})});
    EXPECT_EQ(col->size(), 3u);
    EXPECT_EQ(col->getOffsets(), (Offsets {2, 2, 3}));
    EXPECT_EQ(col->getData().size(), 3u);
    EXPECT_EQ(col->sizeAt(0), 2u);
    EXPECT_EQ(col->offsetAt(2), 2u);
    EXPECT_EQ((*col)[0], arr({1, 2}));
    EXPECT_EQ((*col)[1], arr({}));
    col->insertDefault();
    EXPECT_EQ((*col)[3], arr({}));

    /// A bad element leaves the column unchanged.
    FieldArray bad {{Field(Int64(5)), Field("x")}};
    EXPECT_THROW(col->insert(Field(bad)), Exception);
    EXPECT_THROW(col->insert(Field(Int64(1))), Exception);
    EXPECT_EQ(col->size(), 4u);
    EXPECT_EQ(col->getData().size(), 3u);

    col->popBack(3);
    EXPECT_EQ(fields(col), (std::vector<Field> {arr({1, 2})}));
    EXPECT_EQ(col->getData().size(), 2u);
}

TEST(ColumnArray, FilterPermuteCutReplicate)
{
    auto col = make({arr({1, 2}), arr({}), arr({3}), arr({4, 5, 6})});
    Filter filter {1, 1, 0, 1};
    auto filtered = col->filter(filter, 0);
    EXPECT_EQ(fields(filtered), (std::vector<Field> {arr({1, 2}), arr({}), arr({4, 5, 6})}));
    EXPECT_EQ(assertColumnCast<ColumnArray>(*filtered).getOffsets(), (Offsets {2, 2, 5}));
    Permutation perm {3, 0, 2, 1};
    EXPECT_EQ(fields(col->permute(perm, 2)), (std::vector<Field> {arr({4, 5, 6}), arr({1, 2})}));
    EXPECT_EQ(fields(col->cut(1, 2)), (std::vector<Field> {arr({}), arr({3})}));
    EXPECT_EQ(assertColumnCast<ColumnArray>(*col->cut(2, 2)).getOffsets(), (Offsets {1, 4}));
    Offsets offsets {2, 3, 3, 4};
    EXPECT_EQ(fields(col->replicate(offsets)), (std::vector<Field> {arr({1, 2}), arr({1, 2}), arr({}), arr({4, 5, 6})}));

    auto other = make({arr({9})});
    other->insertRangeFrom(*col, 2, 2);
    other->insertFrom(*col, 0);
    EXPECT_EQ(fields(other), (std::vector<Field> {arr({9}), arr({3}), arr({4, 5, 6}), arr({1, 2})}));
    EXPECT_EQ(other->getOffsets(), (Offsets {1, 2, 5, 7}));
}

TEST(ColumnArray, CompareSortHash)
{
    auto col = make({arr({1, 2}), arr({1}), arr({}), arr({0, 9}), arr({1, 2})});
    EXPECT_GT(col->compareAt(0, 1, *col, 1), 0);
    EXPECT_LT(col->compareAt(2, 1, *col, 1), 0);
    EXPECT_EQ(col->compareAt(0, 4, *col, 1), 0);
    Permutation perm;
    col->getPermutation(false, 0, 1, perm);
    EXPECT_EQ(perm, (Permutation {2, 3, 1, 0, 4}));
    col->getPermutation(true, 0, 1, perm);
    EXPECT_EQ(perm, (Permutation {0, 4, 1, 3, 2}));
    col->getPermutation(false, 2, 1, perm);
    EXPECT_EQ(perm[0], 2u);
    EXPECT_EQ(perm[1], 3u);
    auto hash = [&](size_t n)
    {
        UInt64 h = 0;
        col->updateHashWithValue(n, h);
        return h;
    };
    EXPECT_EQ(hash(0), hash(4));
    EXPECT_NE(hash(0), hash(1));
}

TEST(ColumnArray, ArrayOfNullableStrings)
{
    auto col = ColumnArray::create(ColumnNullable::create(ColumnString::create()));
    col->insert(Field(FieldArray {{Field("a"), Field(Null {})}}));
    col->insert(Field(FieldArray {}));
    EXPECT_EQ((*col)[0], Field(FieldArray {{Field("a"), Field(Null {})}}));
    Filter filter {1, 0};
    EXPECT_EQ((*col->filter(filter, 0))[0], (*col)[0]);
}

TEST(ColumnArray, CreateValidatesOffsets)
{
    auto offsets = ColumnUInt64::create({2, 1, 3});
    EXPECT_THROW(ColumnArray::create(ColumnInt64::create({1, 2, 3}), offsets), Exception);
    EXPECT_THROW(ColumnArray::create(ColumnInt64::create({1, 2}), ColumnUInt64::create({1, 3})), Exception);
    auto ok = ColumnArray::create(ColumnInt64::create({1, 2, 3}), ColumnUInt64::create({0, 3}));
    EXPECT_EQ((*ok)[1], arr({1, 2, 3}));
    EXPECT_EQ((*ok)[0], arr({}));
}
