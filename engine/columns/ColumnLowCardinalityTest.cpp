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

TEST(ColumnLowCardinality, SharedDictionaryIsNeverChanged)
{
    std::shared_ptr<IColumn> dictionary = ColumnString::create({"a", "b", "c"});
    auto first = ColumnLowCardinality::createWithSharedDictionary(dictionary, ColumnLowCardinality::Indexes {2, 0});
    auto second = ColumnLowCardinality::createWithSharedDictionary(dictionary);
    second->getIndexes().push_back(1);
    EXPECT_EQ(first->getDictionaryPtr(), second->getDictionaryPtr());

    /// Columns over the same dictionary object concatenate by index copy: the dictionary stays the same object.
    auto concatenated = assumeMutable(first->cloneEmpty());
    concatenated->insertRangeFrom(*first, 0, 2);
    concatenated->insertRangeFrom(*second, 0, 1);
    concatenated->insertFrom(*first, 1);
    const auto & lc = assertColumnCast<ColumnLowCardinality>(*concatenated);
    EXPECT_EQ(lc.getDictionaryPtr().get(), dictionary.get());
    EXPECT_EQ(lc.getIndexes(), (ColumnLowCardinality::Indexes {2, 0, 1, 0}));
    EXPECT_EQ(strings(concatenated), (std::vector<std::string> {"c", "a", "b", "a"}));

    /// Even as the only holder, a column copies the shared dictionary before adding a value (and its filter
    /// results keep sharing it).
    dictionary.reset();
    auto filtered = assumeMutable(first->filter(Filter {1, 1}, 2));
    const IColumn * before = &first->getDictionary();
    filtered->insert(Field("new"));
    filtered->insertDefault();
    EXPECT_EQ(&first->getDictionary(), before);
    EXPECT_EQ(first->getDictionary().size(), 3u);
    EXPECT_EQ(strings(filtered), (std::vector<std::string> {"c", "a", "new", ""}));
    first->insert(Field("z"));
    EXPECT_NE(&first->getDictionary(), before);
    EXPECT_EQ(strings(first), (std::vector<std::string> {"c", "a", "z"}));
    EXPECT_EQ(strings(second), (std::vector<std::string> {"b"}));
}

TEST(ColumnLowCardinality, CompactedKeepsOnlyUsedValues)
{
    auto col = make({"a", "b", "c", "d"});
    auto filtered = col->filter(Filter {0, 0, 1, 1}, 2);
    auto compact = assertColumnCast<ColumnLowCardinality>(*filtered).compacted();
    EXPECT_EQ(compact->getDictionary().size(), 2u);
    EXPECT_EQ(compact->getIndexes(), (ColumnLowCardinality::Indexes {0, 1}));
    EXPECT_EQ(strings(compact), (std::vector<std::string> {"c", "d"}));

    /// In order of first use.
    auto permuted = col->permute(Permutation {3, 1, 3, 2}, 0);
    compact = assertColumnCast<ColumnLowCardinality>(*permuted).compacted();
    EXPECT_EQ(strings(compact), (std::vector<std::string> {"d", "b", "d", "c"}));
    EXPECT_EQ(compact->getDictionary().getDataAt(0), "d");
    EXPECT_EQ(compact->getIndexes(), (ColumnLowCardinality::Indexes {0, 1, 0, 2}));

    /// Already compact: the same dictionary object.
    compact = col->compacted();
    EXPECT_EQ(compact->getDictionaryPtr(), col->getDictionaryPtr());

    /// Empty.
    compact = assertColumnCast<ColumnLowCardinality>(*col->cut(0, 0)).compacted();
    EXPECT_EQ(compact->size(), 0u);
    EXPECT_EQ(compact->getDictionary().size(), 0u);

    /// Nullable: NULL stays row 0 even when unused.
    auto nullable = ColumnLowCardinality::create(ColumnNullable::create(ColumnString::create()));
    nullable->insert(Field("x"));
    nullable->insert(Field("y"));
    nullable->insert(Field(Null {}));
    auto only_y = assertColumnCast<ColumnLowCardinality>(*nullable->cut(1, 1)).compacted();
    ASSERT_EQ(only_y->getDictionary().size(), 2u);
    EXPECT_TRUE(only_y->getDictionary()[0].isNull());
    EXPECT_EQ((*only_y)[0], Field("y"));
    auto with_null = assertColumnCast<ColumnLowCardinality>(*nullable->cut(1, 2)).compacted();
    EXPECT_EQ(with_null->getIndexes(), (ColumnLowCardinality::Indexes {1, 0}));
}
