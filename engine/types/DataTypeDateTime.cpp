#include "engine/types/DataTypeDateTime.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

#include <algorithm>

namespace pipit
{

DataTypeDateTime::DataTypeDateTime()
    : time_zone_(&TimeZone::utc())
    , has_explicit_time_zone_(false)
{
}

DataTypeDateTime::DataTypeDateTime(std::string_view time_zone)
    : time_zone_(&TimeZone::get(time_zone))
    , has_explicit_time_zone_(true)
{
}

std::string DataTypeDateTime::getName() const
{
    if (!has_explicit_time_zone_)
        return "DateTime";
    WriteBufferFromString out;
    out.write("DateTime(");
    writeQuotedString(time_zone_->name(), out);
    out.write(')');
    return out.release();
}

void DataTypeDateTime::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeDateTimeText(assertColumnCast<ColumnUInt32>(column).getData()[row], *time_zone_, out);
}

void DataTypeDateTime::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    out.write('\'');
    serializeText(column, row, out, settings);
    out.write('\'');
}

void DataTypeDateTime::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    out.write('"');
    serializeText(column, row, out, settings);
    out.write('"');
}

void DataTypeDateTime::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeTextCSV(column, row, out, settings);
}

void DataTypeDateTime::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readWholeRest(s, in);
    Int64 t;
    if (!tryParseDateTime(s, *time_zone_, t))
        throw Exception(ErrorCode::CANNOT_PARSE_DATETIME, "Cannot parse DateTime " + quoteForError(s));
    t = std::clamp<Int64>(t, 0, 0xFFFFFFFFLL);
    assertColumnCast<ColumnUInt32>(column).getData().push_back(static_cast<UInt32>(t));
}

void DataTypeDateTime::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    serializeVectorBulk(assertColumnCast<ColumnUInt32>(column).getData(), out, offset, limit);
}

void DataTypeDateTime::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    deserializeVectorBulk(assertColumnCast<ColumnUInt32>(column).getData(), in, limit);
}

} // namespace pipit
