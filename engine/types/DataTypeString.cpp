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
        for (size_t i = 0; i < limit; ++i)
        {
            // Fast path: a short length and the whole value are already in the buffer (appended without
            // zero-filling first).
            if (in.available() > 0 && !(static_cast<UInt8>(*in.position()) & 0x80))
            {
                size_t len = static_cast<UInt8>(*in.position());
                if (in.available() > len)
                {
                    const char * value = in.position() + 1;
                    chars.insert(chars.end(), value, value + len);
                    in.advance(len + 1);
                    offsets.push_back(chars.size());
                    continue;
                }
            }
            UInt64 size = readVarUInt(in);
            if (size > max_string_size)
                throw Exception(ErrorCode::TOO_LARGE_STRING_SIZE, "Too large string size " + std::to_string(size) + " in column data");
            size_t pos = chars.size();
            chars.resize(pos + size);
            readExact(chars.data() + pos, size, in);
            offsets.push_back(chars.size());
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
