#include "engine/columns/ColumnVector.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

using namespace pipit;

namespace
{

template <typename Column>
std::vector<typename Column::ValueType> values(const ColumnPtr & column)
{
    const auto & data = assertColumnCast<Column>(*column).getData();
    return {data.begin(), data.end()};
}

std::vector<size_t> sorted(const IColumn & column, bool reverse, size_t limit, int hint)
{
    Permutation perm;
    column.getPermutation(reverse, limit, hint, perm);
    EXPECT_EQ(perm.size(), column.size());
    std::vector<size_t> res(perm.begin(), perm.end());
    if (limit && limit < res.size())
        res.resize(limit);
    return res;
}

} // namespace

TEST(ColumnVector, InsertAndFields)
{
    auto col = ColumnInt32::create();
    col->insert(Field(Int64(-5)));
    col->insert(Field(UInt64(7)));
    col->insert(Field(2.0));
    col->insertDefault();
    ASSERT_EQ(col->size(), 4u);
    EXPECT_EQ((*col)[0], Field(Int64(-5)));
    EXPECT_EQ((*col)[1].which(), Field::Which::Int64);
    EXPECT_EQ((*col)[2], Field(Int64(2)));
    EXPECT_EQ((*col)[3], Field(Int64(0)));
    EXPECT_STREQ(col->getFamilyName(), "Int32");
    EXPECT_TRUE(col->isFixedWidth());
    EXPECT_EQ(col->sizeOfValueIfFixed(), 4u);

    auto u = ColumnUInt8::create();
    u->insert(Field(UInt64(255)));
    EXPECT_EQ((*u)[0].which(), Field::Which::UInt64);
    auto f = ColumnFloat32::create();
    f->insert(Field(Int64(3)));
    EXPECT_EQ((*f)[0], Field(3.0));
    auto big = ColumnUInt128::create();
    big->insert(Field(UInt128(1) << 100));
    EXPECT_EQ((*big)[0], Field(UInt128(1) << 100));
    auto sbig = ColumnInt128::create();
    sbig->insert(Field(Int64(-1)));
    EXPECT_EQ((*sbig)[0], Field(Int128(-1)));
}

TEST(ColumnVector, InsertRejectsValuesThatDoNotFit)
{
    auto u8 = ColumnUInt8::create();
    auto expect_bad = [](IColumn & c, const Field & f)
    {
        try
        {
            c.insert(f);
            FAIL() << "inserted " << f.dump() << " into " << c.getFamilyName();
        }
        catch (const Exception & e)
        {
            EXPECT_EQ(e.code(), ErrorCode::BAD_TYPE_OF_FIELD);
        }
    };
    expect_bad(*u8, Field(UInt64(256)));
    expect_bad(*u8, Field(Int64(-1)));
    expect_bad(*u8, Field(2.5));
    expect_bad(*u8, Field("x"));
    expect_bad(*u8, Field(Null {}));
    auto i64 = ColumnInt64::create();
    expect_bad(*i64, Field(UInt64(1) << 63));
    expect_bad(*i64, Field(std::nan("")));
    expect_bad(*i64, Field(1e19));
    auto u64 = ColumnUInt64::create();
    u64->insert(Field(std::numeric_limits<UInt64>::max()));
    expect_bad(*u64, Field(18446744073709551616.0));
    auto f64 = ColumnFloat64::create();
    expect_bad(*f64, Field(FieldArray {}));
    EXPECT_EQ(u8->size(), 0u);
    EXPECT_EQ(i64->size(), 0u);
    EXPECT_EQ(u64->size(), 1u);
    i64->insert(Field(Int64(std::numeric_limits<Int64>::min())));
    EXPECT_EQ((*i64)[0], Field(std::numeric_limits<Int64>::min()));
}

TEST(ColumnVector, FilterPermuteCutReplicate)
{
    auto col = ColumnInt64::create({10, 20, 30, 40, 50});
    Filter filter {1, 0, 1, 0, 1};
    EXPECT_EQ(values<ColumnInt64>(col->filter(filter, 0)), (std::vector<Int64> {10, 30, 50}));
    Filter none(5, 0);
    EXPECT_EQ(col->filter(none, 0)->size(), 0u);

    Permutation perm {4, 3, 2, 1, 0};
    EXPECT_EQ(values<ColumnInt64>(col->permute(perm, 0)), (std::vector<Int64> {50, 40, 30, 20, 10}));
    EXPECT_EQ(values<ColumnInt64>(col->permute(perm, 2)), (std::vector<Int64> {50, 40}));
    EXPECT_THROW(col->permute(perm, 6), Exception);

    EXPECT_EQ(values<ColumnInt64>(col->cut(1, 3)), (std::vector<Int64> {20, 30, 40}));
    EXPECT_EQ(col->cut(5, 0)->size(), 0u);
    EXPECT_THROW(col->cut(4, 2), Exception);

    Offsets offsets {2, 2, 3, 6, 6};
    EXPECT_EQ(values<ColumnInt64>(col->replicate(offsets)), (std::vector<Int64> {10, 10, 30, 40, 40, 40}));
    Offsets bad {1};
    EXPECT_THROW(col->replicate(bad), Exception);
    EXPECT_EQ(col->size(), 5u);
}

TEST(ColumnVector, InsertRangePopBackClone)
{
    auto col = ColumnUInt16::create({1, 2, 3});
    auto other = ColumnUInt16::create();
    other->insertRangeFrom(*col, 1, 2);
    other->insertFrom(*col, 0);
    EXPECT_EQ(values<ColumnUInt16>(other), (std::vector<UInt16> {2, 3, 1}));
    other->popBack(2);
    EXPECT_EQ(values<ColumnUInt16>(other), (std::vector<UInt16> {2}));
    EXPECT_THROW(other->popBack(2), Exception);
    auto copy = col->cloneMutable();
    copy->insertDefault();
    EXPECT_EQ(col->size(), 3u);
    EXPECT_EQ(copy->size(), 4u);
    EXPECT_THROW(other->insertRangeFrom(*ColumnUInt32::create({1}), 0, 1), Exception);
    UInt16 raw = 77;
    other->insertData(reinterpret_cast<const char *>(&raw), sizeof(raw));
    EXPECT_EQ(other->getElement(1), 77);
    EXPECT_THROW(other->insertData("abc", 3), Exception);
    EXPECT_EQ(other->getDataAt(1), std::string_view(reinterpret_cast<const char *>(&raw), 2));
}

TEST(ColumnVector, CompareAt)
{
    auto col = ColumnFloat64::create({1.0, 2.0, std::nan(""), std::nan("")});
    EXPECT_LT(col->compareAt(0, 1, *col, 1), 0);
    EXPECT_GT(col->compareAt(1, 0, *col, 1), 0);
    EXPECT_EQ(col->compareAt(0, 0, *col, 1), 0);
    EXPECT_GT(col->compareAt(2, 1, *col, 1), 0);
    EXPECT_LT(col->compareAt(2, 1, *col, -1), 0);
    EXPECT_EQ(col->compareAt(2, 3, *col, 1), 0);
    auto u = ColumnUInt64::create({0, std::numeric_limits<UInt64>::max()});
    EXPECT_LT(u->compareAt(0, 1, *u, 1), 0);
}

TEST(ColumnVector, GetPermutationStableWithLimitAndReverse)
{
    auto col = ColumnInt32::create({3, 1, 2, 1, 3, 0});
    EXPECT_EQ(sorted(*col, false, 0, 1), (std::vector<size_t> {5, 1, 3, 2, 0, 4}));
    EXPECT_EQ(sorted(*col, true, 0, 1), (std::vector<size_t> {0, 4, 2, 1, 3, 5}));
    EXPECT_EQ(sorted(*col, false, 3, 1), (std::vector<size_t> {5, 1, 3}));
    EXPECT_EQ(sorted(*col, true, 2, 1), (std::vector<size_t> {0, 4}));
    EXPECT_EQ(sorted(*col, false, 100, 1), (std::vector<size_t> {5, 1, 3, 2, 0, 4}));
    auto empty = ColumnInt32::create();
    EXPECT_TRUE(sorted(*empty, false, 0, 1).empty());
}

TEST(ColumnVector, GetPermutationNaN)
{
    const double nan = std::nan("");
    auto col = ColumnFloat64::create({2.0, nan, -1.0, nan, 5.0});
    EXPECT_EQ(sorted(*col, false, 0, 1), (std::vector<size_t> {2, 0, 4, 1, 3}));
    EXPECT_EQ(sorted(*col, false, 0, -1), (std::vector<size_t> {1, 3, 2, 0, 4}));
    EXPECT_EQ(sorted(*col, true, 0, 1), (std::vector<size_t> {1, 3, 4, 0, 2}));
    EXPECT_EQ(sorted(*col, true, 0, -1), (std::vector<size_t> {4, 0, 2, 1, 3}));
    EXPECT_EQ(sorted(*col, false, 1, -1), (std::vector<size_t> {1}));
    EXPECT_EQ(sorted(*col, false, 3, -1), (std::vector<size_t> {1, 3, 2}));
    EXPECT_EQ(sorted(*col, false, 2, 1), (std::vector<size_t> {2, 0}));
    /// The specialised sort agrees with the generic compareAt-based one.
    Permutation perm;
    col->getPermutation(true, 0, -1, perm);
    for (size_t i = 1; i < perm.size(); ++i)
        EXPECT_GE(col->compareAt(perm[i - 1], perm[i], *col, -1), 0);
}

TEST(ColumnVector, HashEqualForEqualValues)
{
    auto col = ColumnFloat64::create({0.0, -0.0, 1.5, 1.5, 2.5});
    auto hash = [&](size_t n)
    {
        UInt64 h = 0;
        col->updateHashWithValue(n, h);
        return h;
    };
    EXPECT_EQ(hash(0), hash(1));
    EXPECT_EQ(hash(2), hash(3));
    EXPECT_NE(hash(2), hash(4));
    auto big = ColumnUInt128::create({UInt128(1), UInt128(1) << 64});
    UInt64 a = 0;
    UInt64 b = 0;
    big->updateHashWithValue(0, a);
    big->updateHashWithValue(1, b);
    EXPECT_NE(a, b);
}

namespace
{

/// Compares the specialised sort with the generic compareAt-based one on many ties.
template <typename T>
void checkSortMatchesReference(std::vector<T> values)
{
    auto col = ColumnVector<T>::create();
    for (T v : values)
        col->insertValue(v);
    for (bool reverse : {false, true})
    {
        for (int hint : {1, -1})
        {
            for (size_t limit : {size_t {0}, size_t {10}, values.size() / 2})
            {
                Permutation expected;
                column_detail::getPermutationByCompareAt(*col, reverse, limit, hint, expected);
                Permutation actual;
                col->getPermutation(reverse, limit, hint, actual);
                ASSERT_EQ(actual.size(), expected.size());
                const size_t check = limit ? limit : values.size();
                for (size_t i = 0; i < check; ++i)
                    ASSERT_EQ(actual[i], expected[i])
                        << col->getFamilyName() << " reverse=" << reverse << " hint=" << hint << " limit=" << limit << " at " << i;
            }
        }
    }
}

} // namespace

TEST(ColumnVector, SortMatchesReferenceOnLargeInputs)
{
    std::mt19937_64 rng(42);
    const size_t n = 3000;
    std::vector<Int64> i64;
    std::vector<UInt8> u8;
    std::vector<Int16> i16;
    std::vector<UInt32> u32;
    std::vector<Float64> f64;
    std::vector<Float32> f32;
    std::vector<Int128> i128;
    for (size_t i = 0; i < n; ++i)
    {
        const Int64 r = static_cast<Int64>(rng() % 200) - 100;
        i64.push_back(r * 1000000007LL);
        u8.push_back(static_cast<UInt8>(rng()));
        i16.push_back(static_cast<Int16>(r));
        u32.push_back(static_cast<UInt32>(rng() % 50) << 20);
        const double d = r % 7 == 0 ? std::nan("") : (r == 1 ? -0.0 : (r == 2 ? 0.0 : r / 3.0));
        f64.push_back(d);
        f32.push_back(static_cast<Float32>(d));
        i128.push_back(static_cast<Int128>(r) << 80);
    }
    checkSortMatchesReference(i64);
    checkSortMatchesReference(u8);
    checkSortMatchesReference(i16);
    checkSortMatchesReference(u32);
    checkSortMatchesReference(f64);
    checkSortMatchesReference(f32);
    checkSortMatchesReference(i128);
}
