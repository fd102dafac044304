#include "engine/types/DataTypeString.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

#include <algorithm>
#include <cstring>

namespace pipit
{

namespace
{

/// Corrupted lengths must not allocate unbounded memory.
constexpr UInt64 max_string_size = 1ULL << 30;

std::string_view valueAt(const IColumn & column, size_t row)
{
    return assertColumnCast<ColumnString>(column).getDataAt(row);
}

void insertString(IColumn & column, std::string_view s)
{
    assertColumnCast<ColumnString>(column).insertData(s.data(), s.size());
}

} // namespace

void DataTypeString::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    out.write(valueAt(column, row));
}

void DataTypeString::serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeEscapedString(valueAt(column, row), out);
}

void DataTypeString::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeQuotedString(valueAt(column, row), out);
}

void DataTypeString::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeCSVString(valueAt(column, row), out);
}

void DataTypeString::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    writeJSONString(valueAt(column, row), out, settings.json_escape_forward_slashes);
}

void DataTypeString::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readWholeRest(s, in);
    insertString(column, s);
}

void DataTypeString::deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readEscapedString(s, in);
    insertString(column, s);
}

void DataTypeString::deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readQuotedString(s, in);
    insertString(column, s);
}

void DataTypeString::deserializeTextCSV(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    std::string s;
    readCSVField(s, in, settings.csv_delimiter);
    insertString(column, s);
}

void DataTypeString::deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    std::string s;
    if (!in.eof() && in.peek() == '"')
        readJSONString(s, in);
    else if (!in.eof() && (in.peek() == '{' || in.peek() == '['))
        readJSONObjectOrArrayRaw(s, in); // objects and arrays are kept as their JSON text
    else
    {
        readBareToken(s, in); // numbers and literals given for a String field keep their text
        if (s == "null" && settings.null_as_default)
            s.clear();
    }
    insertString(column, s);
}

void DataTypeString::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    const auto & col = assertColumnCast<ColumnString>(column);
    size_t end = bulkRangeEnd(col.size(), offset, limit);
    for (size_t i = offset; i < end; ++i)
    {
        std::string_view s = col.getDataAt(i);
        writeVarUInt(s.size(), out);
        out.write(s.data(), s.size());
    }
}

namespace
{

/// Appends up to `limit` values whose length fits one varint byte (< 128) and whose bytes are all in `in`'s
/// current buffer: one pass finds them, `chars` grows once, then each value is copied in 16-byte steps where
/// both buffers have room for the overshoot. Returns how many values it appended (0: the next value is long or
/// crosses the buffer's end, and the caller decodes it the general way).
size_t decodeShortValues(ReadBuffer & in, size_t limit, ColumnString::Chars & chars, Offsets & offsets)
{
    const char * const begin = in.position();
    const char * const end = begin + in.available();
    const char * p = begin;
    size_t count = 0;
    size_t bytes = 0;
    while (count < limit && p < end)
    {
        const auto len = static_cast<UInt8>(*p);
        if ((len & 0x80) || static_cast<size_t>(end - p) <= len)
            break;
        bytes += len;
        p += len + 1;
        ++count;
    }
    if (count == 0)
        return 0;
    const size_t first = chars.size();
    chars.resize(first + bytes);
    const size_t first_row = offsets.size();
    offsets.resize(first_row + count);
    char * const out_begin = chars.data();
    char * const out_end = out_begin + first + bytes;
    char * dst = out_begin + first;
    UInt64 * offset = offsets.data() + first_row;
    const char * src = begin;
    for (size_t k = 0; k < count; ++k)
    {
        const auto len = static_cast<UInt8>(*src);
        ++src;
        const size_t padded = (static_cast<size_t>(len) + 15) & ~size_t(15);
        if (static_cast<size_t>(end - src) >= padded && static_cast<size_t>(out_end - dst) >= padded)
        {
            for (size_t c = 0; c < padded; c += 16)
                std::memcpy(dst + c, src + c, 16);
        }
        else
            std::memcpy(dst, src, len);
        dst += len;
        src += len;
        offset[k] = static_cast<UInt64>(dst - out_begin);
    }
    in.advance(static_cast<size_t>(src - begin));
    return count;
}

} // namespace

void DataTypeString::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    auto & col = assertColumnCast<ColumnString>(column);
    auto & chars = col.getChars();
    auto & offsets = col.getOffsets();
    size_t old_rows = offsets.size();
    size_t old_chars = chars.size();
    try
    {
        offsets.reserve(old_rows + limit);
        const size_t expected_chars = old_chars + std::min<size_t>(in.available(), limit * 64);
        if (expected_chars > chars.capacity())
            chars.reserve(std::max(expected_chars, chars.capacity() * 2));
        size_t i = 0;
        while (i < limit)
        {
            const size_t decoded = decodeShortValues(in, limit - i, chars, offsets);
            if (decoded)
            {
                i += decoded;
                continue;
            }
            UInt64 size = readVarUInt(in);
            if (size > max_string_size)
                throw Exception(ErrorCode::TOO_LARGE_STRING_SIZE, "Too large string size " + std::to_string(size) + " in column data");
            size_t pos = chars.size();
            chars.resize(pos + size);
            readExact(chars.data() + pos, size, in);
            offsets.push_back(chars.size());
            ++i;
        }
    }
    catch (...)
    {
        chars.resize(old_chars);
        offsets.resize(old_rows);
        throw;
    }
}

} // namespace pipit
