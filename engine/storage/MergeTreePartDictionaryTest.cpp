/// MergeTree parts of format 2: one dictionary per LowCardinality column and part, granules of indexes into it.

#include "engine/base/Exception.h"
#include "engine/columns/ColumnLowCardinality.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/FileSystem.h"
#include "engine/io/FileBuffers.h"
#include "engine/storage/MergeTreeDisk.h"
#include "engine/storage/MergeTreeMerger.h"
#include "engine/storage/MergeTreePartReader.h"
#include "engine/storage/MergeTreePartWriter.h"
#include "engine/storage/MergeTreeReaderCache.h"
#include "engine/storage/StorageMergeTree.h"
#include "engine/storage/StorageTestExpressions.h"

#include <gtest/gtest.h>

/// GCC 12 reports a false maybe-uninitialized inside std::variant copies of nested Fields.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>

using namespace pipit;
using namespace pipit::test;

namespace
{

struct LcColumn
{
    std::string name;
    std::string type;
    std::function<Field(size_t)> value;
};

std::vector<LcColumn> lcColumns()
{
    return {
        {"id", "UInt64", [](size_t i) { return Field(UInt64(i)); }},
        /// 300 values and the empty string, in granules that each use a different subset.
        {"page", "LowCardinality(String)",
         [](size_t i) { return i % 50 == 0 ? Field(std::string()) : Field("/page/" + std::to_string(i * 7 % 300)); }},
        {"one", "LowCardinality(String)", [](size_t) { return Field("same"); }},
        {"maybe", "LowCardinality(Nullable(String))",
         [](size_t i) { return i % 4 == 0 ? Field(Null {}) : Field(i % 9 == 0 ? std::string() : "m" + std::to_string(i % 11)); }},
        /// Never NULL: the part dictionary still starts with NULL.
        {"never_null", "LowCardinality(Nullable(String))", [](size_t i) { return Field("nn" + std::to_string(i % 3)); }},
        {"code", "LowCardinality(UInt32)", [](size_t i) { return Field(UInt64(i % 17 * 1000)); }},
    };
}

ErrorCode errorOf(const std::function<void()> & f)
{
    try
    {
        f();
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

/// Rows [offset, offset + length) of every column.
Block cutBlock(const Block & block, size_t offset, size_t length)
{
    Block result;
    for (const auto & column : block)
        result.insert({column.column->cut(offset, length), column.type, column.name});
    return result;
}

/// Rewrites the part's meta through `change` (applied to the text above the checksum line) with a valid checksum.
void rewriteMeta(const std::string & part_path, const std::function<std::string(std::string)> & change)
{
    std::string meta = readFile(part_path + "/meta");
    std::string body = change(meta.substr(0, meta.rfind("checksum\t")));
    char hex[17];
    std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(MergeTreeDisk::checksum(body)));
    MergeTreeDisk::writeFile(part_path + "/meta", body + "checksum\t" + hex + "\n", false);
}

class MergeTreePartDictionaryTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        char templ[] = "/tmp/pipit_part_dictionary_test_XXXXXX";
        ASSERT_NE(::mkdtemp(templ), nullptr);
        dir_ = templ;
    }
    void TearDown() override { removeRecursive(dir_); }

    MergeTreeDataPartPtr writePart(const std::string & name, const std::vector<LcColumn> & columns, size_t rows, size_t granularity,
                                   UInt64 format_version = MergeTreeDataPart::current_format_version)
    {
        MergeTreePartContents contents;
        columns_.clear();
        for (const auto & column : columns)
        {
            DataTypePtr type = parseDataType(column.type);
            auto data = type->createColumn();
            for (size_t i = 0; i < rows; ++i)
                data->insert(column.value(i));
            contents.block.insert({std::move(data), type, column.name});
            columns_.emplace_back(column.name, type);
        }
        const std::string path = dir_ + "/" + name;
        MergeTreePartWriter writer({}, {}, granularity, false);
        writer.setFormatVersion(format_version);
        writer.write(path, contents);
        return MergeTreeDataPart::load(path, *MergeTreePartInfo::tryParse(name));
    }

    static void expectValues(const std::vector<LcColumn> & columns, const Block & block, size_t first_row)
    {
        for (const auto & column : columns)
        {
            const auto & data = *block.getByName(column.name).column;
            for (size_t r = 0; r < block.rows(); ++r)
                ASSERT_TRUE(data[r] == column.value(first_row + r))
                    << column.name << " row " << first_row + r << ": " << data[r].dump() << " != " << column.value(first_row + r).dump();
        }
    }

    std::string dir_;
    MergeTreeColumns columns_;
};

} // namespace

TEST_F(MergeTreePartDictionaryTest, RoundTripAcrossManyGranulesSharesOneDictionary)
{
    const auto columns = lcColumns();
    constexpr size_t rows = 5003;
    auto part = writePart("all_1_1_0", columns, rows, 100);
    ASSERT_EQ(part->granules, 51u);
    EXPECT_EQ(part->format_version, 2u);
    EXPECT_TRUE(readFile(part->path + "/meta").starts_with("pipit part 2\n"));
    for (size_t c = 0; c < columns.size(); ++c)
    {
        const bool lc = c > 0;
        EXPECT_EQ(part->has_part_dictionary[c], lc) << columns[c].name;
        EXPECT_EQ(exists(part->path + "/" + columns[c].name + ".dict.bin"), lc) << columns[c].name;
    }
    /// Each distinct value once: 294 pages (i * 7 % 300 for i not a multiple of 50) + "", NULL + 11 + "", an unused
    /// NULL + 3, 17 codes.
    const size_t page = static_cast<size_t>(part->columnPosition("page"));
    EXPECT_EQ(part->lowCardinalityDictionary(page)->size(), 295u);
    EXPECT_EQ(part->lowCardinalityDictionary(static_cast<size_t>(part->columnPosition("one")))->size(), 1u);
    EXPECT_EQ(part->lowCardinalityDictionary(static_cast<size_t>(part->columnPosition("maybe")))->size(), 13u);
    EXPECT_EQ(part->lowCardinalityDictionary(static_cast<size_t>(part->columnPosition("never_null")))->size(), 4u);
    EXPECT_EQ(part->lowCardinalityDictionary(static_cast<size_t>(part->columnPosition("code")))->size(), 17u);

    MergeTreePartReader reader(part, columns_);
    Block all = reader.readGranules(0, part->granules);
    ASSERT_EQ(all.rows(), rows);
    expectValues(columns, all, 0);
    Block middle = reader.readGranules(17, 23);
    ASSERT_EQ(middle.rows(), 600u);
    expectValues(columns, middle, 1700);
    Block last = reader.readGranules(50, 51);
    ASSERT_EQ(last.rows(), 3u);
    expectValues(columns, last, 5000);

    /// Every read of the part is over the part's dictionary object, also through another reader and the cache.
    const IColumn * dictionary = part->lowCardinalityDictionary(page).get();
    MergeTreeReaderCache cache(64 << 20, 2);
    MergeTreePartReader cached_reader(part, columns_, &cache);
    Block cached_one = cached_reader.readGranules(3, 4);
    Block cached_run = cached_reader.readGranules(2, 6);
    expectValues(columns, cached_one, 300);
    expectValues(columns, cached_run, 200);
    for (const Block * block : {&all, &middle, &last, &cached_one, &cached_run})
        EXPECT_EQ(&assertColumnCast<ColumnLowCardinality>(*block->getByName("page").column).getDictionary(), dictionary);

    /// Concatenating blocks of the part copies indexes and keeps the dictionary.
    Block concatenated = MergeTreeMerger::concatenate({middle, last});
    EXPECT_EQ(&assertColumnCast<ColumnLowCardinality>(*concatenated.getByName("page").column).getDictionary(), dictionary);

    /// Adding a value to a column read from the part never changes the part's dictionary.
    auto changed = assumeMutable(last.getByName("page").column->cut(0, 1));
    changed->insert(Field("/brand/new"));
    EXPECT_EQ(part->lowCardinalityDictionary(page)->size(), 295u);
    EXPECT_EQ((*changed)[1], Field("/brand/new"));
}

TEST_F(MergeTreePartDictionaryTest, OldFormatPartsStayReadable)
{
    const auto columns = lcColumns();
    constexpr size_t rows = 1234;
    auto old_part = writePart("all_1_1_0", columns, rows, 64, 1);
    EXPECT_EQ(old_part->format_version, 1u);
    EXPECT_TRUE(readFile(old_part->path + "/meta").starts_with("pipit part 1\n"));
    for (size_t c = 0; c < columns.size(); ++c)
    {
        EXPECT_FALSE(old_part->has_part_dictionary[c]);
        EXPECT_FALSE(exists(old_part->path + "/" + columns[c].name + ".dict.bin"));
    }
    MergeTreePartReader old_reader(old_part, columns_);
    expectValues(columns, old_reader.readGranules(0, old_part->granules), 0);
    expectValues(columns, old_reader.readGranules(5, 9), 5 * 64);
    MergeTreeReaderCache cache(64 << 20, 2);
    MergeTreePartReader old_cached(old_part, columns_, &cache);
    expectValues(columns, old_cached.readGranules(7, 8), 7 * 64);

    /// A part of each format merged into one block: same values.
    auto new_part = writePart("all_2_2_0", columns, rows, 64);
    MergeTreePartReader new_reader(new_part, columns_);
    Block merged = MergeTreeMerger::concatenate({old_reader.readGranules(0, old_part->granules), new_reader.readGranules(0, new_part->granules)});
    expectValues(columns, cutBlock(merged, 0, rows), 0);
    expectValues(columns, cutBlock(merged, rows, rows), 0);

    /// A format this build does not know is refused.
    rewriteMeta(old_part->path, [](std::string meta) { return meta.replace(0, 12, "pipit part 3"); });
    EXPECT_EQ(errorOf([&] { MergeTreeDataPart::load(old_part->path, *MergeTreePartInfo::tryParse("all_1_1_0")); }),
              ErrorCode::CORRUPTED_DATA);
    rewriteMeta(old_part->path, [](std::string meta) { return meta.replace(0, 12, "pipit part 1"); });
    EXPECT_EQ(MergeTreeDataPart::load(old_part->path, *MergeTreePartInfo::tryParse("all_1_1_0"))->rows, rows);
}

TEST_F(MergeTreePartDictionaryTest, DictionaryOver65535ValuesUsesWideIndexes)
{
    const std::vector<LcColumn> columns = {
        {"id", "UInt64", [](size_t i) { return Field(UInt64(i)); }},
        {"big", "LowCardinality(String)", [](size_t i) { return Field("value-" + std::to_string(i % 70001)); }},
        {"small", "LowCardinality(String)", [](size_t i) { return Field("s" + std::to_string(i % 3)); }},
    };
    constexpr size_t rows = 90000;
    auto part = writePart("all_1_1_0", columns, rows, 8192);
    EXPECT_EQ(part->lowCardinalityDictionary(1)->size(), 70001u);
    MergeTreePartReader reader(part, columns_);
    expectValues(columns, reader.readGranules(0, part->granules), 0);
    expectValues(columns, reader.readGranules(8, 9), 8 * 8192);
    /// Granules whose indexes pass 65535 take 4 bytes per row, the others 1 or 2: the small column's .bin is
    /// much smaller than the big one's.
    EXPECT_LT(fileSize(part->path + "/small.bin") * 4, fileSize(part->path + "/big.bin"));
}

TEST_F(MergeTreePartDictionaryTest, HugeDictionaryStaysPerGranule)
{
    const size_t distinct = MergeTreePartWriter::max_part_dictionary_size + 1;
    const std::vector<LcColumn> columns = {
        {"huge", "LowCardinality(String)", [](size_t i) { return Field("h" + std::to_string(i)); }},
        {"small", "LowCardinality(String)", [](size_t i) { return Field("s" + std::to_string(i % 3)); }},
    };
    auto part = writePart("all_1_1_0", columns, distinct, 8192);
    EXPECT_EQ(part->format_version, 2u);
    EXPECT_FALSE(part->has_part_dictionary[0]);
    EXPECT_FALSE(exists(part->path + "/huge.dict.bin"));
    EXPECT_TRUE(part->has_part_dictionary[1]);
    MergeTreePartReader reader(part, columns_);
    expectValues(columns, reader.readGranules(3, 5), 3 * 8192);
    expectValues(columns, reader.readGranules(0, part->granules), 0);
}

TEST_F(MergeTreePartDictionaryTest, DamageIsReported)
{
    const auto columns = lcColumns();
    auto part = writePart("all_1_1_0", columns, 500, 100);
    const std::string file = part->path + "/page.dict.bin";
    std::string bytes = readFile(file);
    /// Same size, flipped payload byte: the compressed block's checksum fails.
    bytes[bytes.size() - 2] = static_cast<char>(bytes[bytes.size() - 2] ^ 0x55);
    {
        auto out = WriteBufferFromFD::create(file);
        out->write(bytes.data(), bytes.size());
        out->finalize();
    }
    MergeTreePartReader reader(part, columns_);
    const ErrorCode flipped = errorOf([&] { reader.readGranules(0, 1); });
    EXPECT_TRUE(flipped == ErrorCode::CHECKSUM_DOESNT_MATCH || flipped == ErrorCode::CORRUPTED_DATA) << static_cast<int>(flipped);
    /// Truncated: the size no longer matches meta.
    {
        auto out = WriteBufferFromFD::create(file);
        out->write(bytes.data(), bytes.size() / 2);
        out->finalize();
    }
    EXPECT_EQ(errorOf([&] { part->lowCardinalityDictionary(static_cast<size_t>(part->columnPosition("page"))); }),
              ErrorCode::CHECKSUM_DOESNT_MATCH);
    /// Other columns of the part still read.
    MergeTreePartReader other(part, {{"one", parseDataType("LowCardinality(String)")}});
    EXPECT_EQ(other.readGranules(0, 5).rows(), 500u);

    /// Reading a granule of a part whose dictionary file is gone fails the same way.
    auto second = writePart("all_2_2_0", columns, 10, 100);
    removeRecursive(second->path + "/maybe.dict.bin");
    MergeTreePartReader second_reader(second, columns_);
    EXPECT_NE(errorOf([&] { second_reader.readGranules(0, 1); }), ErrorCode::OK);
}

TEST_F(MergeTreePartDictionaryTest, MergeOfPartsWithDifferentDictionaries)
{
    MergeTreeDefinition def;
    def.columns.push_back({"id", parseDataType("UInt64"), "", "", ""});
    def.columns.push_back({"page", parseDataType("LowCardinality(String)"), "", "", ""});
    def.columns.push_back({"maybe", parseDataType("LowCardinality(Nullable(String))"), "", "", ""});
    def.sort_key = {std::make_shared<ColumnIdentityExpression>("id", parseDataType("UInt64"))};
    def.settings.index_granularity = 16;
    def.settings.background_merges = false;
    def.settings.fsync_parts = false;
    const std::string path = dir_ + "/table";

    /// Batch b holds pages b*10 .. b*10+14 (overlapping the next batch) and its own NULL pattern.
    auto page_of = [](size_t batch, size_t i) { return "/p/" + std::to_string(batch * 10 + i % 15); };
    auto maybe_of = [](size_t batch, size_t i) { return (i + batch) % 5 == 0 ? Field(Null {}) : Field("b" + std::to_string(batch)); };
    constexpr size_t batches = 4;
    constexpr size_t rows_per_batch = 300;
    std::map<std::string, size_t> expected_pages;
    std::map<std::string, size_t> expected_maybe;
    auto check = [&](IStorage & storage)
    {
        ReadRequest request;
        request.column_names = {"id", "page", "maybe"};
        request.max_block_size = 64;
        std::map<std::string, size_t> pages;
        std::map<std::string, size_t> maybe;
        size_t rows = 0;
        for (auto & source : storage.read(request, nullptr))
            for (Block b = source->read(); b.rows() > 0; b = source->read())
                for (size_t r = 0; r < b.rows(); ++r)
                {
                    const size_t id = (*b.getByName("id").column)[r].toUInt64();
                    const size_t batch = id / rows_per_batch;
                    const size_t i = id % rows_per_batch;
                    ASSERT_EQ((*b.getByName("page").column)[r], Field(page_of(batch, i))) << id;
                    ASSERT_EQ((*b.getByName("maybe").column)[r], maybe_of(batch, i)) << id;
                    ++pages[std::string(b.getByName("page").column->getDataAt(r))];
                    ++rows;
                }
        EXPECT_EQ(rows, batches * rows_per_batch);
        EXPECT_EQ(pages, expected_pages);
    };
    {
        StorageMergeTree storage(path, def);
        for (size_t batch = 0; batch < batches; ++batch)
        {
            Block block;
            auto id = def.columns[0].type->createColumn();
            auto page = def.columns[1].type->createColumn();
            auto maybe = def.columns[2].type->createColumn();
            for (size_t i = 0; i < rows_per_batch; ++i)
            {
                id->insert(Field(UInt64(batch * rows_per_batch + i)));
                page->insert(Field(page_of(batch, i)));
                maybe->insert(maybe_of(batch, i));
                ++expected_pages[page_of(batch, i)];
            }
            block.insert({std::move(id), def.columns[0].type, "id"});
            block.insert({std::move(page), def.columns[1].type, "page"});
            block.insert({std::move(maybe), def.columns[2].type, "maybe"});
            storage.insert(block, false);
            storage.flush();
        }
        ASSERT_EQ(storage.getPartsInfo().size(), batches);
        check(storage);
        storage.optimize(true);
        auto parts = storage.getPartsInfo();
        ASSERT_EQ(parts.size(), 1u);
        check(storage);
        storage.shutdown();
    }
    StorageMergeTree reopened(path, def);
    check(reopened);
    /// The merged part is of the current format with one dictionary of the pages of every batch.
    auto parts = reopened.getPartsInfo();
    ASSERT_EQ(parts.size(), 1u);
    const std::string part_path = path + "/parts/" + parts[0].name;
    EXPECT_TRUE(readFile(part_path + "/meta").starts_with("pipit part 2\n"));
    auto part = MergeTreeDataPart::load(part_path, *MergeTreePartInfo::tryParse(parts[0].name));
    EXPECT_EQ(part->lowCardinalityDictionary(1)->size(), expected_pages.size());
    EXPECT_EQ(part->lowCardinalityDictionary(2)->size(), batches + 1);
}

TEST_F(MergeTreePartDictionaryTest, OptimizeFinalRewritesOldFormatParts)
{
    MergeTreeDefinition def;
    def.columns.push_back({"id", parseDataType("UInt64"), "", "", ""});
    def.columns.push_back({"page", parseDataType("LowCardinality(String)"), "", "", ""});
    def.sort_key = {std::make_shared<ColumnIdentityExpression>("id", parseDataType("UInt64"))};
    def.settings.index_granularity = 8;
    def.settings.background_merges = false;
    def.settings.fsync_parts = false;
    const std::string path = dir_ + "/table";
    constexpr size_t rows = 100;
    auto page_of = [](size_t i) { return "/p" + std::to_string(i % 9); };
    std::string part_name;
    {
        StorageMergeTree storage(path, def);
        Block block;
        auto id = def.columns[0].type->createColumn();
        auto page = def.columns[1].type->createColumn();
        for (size_t i = 0; i < rows; ++i)
        {
            id->insert(Field(UInt64(i)));
            page->insert(Field(page_of(i)));
        }
        block.insert({ColumnPtr(id), def.columns[0].type, "id"});
        block.insert({std::move(page), def.columns[1].type, "page"});
        storage.insert(block, false);
        storage.flush();
        ASSERT_EQ(storage.getPartsInfo().size(), 1u);
        part_name = storage.getPartsInfo()[0].name;
        storage.shutdown();

        /// The same part written again in format 1, as an older build wrote it.
        const std::string part_path = path + "/parts/" + part_name;
        removeRecursive(part_path);
        MergeTreePartContents contents;
        contents.block = block;
        contents.key_columns = {ColumnPtr(id)};
        contents.key_types = {def.columns[0].type};
        MergeTreePartWriter writer({}, {}, 8, false);
        writer.setFormatVersion(1);
        writer.write(part_path, contents);
    }
    auto read_pages = [&](IStorage & storage)
    {
        ReadRequest request;
        request.column_names = {"id", "page"};
        size_t count = 0;
        for (auto & source : storage.read(request, nullptr))
            for (Block b = source->read(); b.rows() > 0; b = source->read())
                for (size_t r = 0; r < b.rows(); ++r, ++count)
                    EXPECT_EQ((*b.getByName("page").column)[r], Field(page_of((*b.getByName("id").column)[r].toUInt64())));
        EXPECT_EQ(count, rows);
    };
    StorageMergeTree storage(path, def);
    ASSERT_EQ(storage.getPartsInfo().size(), 1u);
    EXPECT_TRUE(readFile(path + "/parts/" + part_name + "/meta").starts_with("pipit part 1\n"));
    read_pages(storage);
    storage.optimize(true);
    auto parts = storage.getPartsInfo();
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_NE(parts[0].name, part_name);
    EXPECT_TRUE(readFile(path + "/parts/" + parts[0].name + "/meta").starts_with("pipit part 2\n"));
    read_pages(storage);
    /// A lone part already of the current format is left alone.
    storage.optimize(true);
    EXPECT_EQ(storage.getPartsInfo()[0].name, parts[0].name);
}
