#include "engine/types/DataTypeDateTime64.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

namespace
{

UInt32 checkScale(UInt32 scale)
{
    if (scale > 9)
        throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "DateTime64 scale " + std::to_string(scale) + " is out of range 0..9");
    return scale;
}

} // namespace

DataTypeDateTime64::DataTypeDateTime64(UInt32 scale)
    : scale_(checkScale(scale))
    , time_zone_(&TimeZone::utc())
    , has_explicit_time_zone_(false)
{
}

DataTypeDateTime64::DataTypeDateTime64(UInt32 scale, std::string_view time_zone)
    : scale_(checkScale(scale))
    , time_zone_(&TimeZone::get(time_zone))
    , has_explicit_time_zone_(true)
{
}

std::string DataTypeDateTime64::getName() const
{
    WriteBufferFromString out;
    out.write("DateTime64(");
    writeIntText(scale_, out);
    if (has_explicit_time_zone_)
    {
        out.write(", ");
        writeQuotedString(time_zone_->name(), out);
    }
    out.write(')');
    return out.release();
}

void DataTypeDateTime64::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeDateTime64Text(assertColumnCast<ColumnInt64>(column).getData()[row], scale_, *time_zone_, out);
}

void DataTypeDateTime64::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    out.write('\'');
    serializeText(column, row, out, settings);
    out.write('\'');
}

void DataTypeDateTime64::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    out.write('"');
    serializeText(column, row, out, settings);
    out.write('"');
}

void DataTypeDateTime64::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeTextCSV(column, row, out, settings);
}

void DataTypeDateTime64::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readWholeRest(s, in);
    Int64 ticks;
    if (!tryParseDateTime64(s, scale_, *time_zone_, ticks))
        throw Exception(ErrorCode::CANNOT_PARSE_DATETIME, "Cannot parse " + getName() + " " + quoteForError(s));
    assertColumnCast<ColumnInt64>(column).getData().push_back(ticks);
}

void DataTypeDateTime64::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    serializeVectorBulk(assertColumnCast<ColumnInt64>(column).getData(), out, offset, limit);
}

void DataTypeDateTime64::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    deserializeVectorBulk(assertColumnCast<ColumnInt64>(column).getData(), in, limit);
}

} // namespace pipit
