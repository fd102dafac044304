#include "engine/types/DataTypeLowCardinality.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"
#include "engine/types/DataTypeFactory.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

using namespace pipit;

namespace
{

const DataTypeLowCardinality & lcType(const DataTypePtr & type)
{
    return dynamic_cast<const DataTypeLowCardinality &>(*type);
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

} // namespace

TEST(DataTypeLowCardinality, IndexesUseTheNarrowestWidth)
{
    for (UInt32 max_index : {0u, 255u, 256u, 65535u, 65536u, 4000000000u})
    {
        const UInt32 one = std::min(max_index, 1u);
        ColumnLowCardinality::Indexes indexes {0, max_index, one, max_index / 2};
        WriteBufferFromString out;
        DataTypeLowCardinality::serializeIndexes(indexes.data(), indexes.size(), out);
        const std::string bytes = out.release();
        const size_t width = max_index < 256 ? 1 : (max_index < 65536 ? 2 : 4);
        ASSERT_EQ(bytes.size(), 1 + indexes.size() * width) << max_index;
        EXPECT_EQ(static_cast<size_t>(bytes[0]), width);

        ReadBufferFromMemory in(bytes);
        ColumnLowCardinality::Indexes read {7};
        DataTypeLowCardinality::deserializeIndexes(in, indexes.size(), size_t(max_index) + 1, read);
        EXPECT_EQ(read, (ColumnLowCardinality::Indexes {7, 0, max_index, one, max_index / 2}));
        EXPECT_TRUE(in.eof());

        /// An index past the dictionary is damage, and nothing is appended.
        ReadBufferFromMemory again(bytes);
        ColumnLowCardinality::Indexes none;
        EXPECT_EQ(errorOf([&] { DataTypeLowCardinality::deserializeIndexes(again, indexes.size(), max_index, none); }),
                  ErrorCode::CORRUPTED_DATA);
        EXPECT_TRUE(none.empty());
    }
    WriteBufferFromString empty;
    DataTypeLowCardinality::serializeIndexes(nullptr, 0, empty);
    EXPECT_TRUE(empty.str().empty());

    ColumnLowCardinality::Indexes to;
    ReadBufferFromMemory bad_width(std::string_view("\x03\x00\x00\x00", 4));
    EXPECT_EQ(errorOf([&] { DataTypeLowCardinality::deserializeIndexes(bad_width, 1, 10, to); }), ErrorCode::CORRUPTED_DATA);
    ReadBufferFromMemory truncated(std::string_view("\x02\x01", 2));
    EXPECT_EQ(errorOf([&] { DataTypeLowCardinality::deserializeIndexes(truncated, 1, 10, to); }), ErrorCode::CANNOT_READ_ALL_DATA);
    EXPECT_TRUE(to.empty());
}

TEST(DataTypeLowCardinality, DictionaryRoundTrip)
{
    auto type = parseDataType("LowCardinality(String)");
    auto dictionary = ColumnString::create({"", "a", "longer value"});
    WriteBufferFromString out;
    lcType(type).serializeDictionary(*dictionary, out);
    const std::string bytes = out.release();
    ReadBufferFromMemory in(bytes);
    auto read = lcType(type).deserializeDictionary(in, 3);
    ASSERT_EQ(read->size(), 3u);
    EXPECT_EQ(read->getDataAt(0), "");
    EXPECT_EQ(read->getDataAt(2), "longer value");

    /// More values than the caller allows: damage.
    ReadBufferFromMemory too_many(bytes);
    EXPECT_EQ(errorOf([&] { lcType(type).deserializeDictionary(too_many, 2); }), ErrorCode::CORRUPTED_DATA);
    ReadBufferFromMemory truncated(std::string_view(bytes).substr(0, bytes.size() - 3));
    EXPECT_NE(errorOf([&] { lcType(type).deserializeDictionary(truncated, 3); }), ErrorCode::OK);

    /// A Nullable dictionary must start with NULL.
    auto nullable_type = parseDataType("LowCardinality(Nullable(String))");
    auto nullable = ColumnNullable::create(ColumnString::create());
    nullable->insert(Field(Null {}));
    nullable->insert(Field("x"));
    WriteBufferFromString nullable_out;
    lcType(nullable_type).serializeDictionary(*nullable, nullable_out);
    ReadBufferFromMemory nullable_in(nullable_out.str());
    auto nullable_read = lcType(nullable_type).deserializeDictionary(nullable_in, 2);
    ASSERT_EQ(nullable_read->size(), 2u);
    EXPECT_TRUE((*nullable_read)[0].isNull());
    EXPECT_EQ((*nullable_read)[1], Field("x"));

    auto no_null = ColumnNullable::create(ColumnString::create());
    no_null->insert(Field("x"));
    WriteBufferFromString no_null_out;
    lcType(nullable_type).serializeDictionary(*no_null, no_null_out);
    ReadBufferFromMemory no_null_in(no_null_out.str());
    EXPECT_EQ(errorOf([&] { lcType(nullable_type).deserializeDictionary(no_null_in, 2); }), ErrorCode::CORRUPTED_DATA);
    WriteBufferFromString empty_out;
    lcType(nullable_type).serializeDictionary(*ColumnNullable::create(ColumnString::create()), empty_out);
    ReadBufferFromMemory empty_in(empty_out.str());
    EXPECT_EQ(errorOf([&] { lcType(nullable_type).deserializeDictionary(empty_in, 2); }), ErrorCode::CORRUPTED_DATA);
}

TEST(DataTypeLowCardinality, EveryIndexIsCheckedAtAnyPosition)
{
    /// Long enough for the 16-byte steps and a tail; an index past the dictionary anywhere is found.
    for (UInt32 dictionary_size : {200u, 256u, 40000u, 65536u, 70000u})
    {
        const UInt32 max_index = dictionary_size - 1;
        ColumnLowCardinality::Indexes indexes(101);
        for (size_t i = 0; i < indexes.size(); ++i)
            indexes[i] = static_cast<UInt32>(i * 7919 % max_index);
        const ColumnLowCardinality::Indexes below_max = indexes;
        indexes[50] = max_index;
        WriteBufferFromString out;
        DataTypeLowCardinality::serializeIndexes(indexes.data(), indexes.size(), out);
        ReadBufferFromMemory in(out.str());
        ColumnLowCardinality::Indexes read;
        DataTypeLowCardinality::deserializeIndexes(in, indexes.size(), dictionary_size, read);
        EXPECT_EQ(read, indexes) << dictionary_size;

        for (size_t position : {0, 7, 15, 16, 31, 63, 64, 99, 100})
        {
            ColumnLowCardinality::Indexes bad = below_max;
            bad[position] = max_index; /// the only index past a dictionary of max_index values
            WriteBufferFromString bad_out;
            DataTypeLowCardinality::serializeIndexes(bad.data(), bad.size(), bad_out);
            ReadBufferFromMemory bad_in(bad_out.str());
            ColumnLowCardinality::Indexes to {1, 2};
            EXPECT_EQ(errorOf([&] { DataTypeLowCardinality::deserializeIndexes(bad_in, bad.size(), max_index, to); }),
                      ErrorCode::CORRUPTED_DATA)
                << dictionary_size << " " << position;
            EXPECT_EQ(to, (ColumnLowCardinality::Indexes {1, 2}));
        }
    }
    /// An empty dictionary has no valid index.
    ColumnLowCardinality::Indexes zero {0};
    WriteBufferFromString out;
    DataTypeLowCardinality::serializeIndexes(zero.data(), zero.size(), out);
    ReadBufferFromMemory in(out.str());
    ColumnLowCardinality::Indexes to;
    EXPECT_EQ(errorOf([&] { DataTypeLowCardinality::deserializeIndexes(in, 1, 0, to); }), ErrorCode::CORRUPTED_DATA);
}
