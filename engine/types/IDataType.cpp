#include "engine/types/IDataType.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"

namespace pipit
{

void IDataType::serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeText(column, row, out, settings);
}

void IDataType::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeText(column, row, out, settings);
}

void IDataType::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeText(column, row, out, settings);
}

void IDataType::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeText(column, row, out, settings);
}

void IDataType::deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    std::string field;
    if (readEscapedStringOrNull(field, in))
    {
        if (settings.null_as_default)
        {
            column.insertDefault();
            return;
        }
        field = "\\N";
    }
    deserializeFromString(column, field, settings);
}

void IDataType::deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    std::string field;
    if (!in.eof() && in.peek() == '\'')
        readQuotedString(field, in);
    else
        readBareToken(field, in);
    deserializeFromString(column, field, settings);
}

void IDataType::deserializeTextCSV(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    std::string field;
    bool quoted = readCSVField(field, in, settings.csv_delimiter);
    if (!quoted && field == "\\N" && settings.null_as_default)
    {
        column.insertDefault();
        return;
    }
    deserializeFromString(column, field, settings);
}

void IDataType::deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    std::string field;
    if (!in.eof() && in.peek() == '"')
        readJSONString(field, in);
    else
    {
        readBareToken(field, in);
        if (field == "null" && settings.null_as_default)
        {
            column.insertDefault();
            return;
        }
    }
    deserializeFromString(column, field, settings);
}

bool IDataType::readJSONNullAsDefault(IColumn & column, ReadBuffer & in, const FormatSettings & settings)
{
    if (in.eof() || in.peek() != 'n' || !settings.null_as_default)
        return false;
    if (!checkWordCaseInsensitive("null", in))
        throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse JSON value: expected null");
    column.insertDefault();
    return true;
}

void IDataType::deserializeFromString(IColumn & column, std::string_view text, const FormatSettings & settings) const
{
    ReadBufferFromMemory in(text);
    deserializeWholeText(column, in, settings);
}

std::string IDataType::serializeToString(const IColumn & column, size_t row, const FormatSettings & settings) const
{
    WriteBufferFromString out;
    serializeText(column, row, out, settings);
    return out.release();
}

} // namespace pipit
