#include "engine/types/DataTypeUUID.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

void DataTypeUUID::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeUUIDText(assertColumnCast<ColumnUInt128>(column).getData()[row], out);
}

void DataTypeUUID::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    out.write('\'');
    serializeText(column, row, out, settings);
    out.write('\'');
}

void DataTypeUUID::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    out.write('"');
    serializeText(column, row, out, settings);
    out.write('"');
}

void DataTypeUUID::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeTextCSV(column, row, out, settings);
}

void DataTypeUUID::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readWholeRest(s, in);
    UInt128 v;
    if (!tryParseUUID(s, v))
        throw Exception(ErrorCode::CANNOT_PARSE_UUID, "Cannot parse UUID " + quoteForError(s));
    assertColumnCast<ColumnUInt128>(column).getData().push_back(v);
}

void DataTypeUUID::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    serializeVectorBulk(assertColumnCast<ColumnUInt128>(column).getData(), out, offset, limit);
}

void DataTypeUUID::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    deserializeVectorBulk(assertColumnCast<ColumnUInt128>(column).getData(), in, limit);
}

} // namespace pipit
