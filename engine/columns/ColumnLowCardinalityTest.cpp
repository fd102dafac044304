#include "engine/columns/ColumnLowCardinality.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnConst.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

std::shared_ptr<ColumnLowCardinality> make(std::initializer_list<const char *> values)
{
    auto col = ColumnLowCardinality::create(ColumnString::create());
    for (const char * v : values)
        col->insert(Field(v));
    return col;
}

std::vector<std::string> strings(const ColumnPtr & column)
{
    std::vector<std::string> res;
    for (size_t i = 0; i < column->size(); ++i)
        res.emplace_back(column->getDataAt(i));
    return res;
}

} // namespace

TEST(ColumnLowCardinality, DedupsDictionary)
{
    auto col = make({"a", "b", "a", "a", "c", "b"});
    EXPECT_EQ(col->size(), 6u);
    EXPECT_EQ(col->getDictionary().size(), 3u);
    EXPECT_EQ(col->getIndexes(), (ColumnLowCardinality::Indexes {0, 1, 0, 0, 2, 1}));
    EXPECT_EQ((*col)[4], Field("c"));
    EXPECT_EQ(col->getDataAt(5), "b");
    col->insertData("b", 1);
    col->insertDefault();
    col->insertDefault();
    EXPECT_EQ(col->getDictionary().size(), 4u);
    EXPECT_EQ(col->getIndexes().back(), 3u);
    EXPECT_EQ(col->insertDictionaryValue(std::string_view("c")), 2u);
    EXPECT_EQ(col->insertDictionaryValue(Field("d")), 4u);
    EXPECT_EQ(col->size(), 9u);
    EXPECT_THROW(col->insert(Field(UInt64(1))), Exception);
    EXPECT_EQ(col->getDictionary().size(), 5u);
    col->popBack(3);
    EXPECT_EQ(col->size(), 6u);
}

TEST(ColumnLowCardinality, FilterPermuteShareDictionary)
{
    auto col = make({"x", "y", "z", "x"});
    Filter filter {1, 0, 1, 1};
    auto filtered = col->filter(filter, 0);
    const auto & lc = assertColumnCast<ColumnLowCardinality>(*filtered);
    EXPECT_EQ(lc.getDictionaryPtr(), col->getDictionaryPtr());
    EXPECT_EQ(strings(filtered), (std::vector<std::string> {"x", "z", "x"}));
    Permutation perm {3, 2, 1, 0};
    EXPECT_EQ(strings(col->permute(perm, 2)), (std::vector<std::string> {"x", "z"}));
    EXPECT_EQ(strings(col->cut(1, 2)), (std::vector<std::string> {"y", "z"}));
    Offsets offsets {0, 2, 2, 3};
    EXPECT_EQ(strings(col->replicate(offsets)), (std::vector<std::string> {"y", "y", "x"}));

    /// Copy on write: adding to a result never changes the source's dictionary.
    auto mutable_result = assumeMutable(col->filter(filter, 0));
    mutable_result->insert(Field("new"));
    EXPECT_EQ(col->getDictionary().size(), 3u);
    EXPECT_EQ(strings(mutable_result), (std::vector<std::string> {"x", "z", "x", "new"}));
    EXPECT_EQ(strings(col), (std::vector<std::string> {"x", "y", "z", "x"}));
}

TEST(ColumnLowCardinality, InsertFromOtherColumns)
{
    auto a = make({"p", "q"});
    auto b = make({"q", "r", "q"});
    a->insertRangeFrom(*b, 0, 3);
    a->insertFrom(*b, 1);
    EXPECT_EQ(strings(a), (std::vector<std::string> {"p", "q", "q", "r", "q", "r"}));
    EXPECT_EQ(a->getDictionary().size(), 3u);
    auto plain = ColumnString::create({"p", "s"});
    a->insertRangeFrom(*plain, 0, 2);
    a->insertFrom(*plain, 1);
    EXPECT_EQ(a->getDictionary().size(), 4u);
    EXPECT_EQ(a->size(), 9u);
    EXPECT_EQ(a->getDataAt(8), "s");
}

TEST(ColumnLowCardinality, CompareSortHashConvert)
{
    auto col = make({"b", "a", "c", "a", "b"});
    EXPECT_EQ(col->compareAt(1, 3, *col, 1), 0);
    EXPECT_LT(col->compareAt(1, 0, *col, 1), 0);
    Permutation perm;
    col->getPermutation(false, 0, 1, perm);
    EXPECT_EQ(perm, (Permutation {1, 3, 0, 4, 2}));
    col->getPermutation(true, 2, 1, perm);
    EXPECT_EQ(perm[0], 2u);
    EXPECT_EQ(perm[1], 0u);
    UInt64 h1 = 0;
    UInt64 h2 = 0;
    col->updateHashWithValue(0, h1);
    ColumnString::create({"b"})->updateHashWithValue(0, h2);
    EXPECT_EQ(h1, h2);

    ColumnPtr full = convertToFullColumnIfLowCardinality(col);
    ASSERT_NE(dynamic_cast<const ColumnString *>(full.get()), nullptr);
    EXPECT_EQ(strings(full), (std::vector<std::string> {"b", "a", "c", "a", "b"}));
    ColumnPtr plain = ColumnString::create({"x"});
    EXPECT_EQ(convertToFullColumnIfLowCardinality(plain), plain);
}

TEST(ColumnLowCardinality, NullableDictionary)
{
    auto col = ColumnLowCardinality::create(ColumnNullable::create(ColumnString::create()));
    EXPECT_EQ(col->getDictionary().size(), 1u);
    EXPECT_TRUE(col->getDictionary()[0].isNull());
    col->insert(Field("a"));
    col->insert(Field(Null {}));
    col->insertDefault();
    col->insert(Field("a"));
    EXPECT_EQ(col->getIndexes(), (ColumnLowCardinality::Indexes {1, 0, 0, 1}));
    EXPECT_TRUE((*col)[1].isNull());
    Permutation perm;
    col->getPermutation(false, 0, 1, perm);
    EXPECT_EQ(perm, (Permutation {0, 3, 1, 2}));
    col->getPermutation(false, 0, -1, perm);
    EXPECT_EQ(perm, (Permutation {1, 2, 0, 3}));
    auto full = col->convertToFull();
    EXPECT_TRUE(full->isNullable());
    EXPECT_TRUE((*full)[2].isNull());
}

TEST(ColumnLowCardinality, DeserialisedIndexesAreValidated)
{
    auto dictionary = ColumnString::create({"a", "b"});
    EXPECT_THROW(ColumnLowCardinality::create(dictionary, ColumnLowCardinality::Indexes {0, 2}), Exception);
    auto col = ColumnLowCardinality::create(ColumnString::create({"a", "b"}), ColumnLowCardinality::Indexes {1, 0, 1});
    EXPECT_EQ(strings(col), (std::vector<std::string> {"b", "a", "b"}));
    col->insert(Field("a"));
    EXPECT_EQ(col->getIndexes().back(), 0u);
}

TEST(ColumnLowCardinality, ConstOfLowCardinality)
{
    auto one = make({"v"});
    auto constant = ColumnConst::create(one, 3);
    ColumnPtr full = convertToFullColumnIfConst(constant);
    EXPECT_EQ(strings(full), (std::vector<std::string> {"v", "v", "v"}));
}
