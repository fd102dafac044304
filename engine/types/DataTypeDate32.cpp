#include "engine/types/DataTypeDate32.h"

#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeDate.h"
#include "engine/types/DataTypeNumber.h"

#include <algorithm>

namespace pipit
{

void DataTypeDate32::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeDateText(assertColumnCast<ColumnInt32>(column).getData()[row], out);
}

void DataTypeDate32::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    out.write('\'');
    serializeText(column, row, out, settings);
    out.write('\'');
}

void DataTypeDate32::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    out.write('"');
    serializeText(column, row, out, settings);
    out.write('"');
}

void DataTypeDate32::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeTextCSV(column, row, out, settings);
}

void DataTypeDate32::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readWholeRest(s, in);
    Int32 days = std::clamp<Int32>(DataTypeDate::parseDays(s), min_day, max_day);
    assertColumnCast<ColumnInt32>(column).getData().push_back(days);
}

void DataTypeDate32::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    serializeVectorBulk(assertColumnCast<ColumnInt32>(column).getData(), out, offset, limit);
}

void DataTypeDate32::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    deserializeVectorBulk(assertColumnCast<ColumnInt32>(column).getData(), in, limit);
}

} // namespace pipit
