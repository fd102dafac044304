#include "engine/columns/ColumnTuple.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

Field tup(Int64 a, const char * b)
{
    return Field(FieldTuple {{Field(a), Field(b)}});
}

std::shared_ptr<ColumnTuple> make(std::initializer_list<Field> rows)
{
    MutableColumns elements;
    elements.push_back(ColumnInt64::create());
    elements.push_back(ColumnString::create());
    auto col = ColumnTuple::create(std::move(elements));
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

TEST(ColumnTuple, InsertAndFields)
{
    auto col = make({tup(1, "a"), tup(2, "b")});
    EXPECT_EQ(col->tupleSize(), 2u);
    EXPECT_EQ(col->size(), 2u);
    EXPECT_EQ((*col)[1], tup(2, "b"));
    EXPECT_EQ(col->getColumn(1).getDataAt(0), "a");
    col->insertDefault();
    EXPECT_EQ((*col)[2], tup(0, ""));
    /// Wrong arity or a bad element: nothing inserted in any element.
    EXPECT_THROW(col->insert(Field(FieldTuple {{Field(Int64(1))}})), Exception);
    EXPECT_THROW(col->insert(Field(FieldTuple {{Field(Int64(1)), Field(Int64(2))}})), Exception);
    EXPECT_THROW(col->insert(Field(FieldArray {})), Exception);
    EXPECT_EQ(col->size(), 3u);
    EXPECT_EQ(col->getColumn(0).size(), 3u);
    col->popBack(1);
    EXPECT_EQ(col->getColumn(1).size(), 2u);
    EXPECT_THROW(make({})->popBack(1), Exception);
}

TEST(ColumnTuple, FilterPermuteCutReplicate)
{
    auto col = make({tup(1, "a"), tup(2, "b"), tup(3, "c")});
    Filter filter {0, 1, 1};
    EXPECT_EQ(fields(col->filter(filter, 0)), (std::vector<Field> {tup(2, "b"), tup(3, "c")}));
    Permutation perm {2, 0, 1};
    EXPECT_EQ(fields(col->permute(perm, 2)), (std::vector<Field> {tup(3, "c"), tup(1, "a")}));
    EXPECT_EQ(fields(col->cut(0, 1)), (std::vector<Field> {tup(1, "a")}));
    Offsets offsets {0, 2, 3};
    EXPECT_EQ(fields(col->replicate(offsets)), (std::vector<Field> {tup(2, "b"), tup(2, "b"), tup(3, "c")}));
    auto other = col->cloneEmpty();
    other->insertRangeFrom(*col, 1, 2);
    other->insertFrom(*col, 0);
    EXPECT_EQ(fields(other), (std::vector<Field> {tup(2, "b"), tup(3, "c"), tup(1, "a")}));
}

TEST(ColumnTuple, CompareSortHash)
{
    auto col = make({tup(2, "a"), tup(1, "z"), tup(2, "a"), tup(1, "b")});
    EXPECT_EQ(col->compareAt(0, 2, *col, 1), 0);
    EXPECT_GT(col->compareAt(0, 1, *col, 1), 0);
    EXPECT_GT(col->compareAt(1, 3, *col, 1), 0);
    Permutation perm;
    col->getPermutation(false, 0, 1, perm);
    EXPECT_EQ(perm, (Permutation {3, 1, 0, 2}));
    col->getPermutation(true, 0, 1, perm);
    EXPECT_EQ(perm, (Permutation {0, 2, 1, 3}));
    UInt64 a = 0;
    UInt64 b = 0;
    UInt64 c = 0;
    col->updateHashWithValue(0, a);
    col->updateHashWithValue(2, b);
    col->updateHashWithValue(3, c);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
}

TEST(ColumnTuple, EmptyTupleCountsRows)
{
    auto col = ColumnTuple::create({});
    col->insertDefault();
    col->insert(Field(FieldTuple {}));
    EXPECT_EQ(col->size(), 2u);
    Filter filter {1, 0};
    EXPECT_EQ(col->filter(filter, 0)->size(), 1u);
}
