#include "engine/columns/ColumnFixedString.h"

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

std::shared_ptr<ColumnFixedString> make(std::initializer_list<std::string_view> values)
{
    auto col = ColumnFixedString::create(2);
    for (auto v : values)
        col->insertData(v.data(), v.size());
    return col;
}

const std::string zero_pad("a\0", 2);

} // namespace

TEST(ColumnFixedString, InsertPadsAndRejectsTooLong)
{
    auto col = ColumnFixedString::create(2);
    col->insert(Field("a"));
    col->insertData("bc", 2);
    col->insertDefault();
    EXPECT_EQ(col->size(), 3u);
    EXPECT_EQ(col->getChars().size(), 6u);
    EXPECT_EQ((*col)[0], Field(zero_pad));
    EXPECT_EQ((*col)[2], Field(std::string(2, '\0')));
    try
    {
        col->insert(Field("abc"));
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::TOO_LARGE_STRING_SIZE);
    }
    EXPECT_THROW(col->insert(Field(UInt64(1))), Exception);
    EXPECT_EQ(col->size(), 3u);
    col->popBack(2);
    EXPECT_EQ(strings(col), (std::vector<std::string> {zero_pad}));
    EXPECT_TRUE(col->isFixedWidth());
    EXPECT_EQ(col->sizeOfValueIfFixed(), 2u);
}

TEST(ColumnFixedString, FilterPermuteCutReplicate)
{
    auto col = make({"aa", "bb", "cc", "dd"});
    Filter filter {1, 0, 0, 1};
    EXPECT_EQ(strings(col->filter(filter, 0)), (std::vector<std::string> {"aa", "dd"}));
    Permutation perm {3, 2, 1, 0};
    EXPECT_EQ(strings(col->permute(perm, 3)), (std::vector<std::string> {"dd", "cc", "bb"}));
    EXPECT_EQ(strings(col->cut(2, 2)), (std::vector<std::string> {"cc", "dd"}));
    EXPECT_THROW(col->cut(3, 2), Exception);
    Offsets offsets {0, 3, 3, 4};
    EXPECT_EQ(strings(col->replicate(offsets)), (std::vector<std::string> {"bb", "bb", "bb", "dd"}));
    auto other = ColumnFixedString::create(2);
    other->insertRangeFrom(*col, 1, 2);
    other->insertFrom(*col, 0);
    EXPECT_EQ(strings(other), (std::vector<std::string> {"bb", "cc", "aa"}));
    EXPECT_THROW(ColumnFixedString::create(3)->insertRangeFrom(*col, 0, 1), Exception);
}

TEST(ColumnFixedString, CompareSortHash)
{
    auto col = make({"b", "ab", "b", "a"});
    EXPECT_EQ(col->compareAt(0, 2, *col, 1), 0);
    EXPECT_GT(col->compareAt(0, 1, *col, 1), 0);
    EXPECT_LT(col->compareAt(3, 1, *col, 1), 0); /// "a\0" < "ab"
    Permutation perm;
    col->getPermutation(false, 0, 1, perm);
    EXPECT_EQ(perm, (Permutation {3, 1, 0, 2}));
    col->getPermutation(true, 0, 1, perm);
    EXPECT_EQ(perm, (Permutation {0, 2, 1, 3}));
    col->getPermutation(false, 1, 1, perm);
    EXPECT_EQ(perm[0], 3u);
    UInt64 a = 0;
    UInt64 b = 0;
    UInt64 c = 0;
    col->updateHashWithValue(0, a);
    col->updateHashWithValue(2, b);
    col->updateHashWithValue(1, c);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
}
