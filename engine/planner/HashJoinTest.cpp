#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/planner/HashJoin.h"
#include "engine/types/IDataType.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

struct Pairs
{
    std::vector<std::pair<size_t, size_t>> pairs;
    size_t calls = 0;
};

Pairs probeAll(const HashJoin & join, const Columns & left_keys, size_t rows, size_t max_rows)
{
    Pairs out;
    auto keys = join.prepareKeys(left_keys, rows);
    HashJoin::ProbeState state;
    bool done = false;
    while (!done)
    {
        Permutation left, right;
        done = join.probe(keys, {}, rows, state, max_rows, left, right);
        EXPECT_LE(left.size(), max_rows);
        for (size_t i = 0; i < left.size(); ++i)
            out.pairs.emplace_back(left[i], right[i]);
        ++out.calls;
        if (out.calls > 1000)
            break;
    }
    return out;
}

Block rightBlock(ColumnPtr column, const std::string & type)
{
    Block block;
    block.insert({std::move(column), parseDataType(type), "r"});
    return block;
}

} // namespace

TEST(HashJoin, InnerAllFixedKeyReturnsEveryMatchInRightOrder)
{
    ColumnPtr right = ColumnUInt64::create({5, 7, 5, 9});
    HashJoin join(HashJoin::Kind::Inner, HashJoin::Strictness::All, false, rightBlock(right, "UInt64"), {right}, {}, Block(), {});
    ColumnPtr left = ColumnUInt64::create({5, 1, 9});
    auto result = probeAll(join, {left}, 3, 100);
    std::vector<std::pair<size_t, size_t>> expected {{0, 0}, {0, 2}, {2, 3}};
    EXPECT_EQ(result.pairs, expected);
}

TEST(HashJoin, ProbeResumesWithinOneRowsMatches)
{
    auto right = ColumnUInt64::create(1000);
    ColumnPtr right_ptr = right;
    HashJoin join(HashJoin::Kind::Inner, HashJoin::Strictness::All, false, rightBlock(right_ptr, "UInt64"), {right_ptr}, {}, Block(), {});
    ColumnPtr left = ColumnUInt64::create({0, 1, 0});
    auto result = probeAll(join, {left}, 3, 7);
    EXPECT_EQ(result.pairs.size(), 2000u);
    EXPECT_EQ(result.pairs.front(), std::make_pair(size_t(0), size_t(0)));
    EXPECT_EQ(result.pairs.back(), std::make_pair(size_t(2), size_t(999)));
}

TEST(HashJoin, LeftAnyStringKeyUsesDefaultRowForMisses)
{
    ColumnPtr right = ColumnString::create({"a", "b", "a", ""});
    HashJoin join(HashJoin::Kind::Left, HashJoin::Strictness::Any, false, rightBlock(right, "String"), {right}, {}, Block(), {});
    ColumnPtr left = ColumnString::create({"a", "zz", "", "b"});
    auto result = probeAll(join, {left}, 4, 100);
    std::vector<std::pair<size_t, size_t>> expected {{0, 0}, {1, 4}, {2, 3}, {3, 1}};
    EXPECT_EQ(result.pairs, expected);
    EXPECT_EQ(join.rightRows(), 4u);
}

TEST(HashJoin, GenericKeysAndRightMask)
{
    ColumnPtr a = ColumnUInt64::create({1, 1, 2});
    ColumnPtr b = ColumnString::create({"x", "y", "x"});
    Filter mask {1, 1, 0};
    HashJoin join(HashJoin::Kind::Inner, HashJoin::Strictness::All, false, rightBlock(a, "UInt64"), {a, b}, mask, Block(), {});
    ColumnPtr la = ColumnUInt64::create({1, 2, 1});
    ColumnPtr lb = ColumnString::create({"y", "x", "x"});
    auto result = probeAll(join, {la, lb}, 3, 100);
    std::vector<std::pair<size_t, size_t>> expected {{0, 1}, {2, 0}};
    EXPECT_EQ(result.pairs, expected);
}

TEST(HashJoin, FullJoinReportsUnmatchedRightRows)
{
    ColumnPtr right = ColumnUInt64::create({1, 2, 3});
    Block left_header;
    left_header.insert({nullptr, parseDataType("UInt64"), "l"});
    HashJoin join(HashJoin::Kind::Full, HashJoin::Strictness::All, false, rightBlock(right, "UInt64"), {right}, {}, left_header, {});
    ColumnPtr left = ColumnUInt64::create({2, 4});
    auto result = probeAll(join, {left}, 2, 100);
    std::vector<std::pair<size_t, size_t>> expected {{0, 1}, {1, 3}};
    EXPECT_EQ(result.pairs, expected);
    HashJoin::ProbeState state;
    Block rest = join.nonJoinedBlock(state, 100, {"l", "r"});
    ASSERT_EQ(rest.rows(), 2u);
    EXPECT_EQ((*rest.getByName("r").column)[0].get<UInt64>(), 1u);
    EXPECT_EQ((*rest.getByName("r").column)[1].get<UInt64>(), 3u);
    EXPECT_EQ((*rest.getByName("l").column)[0].get<UInt64>(), 0u);
    EXPECT_EQ(join.nonJoinedBlock(state, 100, {"l", "r"}).rows(), 0u);
}

TEST(HashJoin, CrossJoinWithoutKeys)
{
    ColumnPtr right = ColumnUInt64::create({1, 2});
    HashJoin join(HashJoin::Kind::Cross, HashJoin::Strictness::All, false, rightBlock(right, "UInt64"), {}, {}, Block(), {});
    auto result = probeAll(join, {}, 3, 4);
    EXPECT_EQ(result.pairs.size(), 6u);
}
