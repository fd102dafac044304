#include "engine/base/Exception.h"
#include "engine/columns/ColumnLowCardinality.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"
#include "engine/types/DataTypeFactory.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

MutableColumnPtr columnOf(const DataTypePtr & type, const std::vector<std::string> & texts)
{
    auto column = type->createColumn();
    for (const auto & text : texts)
        type->deserializeFromString(*column, text);
    return column;
}

std::vector<std::string> textsOf(const DataTypePtr & type, const IColumn & column)
{
    std::vector<std::string> out;
    for (size_t i = 0; i < column.size(); ++i)
        out.push_back(type->serializeToString(column, i));
    return out;
}

std::string bulk(const DataTypePtr & type, const IColumn & column, size_t offset, size_t limit)
{
    WriteBufferFromString out;
    type->serializeBinaryBulk(column, out, offset, limit);
    return out.release();
}

ErrorCode readError(const DataTypePtr & type, std::string_view bytes, size_t rows, IColumn & column)
{
    ReadBufferFromMemory in(bytes);
    try
    {
        type->deserializeBinaryBulk(column, in, rows);
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

struct Case
{
    const char * type;
    std::vector<std::string> values;
};

} // namespace

TEST(DataTypeBinary, RoundTripEveryTypeInRanges)
{
    std::vector<Case> cases = {
        {"UInt8", {"0", "255", "7", "1", "2"}},
        {"Int64", {"-9223372036854775808", "9223372036854775807", "0", "-1", "5"}},
        {"UInt128", {"340282366920938463463374607431768211455", "0", "1", "2", "3"}},
        {"Int128", {"-170141183460469231731687303715884105728", "1", "-1", "0", "9"}},
        {"Float32", {"0.1", "-0", "inf", "nan", "1e-30"}},
        {"Float64", {"0.1", "1e21", "-inf", "nan", "-0"}},
        {"Bool", {"true", "false", "true", "true", "false"}},
        {"String", {"", "hello", std::string(300, 'x'), "tab\there", "\xc3\xa9"}},
        {"FixedString(3)", {"abc", "", "a", "xyz", "q"}},
        {"Date", {"1970-01-01", "2149-06-06", "2020-02-29", "2000-01-01", "1999-12-31"}},
        {"Date32", {"1900-01-01", "2299-12-31", "1969-12-31", "1970-01-01", "2020-01-01"}},
        {"DateTime('Europe/Madrid')",
         {"2024-03-31 01:59:59", "2024-03-31 03:00:00", "1970-01-01 01:00:00", "2020-01-01 00:00:00", "2030-06-01 12:00:00"}},
        {"DateTime64(6)",
         {"1969-12-31 23:59:59.999999", "2023-11-14 22:13:20.123456", "1970-01-01 00:00:00.000000", "2100-01-01 00:00:00.000001",
          "2000-01-01 00:00:00.500000"}},
        {"UUID",
         {"01234567-89ab-cdef-fedc-ba9876543210", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
          "00000000-0000-0000-0000-000000000001", "10000000-0000-0000-0000-000000000000"}},
        {"Decimal(9, 2)", {"-1.05", "9999999.99", "0", "0.01", "-9999999.99"}},
        {"Decimal(18, 6)", {"-1.000001", "999999999999.999999", "0", "1", "2"}},
        {"Decimal(38, 10)", {"-1234567890123456789012345678.0123456789", "0", "1", "0.0000000001", "-1"}},
        {"Nullable(String)", {"NULL", "a", "NULL", "", "b"}},
        {"Nullable(Int32)", {"1", "NULL", "-5", "NULL", "NULL"}},
        {"Nullable(Nothing)", {"NULL", "NULL", "NULL", "NULL", "NULL"}},
        {"Array(UInt8)", {"[]", "[1,2,3]", "[]", "[255]", "[0,0]"}},
        {"Array(Nullable(String))", {"['a',NULL]", "[]", "[NULL]", "['x','y','z']", "['']"}},
        {"Array(Array(Int16))", {"[[1],[2,3]]", "[]", "[[]]", "[[-1,-2],[],[3]]", "[[7]]"}},
        {"Tuple(UInt8, String)", {"(1,'a')", "(2,'')", "(3,'ccc')", "(0,'d')", "(255,'e')"}},
        {"Tuple(a Nullable(UInt8), b Array(String))", {"(NULL,[])", "(1,['x'])", "(2,['y','z'])", "(NULL,[''])", "(3,[])"}},
        {"Map(String, UInt64)", {"{}", "{'a':1,'b':2}", "{'c':3}", "{}", "{'d':4,'e':5,'f':6}"}},
        {"Map(LowCardinality(String), Array(Nullable(Float64)))", {"{'k':[1.5,NULL]}", "{}", "{'k':[],'j':[nan]}", "{'z':[NULL]}", "{}"}},
        {"LowCardinality(String)", {"a", "b", "a", "c", "a"}},
        {"LowCardinality(Nullable(String))", {"a", "NULL", "a", "NULL", "b"}},
        {"LowCardinality(UInt32)", {"7", "7", "8", "9", "7"}},
    };
    for (const auto & c : cases)
    {
        DataTypePtr type = parseDataType(c.type);
        auto column = columnOf(type, c.values);
        auto expected = textsOf(type, *column);
        // Whole column, then split into ranges (as granules are written) and read back appended.
        for (std::vector<size_t> cuts : std::vector<std::vector<size_t>> {{5}, {2, 3}, {1, 0, 4}, {0, 5}})
        {
            std::string bytes;
            size_t offset = 0;
            for (size_t n : cuts)
            {
                bytes += bulk(type, *column, offset, n);
                offset += n;
            }
            auto back = type->createColumn();
            ReadBufferFromMemory in(bytes);
            for (size_t n : cuts)
                ASSERT_NO_THROW(type->deserializeBinaryBulk(*back, in, n)) << c.type;
            EXPECT_TRUE(in.eof()) << c.type;
            EXPECT_EQ(textsOf(type, *back), expected) << c.type;
            // The column is internally consistent: whole-column operations see every row.
            Permutation reverse {4, 3, 2, 1, 0};
            auto permuted = back->permute(reverse, 0);
            ASSERT_EQ(permuted->size(), 5u) << c.type;
            EXPECT_EQ(type->serializeToString(*permuted, 0), expected[4]) << c.type;
            Filter keep {1, 0, 1, 0, 1};
            EXPECT_EQ(back->filter(keep, 3)->size(), 3u) << c.type;
        }
        // limit beyond the end is clipped.
        EXPECT_EQ(bulk(type, *column, 3, 1000), bulk(type, *column, 3, 2)) << c.type;
        EXPECT_EQ(bulk(type, *column, 0, SIZE_MAX), bulk(type, *column, 0, 5)) << c.type;
    }
}

TEST(DataTypeBinary, ExactLayouts)
{
    auto u16 = parseDataType("UInt16");
    EXPECT_EQ(bulk(u16, *columnOf(u16, {"1", "258"}), 0, 2), std::string("\x01\x00\x02\x01", 4));
    auto str = parseDataType("String");
    EXPECT_EQ(bulk(str, *columnOf(str, {"ab", ""}), 0, 2), std::string("\x02"
                                                                       "ab"
                                                                       "\x00",
                                                                       4));
    auto nul = parseDataType("Nullable(UInt8)");
    EXPECT_EQ(bulk(nul, *columnOf(nul, {"NULL", "5"}), 0, 2), std::string("\x01\x00\x00\x05", 4));
    auto arr = parseDataType("Array(UInt8)");
    EXPECT_EQ(bulk(arr, *columnOf(arr, {"[1,2]", "[]", "[3]"}), 0, 3), std::string("\x02\x00\x01\x01\x02\x03", 6));
    EXPECT_EQ(bulk(arr, *columnOf(arr, {"[1,2]", "[]", "[3]"}), 1, 2), std::string("\x00\x01\x03", 3));
    auto lc = parseDataType("LowCardinality(String)");
    // dictionary of 2 used values in first-use order, width 1, indexes.
    EXPECT_EQ(bulk(lc, *columnOf(lc, {"x", "y", "x", "z"}), 1, 2), std::string("\x02\x01y\x01x\x01\x00\x01", 8));
}

TEST(DataTypeBinary, LowCardinalityIsCompactAndWidens)
{
    auto lc = parseDataType("LowCardinality(String)");
    std::vector<std::string> values;
    for (size_t i = 0; i < 10000; ++i)
        values.push_back("value_" + std::to_string(i % 3));
    auto column = columnOf(lc, values);
    std::string bytes = bulk(lc, *column, 0, values.size());
    EXPECT_LE(bytes.size(), 10000u + 40u); // one byte per row plus a tiny dictionary

    auto wide = parseDataType("LowCardinality(UInt32)");
    std::vector<std::string> many;
    for (size_t i = 0; i < 70000; ++i)
        many.push_back(std::to_string(i));
    auto wide_column = columnOf(wide, many);
    std::string wide_bytes = bulk(wide, *wide_column, 0, many.size());
    auto back = wide->createColumn();
    ReadBufferFromMemory in(wide_bytes);
    wide->deserializeBinaryBulk(*back, in, many.size());
    ASSERT_EQ(back->size(), many.size());
    EXPECT_EQ(wide->serializeToString(*back, 69999), "69999");
    // A small range of a column with a large dictionary (hash-map renumbering path).
    std::string tail = bulk(wide, *wide_column, 69990, 10);
    auto tail_back = wide->createColumn();
    ReadBufferFromMemory tail_in(tail);
    wide->deserializeBinaryBulk(*tail_back, tail_in, 10);
    ASSERT_EQ(tail_back->size(), 10u);
    EXPECT_EQ(wide->serializeToString(*tail_back, 0), "69990");
    EXPECT_EQ(wide->serializeToString(*tail_back, 9), "69999");
    std::string small = bulk(wide, *wide_column, 0, 300);
    EXPECT_EQ(small.size(), 2u + 300 * 4 + 1 + 300 * 2); // varint 300, values, width byte, u16 indexes
}

TEST(DataTypeBinary, TruncatedAndCorruptInput)
{
    for (const char * name : {"UInt64", "String", "FixedString(4)", "Nullable(String)", "Array(UInt32)", "Map(String, String)",
                              "Tuple(UInt8, String)", "LowCardinality(String)", "Decimal(38, 2)"})
    {
        DataTypePtr type = parseDataType(name);
        auto column = type->createColumn();
        for (int i = 0; i < 3; ++i)
            column->insertDefault();
        std::string bytes = bulk(type, *column, 0, 3);
        for (size_t cut = 0; cut < bytes.size(); ++cut)
        {
            auto back = type->createColumn();
            ErrorCode code = readError(type, std::string_view(bytes).substr(0, cut), 3, *back);
            EXPECT_TRUE(code == ErrorCode::CANNOT_READ_ALL_DATA || code == ErrorCode::CORRUPTED_DATA) << name << " cut " << cut;
        }
    }
    auto str = parseDataType("String");
    auto s = str->createColumn();
    EXPECT_EQ(readError(str, std::string("\xff\xff\xff\xff\x0f", 5), 1, *s), ErrorCode::TOO_LARGE_STRING_SIZE);
    EXPECT_EQ(s->size(), 0u);
    auto lc = parseDataType("LowCardinality(String)");
    auto l = lc->createColumn();
    EXPECT_EQ(readError(lc, std::string("\x01\x01x\x01\x05", 5), 1, *l), ErrorCode::CORRUPTED_DATA); // index 5 of 1 value
    EXPECT_EQ(readError(lc, std::string("\x01\x01x\x03\x00", 5), 1, *l), ErrorCode::CORRUPTED_DATA); // width 3
    EXPECT_EQ(readError(lc, std::string("\x09", 1), 1, *l), ErrorCode::CORRUPTED_DATA);              // 9 values for 1 row
    auto arr = parseDataType("Array(UInt8)");
    auto a = arr->createColumn();
    EXPECT_EQ(readError(arr, std::string("\xff\xff\xff\xff\xff\x01", 6), 1, *a), ErrorCode::CORRUPTED_DATA);
    EXPECT_EQ(a->size(), 0u);
}

namespace
{

/// Hands out a memory range in chunks of `chunk` bytes, so values cross buffer boundaries.
class ReadBufferInChunks : public ReadBuffer
{
public:
    ReadBufferInChunks(std::string_view data, size_t chunk)
        : data_(data)
        , chunk_(chunk)
    {
        begin_ = pos_ = end_ = data_.data();
    }

private:
    bool nextImpl() override
    {
        const char * data_end = data_.data() + data_.size();
        if (end_ == data_end)
            return false;
        begin_ = pos_ = end_;
        end_ = std::min(data_end, end_ + chunk_);
        return true;
    }

    std::string_view data_;
    size_t chunk_;
};

} // namespace

TEST(DataTypeBinary, StringBulkAcrossBufferBoundariesAndLengths)
{
    DataTypePtr type = parseDataType("String");
    std::vector<std::string> values;
    unsigned seed = 7;
    for (size_t i = 0; i < 3000; ++i)
    {
        seed = seed * 1103515245 + 12345;
        const size_t len = (i % 50 == 0) ? 100 + seed % 400 : seed % 130; /// short, 127/128 edge, and long values
        std::string value(len, '\0');
        for (size_t c = 0; c < len; ++c)
            value[c] = static_cast<char>('a' + (seed >> 8) % 26 + c % 3);
        values.push_back(value);
    }
    auto column = type->createColumn();
    for (const auto & value : values)
        column->insert(Field(std::string_view(value)));
    const std::string bytes = bulk(type, *column, 0, values.size());
    for (size_t chunk : {1, 7, 16, 37, 129, 4096, 1 << 20})
    {
        auto back = type->createColumn();
        back->insert(Field(std::string_view("already here")));
        ReadBufferInChunks in(bytes, chunk);
        type->deserializeBinaryBulk(*back, in, 1000);
        type->deserializeBinaryBulk(*back, in, values.size() - 1000);
        ASSERT_EQ(back->size(), values.size() + 1) << chunk;
        EXPECT_EQ(type->serializeToString(*back, 0), "already here");
        for (size_t i = 0; i < values.size(); ++i)
            ASSERT_EQ(back->getDataAt(i + 1), values[i]) << "chunk " << chunk << " row " << i;
        EXPECT_TRUE(in.eof());
    }
}
