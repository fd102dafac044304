#include "engine/columns/ColumnMap.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

Field map(std::initializer_list<std::pair<const char *, Int64>> entries)
{
    FieldMap res;
    for (const auto & [k, v] : entries)
        res.entries.emplace_back(FieldTuple {{Field(k), Field(v)}});
    return Field(std::move(res));
}

std::shared_ptr<ColumnMap> make(std::initializer_list<Field> rows)
{
    auto col = ColumnMap::create(ColumnString::create(), ColumnInt64::create(), ColumnUInt64::create());
    for (const auto & row : rows)
        col->insert(row);
    return col;
}

} // namespace

TEST(ColumnMap, InsertAndAccess)
{
    auto col = make({map({{"a", 1}, {"b", 2}}), map({}), map({{"c", 3}})});
    EXPECT_EQ(col->size(), 3u);
    EXPECT_EQ((*col)[0], map({{"a", 1}, {"b", 2}}));
    EXPECT_EQ((*col)[1], map({}));
    EXPECT_EQ(col->getKeys().getDataAt(2), "c");
    EXPECT_EQ(col->getValues()[1], Field(Int64(2)));
    EXPECT_EQ(col->getOffsets(), (Offsets {2, 2, 3}));
    EXPECT_THROW(col->insert(Field(FieldArray {})), Exception);
    FieldMap bad {{Field(FieldTuple {{Field("k")}})}};
    EXPECT_THROW(col->insert(Field(bad)), Exception);
    EXPECT_EQ(col->size(), 3u);
    EXPECT_EQ(col->getKeys().size(), 3u);
    col->insertDefault();
    EXPECT_EQ((*col)[3], map({}));
    col->popBack(2);
    EXPECT_EQ(col->getKeys().size(), 2u);
}

TEST(ColumnMap, Ops)
{
    auto col = make({map({{"a", 1}}), map({{"b", 2}, {"c", 3}}), map({{"a", 1}})});
    Filter filter {0, 1, 1};
    auto filtered = col->filter(filter, 0);
    EXPECT_EQ((*filtered)[0], map({{"b", 2}, {"c", 3}}));
    Permutation perm {1, 2, 0};
    EXPECT_EQ((*col->permute(perm, 1))[0], map({{"b", 2}, {"c", 3}}));
    EXPECT_EQ((*col->cut(2, 1))[0], map({{"a", 1}}));
    Offsets offsets {1, 1, 3};
    EXPECT_EQ(col->replicate(offsets)->size(), 3u);
    EXPECT_EQ(col->compareAt(0, 2, *col, 1), 0);
    EXPECT_LT(col->compareAt(0, 1, *col, 1), 0);
    Permutation sorted;
    col->getPermutation(true, 0, 1, sorted);
    EXPECT_EQ(sorted, (Permutation {1, 0, 2}));
    UInt64 a = 0;
    UInt64 b = 0;
    col->updateHashWithValue(0, a);
    col->updateHashWithValue(2, b);
    EXPECT_EQ(a, b);
    auto copy = col->cloneEmpty();
    copy->insertRangeFrom(*col, 1, 2);
    copy->insertFrom(*col, 0);
    EXPECT_EQ((*copy)[2], map({{"a", 1}}));
}
