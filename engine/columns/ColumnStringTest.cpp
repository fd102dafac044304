#include "engine/columns/ColumnString.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

std::vector<std::string> strings(const ColumnPtr & column)
{
    std::vector<std::string> res;
    for (size_t i = 0; i < column->size(); ++i)
        res.emplace_back(column->getDataAt(i));
    return res;
}

std::vector<size_t> sorted(const IColumn & column, bool reverse, size_t limit)
{
    Permutation perm;
    column.getPermutation(reverse, limit, 1, perm);
    std::vector<size_t> res(perm.begin(), perm.end());
    if (limit && limit < res.size())
        res.resize(limit);
    return res;
}

} // namespace

TEST(ColumnString, InsertAndLayout)
{
    auto col = ColumnString::create();
    col->insert(Field("ab"));
    col->insertDefault();
    col->insertData("xyz", 3);
    EXPECT_THROW(col->insert(Field(UInt64(1))), Exception);
    ASSERT_EQ(col->size(), 3u);
    EXPECT_EQ(col->getChars().size(), 5u);
    EXPECT_EQ(col->getOffsets(), (Offsets {2, 2, 5}));
    EXPECT_EQ((*col)[0], Field("ab"));
    EXPECT_EQ((*col)[1], Field(""));
    EXPECT_EQ(col->getDataAt(2), "xyz");
    col->popBack(1);
    EXPECT_EQ(col->getChars().size(), 2u);
    col->insertValue("q");
    EXPECT_EQ(strings(col), (std::vector<std::string> {"ab", "", "q"}));
}

TEST(ColumnString, FilterPermuteCutReplicate)
{
    auto col = ColumnString::create({"a", "bb", "", "ccc", "dddd"});
    Filter filter {0, 1, 1, 0, 1};
    EXPECT_EQ(strings(col->filter(filter, 0)), (std::vector<std::string> {"bb", "", "dddd"}));
    Filter all(5, 1);
    EXPECT_EQ(strings(col->filter(all, 0)), strings(col));
    Permutation perm {4, 0, 2, 1, 3};
    EXPECT_EQ(strings(col->permute(perm, 0)), (std::vector<std::string> {"dddd", "a", "", "bb", "ccc"}));
    EXPECT_EQ(strings(col->permute(perm, 2)), (std::vector<std::string> {"dddd", "a"}));
    EXPECT_EQ(strings(col->cut(1, 3)), (std::vector<std::string> {"bb", "", "ccc"}));
    EXPECT_THROW(col->cut(3, 3), Exception);
    Offsets offsets {0, 2, 3, 3, 4};
    EXPECT_EQ(strings(col->replicate(offsets)), (std::vector<std::string> {"bb", "bb", "", "dddd"}));

    auto other = ColumnString::create({"z"});
    other->insertRangeFrom(*col, 3, 2);
    other->insertFrom(*col, 1);
    EXPECT_EQ(strings(other), (std::vector<std::string> {"z", "ccc", "dddd", "bb"}));
}

TEST(ColumnString, CompareAndSort)
{
    auto col = ColumnString::create({"b", "a", "ab", "", "b", std::string_view("\xff", 1)});
    EXPECT_LT(col->compareAt(1, 2, *col, 1), 0);
    EXPECT_GT(col->compareAt(0, 2, *col, 1), 0);
    EXPECT_EQ(col->compareAt(0, 4, *col, 1), 0);
    EXPECT_LT(col->compareAt(3, 1, *col, 1), 0);
    EXPECT_GT(col->compareAt(5, 0, *col, 1), 0); /// byte-wise, unsigned
    EXPECT_EQ(sorted(*col, false, 0), (std::vector<size_t> {3, 1, 2, 0, 4, 5}));
    EXPECT_EQ(sorted(*col, true, 0), (std::vector<size_t> {5, 0, 4, 2, 1, 3}));
    EXPECT_EQ(sorted(*col, false, 2), (std::vector<size_t> {3, 1}));
}

TEST(ColumnString, Hash)
{
    auto col = ColumnString::create({"abc", "abc", "abd", ""});
    auto hash = [&](size_t n)
    {
        UInt64 h = 1;
        col->updateHashWithValue(n, h);
        return h;
    };
    EXPECT_EQ(hash(0), hash(1));
    EXPECT_NE(hash(0), hash(2));
    EXPECT_NE(hash(0), hash(3));
}
