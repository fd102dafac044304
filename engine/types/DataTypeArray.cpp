#include "engine/types/DataTypeArray.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

DataTypeArray::DataTypeArray(DataTypePtr nested)
    : nested_(std::move(nested))
{
}

void DataTypeArray::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    const auto & col = assertColumnCast<ColumnArray>(column);
    size_t begin = col.offsetAt(row);
    size_t end = col.getOffsets()[row];
    out.write('[');
    for (size_t i = begin; i < end; ++i)
    {
        if (i != begin)
            out.write(',');
        nested_->serializeTextQuoted(col.getData(), i, out, settings);
    }
    out.write(']');
}

void DataTypeArray::serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeText(column, row, out, settings);
}

void DataTypeArray::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeText(column, row, out, settings);
}

void DataTypeArray::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    writeCSVString(serializeToString(column, row, settings), out);
}

void DataTypeArray::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    const auto & col = assertColumnCast<ColumnArray>(column);
    size_t begin = col.offsetAt(row);
    size_t end = col.getOffsets()[row];
    out.write('[');
    for (size_t i = begin; i < end; ++i)
    {
        if (i != begin)
            out.write(',');
        nested_->serializeTextJSON(col.getData(), i, out, settings);
    }
    out.write(']');
}

template <typename F>
void DataTypeArray::deserializeList(IColumn & column, ReadBuffer & in, F && read_element) const
{
    auto & col = assertColumnCast<ColumnArray>(column);
    IColumn & data = col.getData();
    size_t old_size = data.size();
    try
    {
        skipWhitespace(in);
        assertChar('[', in);
        skipWhitespace(in);
        if (!checkChar(']', in))
        {
            while (true)
            {
                read_element(data);
                skipWhitespace(in);
                if (checkChar(']', in))
                    break;
                assertChar(',', in);
                skipWhitespace(in);
            }
        }
    }
    catch (...)
    {
        if (data.size() > old_size)
            data.popBack(data.size() - old_size);
        throw;
    }
    col.getOffsets().push_back(data.size());
}

void DataTypeArray::deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    deserializeList(column, in, [&](IColumn & data) { nested_->deserializeTextQuoted(data, in, settings); });
}

void DataTypeArray::deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    deserializeTextQuoted(column, in, settings);
}

void DataTypeArray::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    deserializeTextQuoted(column, in, settings);
    skipWhitespace(in);
    if (!in.eof())
    {
        column.popBack(1);
        assertEOF(in, getName());
    }
}

void DataTypeArray::deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    skipWhitespace(in);
    if (readJSONNullAsDefault(column, in, settings))
        return;
    deserializeList(column, in, [&](IColumn & data) { nested_->deserializeTextJSON(data, in, settings); });
}

void DataTypeArray::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    const auto & col = assertColumnCast<ColumnArray>(column);
    size_t end = bulkRangeEnd(col.size(), offset, limit);
    for (size_t i = offset; i < end; ++i)
        writeVarUInt(col.sizeAt(i), out);
    if (end == offset)
        return;
    size_t nested_begin = col.offsetAt(offset);
    size_t nested_end = col.getOffsets()[end - 1];
    nested_->serializeBinaryBulk(col.getData(), out, nested_begin, nested_end - nested_begin);
}

size_t deserializeArraySizes(Offsets & offsets, ReadBuffer & in, size_t limit)
{
    constexpr UInt64 max_elements = 1ULL << 32;
    size_t old = offsets.size();
    UInt64 base = old == 0 ? 0 : offsets.back();
    UInt64 total = 0;
    offsets.reserve(old + limit);
    try
    {
        for (size_t i = 0; i < limit; ++i)
        {
            UInt64 size = readVarUInt(in);
            total += size;
            if (size > max_elements || total > max_elements)
                throw Exception(ErrorCode::CORRUPTED_DATA, "Array of " + std::to_string(size) + " elements in column data is too large");
            offsets.push_back(base + total);
        }
    }
    catch (...)
    {
        offsets.resize(old);
        throw;
    }
    return total;
}

void DataTypeArray::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    auto & col = assertColumnCast<ColumnArray>(column);
    size_t old = col.getOffsets().size();
    size_t total = deserializeArraySizes(col.getOffsets(), in, limit);
    try
    {
        nested_->deserializeBinaryBulk(col.getData(), in, total);
    }
    catch (...)
    {
        col.getOffsets().resize(old);
        throw;
    }
}

} // namespace pipit
