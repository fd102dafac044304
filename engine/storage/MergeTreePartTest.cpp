#include "engine/storage/MergeTreeManifest.h"
#include "engine/storage/MergeTreePartInfo.h"
#include "engine/storage/StorageMergeTree.h"

#include "engine/columns/ColumnVector.h"
#include "engine/io/FileSystem.h"
#include "engine/storage/MergeTreeMerger.h"
#include "engine/storage/StorageTestExpressions.h"

#include <gtest/gtest.h>

/// GCC 12 reports a false maybe-uninitialized inside std::variant copies of nested Fields.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <cstdlib>
#include <functional>

using namespace pipit;
using namespace pipit::test;

namespace
{

struct TypedColumn
{
    std::string name;
    std::string type;
    std::string codec;
    std::function<Field(size_t)> value;
};

std::vector<TypedColumn> manyColumns()
{
    return {
        {"id", "UInt64", "",
         [](size_t i)
         {
             return Field(UInt64(i));
         }},
        {"i32", "Int32", "Delta(4), ZSTD(1)",
         [](size_t i)
         {
             return Field(Int64(i % 7) - 3);
         }},
        {"f64", "Float64", "ZSTD(3)",
         [](size_t i)
         {
             return Field(double(i) / 4);
         }},
        {"s", "String", "",
         [](size_t i)
         {
             return Field(std::string(i % 13, char('a' + i % 26)));
         }},
        {"ns", "Nullable(String)", "",
         [](size_t i)
         {
             return i % 3 == 0 ? Field(Null {}) : Field("n" + std::to_string(i));
         }},
        {"lc", "LowCardinality(String)", "",
         [](size_t i)
         {
             return Field("city" + std::to_string(i % 5));
         }},
        {"arr", "Array(UInt32)", "",
         [](size_t i)
         {
             FieldArray a;
             for (size_t k = 0; k < i % 4; ++k)
                 a.values.push_back(Field(UInt64(i + k)));
             return Field(a);
         }},
        {"d", "Date", "",
         [](size_t i)
         {
             return Field(UInt64(19000 + i % 100));
         }},
        {"dt", "DateTime", "DoubleDelta, LZ4",
         [](size_t i)
         {
             return Field(UInt64(1700000000 + i));
         }},
        {"fs", "FixedString(3)", "",
         [](size_t i)
         {
             return Field(std::string {char('a' + i % 3), 'x', char('0' + i % 10)});
         }},
        {"b", "Bool", "",
         [](size_t i)
         {
             return Field(UInt64(i % 2));
         }},
        {"tup", "Tuple(UInt8, String)", "",
         [](size_t i)
         {
             return Field(FieldTuple {{Field(UInt64(i % 200)), Field("t" + std::to_string(i % 3))}});
         }},
        {"m", "Map(String, UInt64)", "",
         [](size_t i)
         {
             FieldMap m;
             for (size_t k = 0; k < i % 3; ++k)
                 m.entries.push_back(Field(FieldTuple {{Field("k" + std::to_string(k)), Field(UInt64(i))}}));
             return Field(m);
         }},
        {"lcn", "LowCardinality(Nullable(String))", "",
         [](size_t i)
         {
             return i % 4 == 0 ? Field(Null {}) : Field("x" + std::to_string(i % 3));
         }},
        {"dec", "Decimal(18, 2)", "",
         [](size_t i)
         {
             return Field(Int64(i) * 7 - 300); /* the column holds the scaled integer */
         }},
    };
}

class MergeTreePartTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        char templ[] = "/tmp/pipit_part_test_XXXXXX";
        ASSERT_NE(::mkdtemp(templ), nullptr);
        dir_ = std::string(templ) + "/table";
    }
    void TearDown() override { removeRecursive(parentDirectory(dir_)); }
    std::string dir_;
};

TEST_F(MergeTreePartTest, RoundTripOfManyTypes)
{
    auto columns = manyColumns();
    MergeTreeDefinition def;
    for (const auto & column : columns)
        def.columns.push_back({column.name, parseDataType(column.type), "", "", column.codec});
    def.sort_key = {std::make_shared<ColumnIdentityExpression>("id", parseDataType("UInt64"))};
    def.settings.index_granularity = 7;
    def.settings.background_merges = false;
    def.settings.fsync_parts = false;

    constexpr size_t rows = 1000;
    Block block;
    for (size_t c = 0; c < columns.size(); ++c)
    {
        auto column = def.columns[c].type->createColumn();
        for (size_t i = 0; i < rows; ++i)
            column->insert(columns[c].value(rows - 1 - i)); /// reverse order: the flush sorts
        block.insert({std::move(column), def.columns[c].type, columns[c].name});
    }

    auto check = [&](IStorage & storage)
    {
        ReadRequest request;
        for (const auto & column : columns)
            request.column_names.push_back(column.name);
        request.max_block_size = 100;
        auto sources = storage.read(request, nullptr);
        Blocks blocks;
        for (auto & source : sources)
            for (Block b = source->read(); b.rows() > 0; b = source->read())
                blocks.push_back(b);
        Block result = MergeTreeMerger::concatenate(blocks);
        ASSERT_EQ(result.rows(), rows);
        /// Buffered rows come in insertion order, parts in key order: match rows by id.
        const auto & ids = *result.getByName("id").column;
        std::vector<bool> seen(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            size_t id = ids[i].toUInt64();
            ASSERT_LT(id, rows);
            ASSERT_FALSE(seen[id]);
            seen[id] = true;
        }
        for (size_t c = 0; c < columns.size(); ++c)
        {
            const auto & column = *result.getByName(columns[c].name).column;
            EXPECT_EQ(result.getByName(columns[c].name).type->getName(), def.columns[c].type->getName());
            for (size_t i = 0; i < rows; ++i)
            {
                Field expected = columns[c].value(ids[i].toUInt64());
                ASSERT_TRUE(column[i] == expected)
                    << columns[c].name << " row " << i << ": " << column[i].dump() << " != " << expected.dump();
            }
        }
    };

    {
        StorageMergeTree storage(dir_, def);
        storage.insert(block, false);
        check(storage);
        storage.flush();
        check(storage);
        auto parts = storage.getPartsInfo();
        ASSERT_EQ(parts.size(), 1u);
        EXPECT_EQ(parts[0].marks, (rows + 6) / 7);
        EXPECT_GT(parts[0].bytes_on_disk, 0u);
        storage.shutdown();
    }
    StorageMergeTree storage(dir_, def);
    check(storage);
}

TEST(MergeTreePartInfoTest, NamesRoundTrip)
{
    MergeTreePartInfo info {"202401", 3, 17, 2, 0};
    EXPECT_EQ(info.getName(), "202401_3_17_2");
    auto parsed = MergeTreePartInfo::tryParse("202401_3_17_2");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->partition_id, "202401");
    EXPECT_EQ(parsed->min_block, 3u);
    EXPECT_EQ(parsed->max_block, 17u);
    EXPECT_EQ(parsed->level, 2u);
    EXPECT_EQ(parsed->mutation, 0u);
    parsed = MergeTreePartInfo::tryParse("all_1_1_0_9");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->mutation, 9u);
    EXPECT_EQ(parsed->getName(), "all_1_1_0_9");
    EXPECT_FALSE(MergeTreePartInfo::tryParse("tmp_all_1_1_0"));
    EXPECT_FALSE(MergeTreePartInfo::tryParse("all_2_1_0"));
    EXPECT_FALSE(MergeTreePartInfo::tryParse("all_1_x_0"));
    EXPECT_FALSE(MergeTreePartInfo::tryParse("all_1_1"));
    EXPECT_FALSE(MergeTreePartInfo::tryParse(""));
}

TEST(MergeTreeManifestTest, SerializeParseAndDetectDamage)
{
    MergeTreeManifest manifest;
    manifest.flushed_wal_segment = 12;
    manifest.next_block_number = 40;
    manifest.parts = {"all_1_5_1", "all_6_6_0"};
    std::string text = manifest.serialize();
    MergeTreeManifest parsed = MergeTreeManifest::parse(text, "test");
    EXPECT_EQ(parsed.flushed_wal_segment, 12u);
    EXPECT_EQ(parsed.next_block_number, 40u);
    EXPECT_EQ(parsed.parts, manifest.parts);

    std::string damaged = text;
    damaged[text.find("all_6")] = 'x';
    try
    {
        MergeTreeManifest::parse(damaged, "test");
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::CHECKSUM_DOESNT_MATCH);
    }
    try
    {
        MergeTreeManifest::parse(text.substr(0, text.size() / 2), "test");
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::CORRUPTED_DATA);
    }
}

} // namespace
