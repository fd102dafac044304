#include "engine/types/DataTypeBool.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

void DataTypeBool::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    if (assertColumnCast<ColumnUInt8>(column).getData()[row])
        out.write("true", 4);
    else
        out.write("false", 5);
}

bool DataTypeBool::parseValue(std::string_view text)
{
    std::string lower(text);
    for (char & c : lower)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    if (lower == "true" || lower == "1" || lower == "yes" || lower == "on" || lower == "t" || lower == "y" || lower == "enable")
        return true;
    if (lower == "false" || lower == "0" || lower == "no" || lower == "off" || lower == "f" || lower == "n" || lower == "disable")
        return false;
    throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse boolean value " + quoteForError(text) + ": expected true or false");
}

void DataTypeBool::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string text;
    readWholeRest(text, in);
    bool v = parseValue(text);
    assertColumnCast<ColumnUInt8>(column).getData().push_back(v ? 1 : 0);
}

void DataTypeBool::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    serializeVectorBulk(assertColumnCast<ColumnUInt8>(column).getData(), out, offset, limit);
}

void DataTypeBool::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    deserializeVectorBulk(assertColumnCast<ColumnUInt8>(column).getData(), in, limit);
}

} // namespace pipit
