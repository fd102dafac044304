#include "engine/types/DataTypeDate.h"

#include "engine/base/Exception.h"
#include "engine/base/TimeZone.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

#include <algorithm>

namespace pipit
{

Int32 DataTypeDate::parseDays(std::string_view text)
{
    Int32 days;
    if (tryParseDate(text, days))
        return days;
    Int64 t;
    if (text.size() > 10 && tryParseDateTime(text, TimeZone::utc(), t))
        return static_cast<Int32>(TimeZone::floorDiv(t, 86400));
    throw Exception(ErrorCode::CANNOT_PARSE_DATE, "Cannot parse date " + quoteForError(text));
}

void DataTypeDate::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeDateText(assertColumnCast<ColumnUInt16>(column).getData()[row], out);
}

void DataTypeDate::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    out.write('\'');
    serializeText(column, row, out, settings);
    out.write('\'');
}

void DataTypeDate::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    out.write('"');
    serializeText(column, row, out, settings);
    out.write('"');
}

void DataTypeDate::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeTextCSV(column, row, out, settings);
}

void DataTypeDate::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readWholeRest(s, in);
    Int32 days = std::clamp<Int32>(parseDays(s), 0, 65535);
    assertColumnCast<ColumnUInt16>(column).getData().push_back(static_cast<UInt16>(days));
}

void DataTypeDate::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    serializeVectorBulk(assertColumnCast<ColumnUInt16>(column).getData(), out, offset, limit);
}

void DataTypeDate::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    deserializeVectorBulk(assertColumnCast<ColumnUInt16>(column).getData(), in, limit);
}

} // namespace pipit
