#include "engine/types/DataTypeNothing.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"

namespace pipit
{

void DataTypeNothing::serializeText(const IColumn &, size_t, WriteBuffer & out, const FormatSettings &) const
{
    out.write("NULL", 4);
}

void DataTypeNothing::serializeTextEscaped(const IColumn &, size_t, WriteBuffer & out, const FormatSettings &) const
{
    out.write("\\N", 2);
}

void DataTypeNothing::serializeTextCSV(const IColumn &, size_t, WriteBuffer & out, const FormatSettings &) const
{
    out.write("\\N", 2);
}

void DataTypeNothing::serializeTextJSON(const IColumn &, size_t, WriteBuffer & out, const FormatSettings &) const
{
    out.write("null", 4);
}

void DataTypeNothing::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string text;
    readWholeRest(text, in);
    if (text != "NULL" && text != "\\N" && text != "null")
        throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse " + quoteForError(text) + " as Nothing: only NULL is allowed");
    column.insertDefault();
}

void DataTypeNothing::serializeBinaryBulk(const IColumn &, WriteBuffer &, size_t, size_t) const
{
}

void DataTypeNothing::deserializeBinaryBulk(IColumn & column, ReadBuffer &, size_t limit) const
{
    column.insertManyDefaults(limit);
}

} // namespace pipit
