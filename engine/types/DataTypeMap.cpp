#include "engine/types/DataTypeMap.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnTuple.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

DataTypeMap::DataTypeMap(DataTypePtr key, DataTypePtr value)
    : key_(std::move(key))
    , value_(std::move(value))
{
    TypeIndex id = key_->getTypeId();
    if (id == TypeIndex::Nullable || id == TypeIndex::Array || id == TypeIndex::Tuple || id == TypeIndex::Map || id == TypeIndex::Nothing)
        throw Exception(ErrorCode::BAD_ARGUMENTS,
                        "Type of Map key must be a type that can be represented by integer or String or FixedString, got " +
                            key_->getName());
}

MutableColumnPtr DataTypeMap::createColumn() const
{
    MutableColumns kv;
    kv.push_back(key_->createColumn());
    kv.push_back(value_->createColumn());
    return ColumnMap::create(ColumnArray::create(ColumnTuple::create(std::move(kv))));
}

void DataTypeMap::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    const auto & col = assertColumnCast<ColumnMap>(column);
    const auto & offsets = col.getOffsets();
    size_t begin = row == 0 ? 0 : offsets[row - 1];
    size_t end = offsets[row];
    out.write('{');
    for (size_t i = begin; i < end; ++i)
    {
        if (i != begin)
            out.write(',');
        key_->serializeTextQuoted(col.getKeys(), i, out, settings);
        out.write(':');
        value_->serializeTextQuoted(col.getValues(), i, out, settings);
    }
    out.write('}');
}

void DataTypeMap::serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeText(column, row, out, settings);
}

void DataTypeMap::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeText(column, row, out, settings);
}

void DataTypeMap::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    writeCSVString(serializeToString(column, row, settings), out);
}

void DataTypeMap::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    const auto & col = assertColumnCast<ColumnMap>(column);
    const auto & offsets = col.getOffsets();
    size_t begin = row == 0 ? 0 : offsets[row - 1];
    size_t end = offsets[row];
    out.write('{');
    for (size_t i = begin; i < end; ++i)
    {
        if (i != begin)
            out.write(',');
        writeJSONString(key_->serializeToString(col.getKeys(), i, settings), out, settings.json_escape_forward_slashes);
        out.write(':');
        value_->serializeTextJSON(col.getValues(), i, out, settings);
    }
    out.write('}');
}

namespace
{

/// Appends scratch key/value columns to the map's nested ColumnTuple (which keeps its own row count).
void appendEntries(ColumnMap & col, MutableColumnPtr keys, MutableColumnPtr values)
{
    MutableColumns kv;
    kv.push_back(std::move(keys));
    kv.push_back(std::move(values));
    ColumnTuple entries(std::move(kv));
    col.getNestedData().insertRangeFrom(entries, 0, entries.size());
}

} // namespace

template <typename F>
void DataTypeMap::deserializeEntries(IColumn & column, ReadBuffer & in, F && read_entry) const
{
    auto & col = assertColumnCast<ColumnMap>(column);
    auto keys = key_->createColumn();
    auto values = value_->createColumn();
    skipWhitespace(in);
    assertChar('{', in);
    skipWhitespace(in);
    if (!checkChar('}', in))
    {
        while (true)
        {
            read_entry(*keys, *values);
            skipWhitespace(in);
            if (checkChar('}', in))
                break;
            assertChar(',', in);
            skipWhitespace(in);
        }
    }
    appendEntries(col, std::move(keys), std::move(values));
    col.getOffsets().push_back(col.getNestedData().size());
}

void DataTypeMap::deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    deserializeEntries(column, in,
                       [&](IColumn & keys, IColumn & values)
                       {
                           key_->deserializeTextQuoted(keys, in, settings);
                           skipWhitespace(in);
                           assertChar(':', in);
                           skipWhitespace(in);
                           value_->deserializeTextQuoted(values, in, settings);
                       });
}

void DataTypeMap::deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    deserializeTextQuoted(column, in, settings);
}

void DataTypeMap::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    deserializeTextQuoted(column, in, settings);
    skipWhitespace(in);
    if (!in.eof())
    {
        column.popBack(1);
        assertEOF(in, getName());
    }
}

void DataTypeMap::deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    skipWhitespace(in);
    if (readJSONNullAsDefault(column, in, settings))
        return;
    deserializeEntries(column, in,
                       [&](IColumn & keys, IColumn & values)
                       {
                           std::string key;
                           readJSONString(key, in);
                           key_->deserializeFromString(keys, key, settings);
                           skipWhitespace(in);
                           assertChar(':', in);
                           skipWhitespace(in);
                           value_->deserializeTextJSON(values, in, settings);
                       });
}

void DataTypeMap::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    const auto & col = assertColumnCast<ColumnMap>(column);
    const auto & offsets = col.getOffsets();
    size_t end = bulkRangeEnd(offsets.size(), offset, limit);
    for (size_t i = offset; i < end; ++i)
        writeVarUInt(offsets[i] - (i == 0 ? 0 : offsets[i - 1]), out);
    if (end == offset)
        return;
    size_t nested_begin = offset == 0 ? 0 : offsets[offset - 1];
    size_t nested_end = offsets[end - 1];
    key_->serializeBinaryBulk(col.getKeys(), out, nested_begin, nested_end - nested_begin);
    value_->serializeBinaryBulk(col.getValues(), out, nested_begin, nested_end - nested_begin);
}

void DataTypeMap::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    auto & col = assertColumnCast<ColumnMap>(column);
    size_t old = col.getOffsets().size();
    size_t total = deserializeArraySizes(col.getOffsets(), in, limit);
    try
    {
        auto keys = key_->createColumn();
        auto values = value_->createColumn();
        key_->deserializeBinaryBulk(*keys, in, total);
        value_->deserializeBinaryBulk(*values, in, total);
        appendEntries(col, std::move(keys), std::move(values));
    }
    catch (...)
    {
        col.getOffsets().resize(old);
        throw;
    }
}

} // namespace pipit
