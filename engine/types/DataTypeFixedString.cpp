#include "engine/types/DataTypeFixedString.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

namespace
{

std::string_view valueAt(const IColumn & column, size_t row)
{
    const auto & col = assertColumnCast<ColumnFixedString>(column);
    return {col.getChars().data() + row * col.getN(), col.getN()};
}

} // namespace

DataTypeFixedString::DataTypeFixedString(size_t n)
    : n_(n)
{
    if (n == 0 || n > max_size)
        throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND,
                        "FixedString size must be in 1.." + std::to_string(max_size) + ", got " + std::to_string(n));
}

void DataTypeFixedString::insertValue(IColumn & column, std::string_view s) const
{
    if (s.size() > n_)
        throw Exception(ErrorCode::TOO_LARGE_STRING_SIZE, "Too large value for FixedString(" + std::to_string(n_) +
                                                              "): " + quoteForError(s) + " has " + std::to_string(s.size()) + " bytes");
    auto & chars = assertColumnCast<ColumnFixedString>(column).getChars();
    chars.insert(chars.end(), s.begin(), s.end());
    chars.resize(chars.size() + (n_ - s.size()), '\0');
}

void DataTypeFixedString::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    out.write(valueAt(column, row));
}

void DataTypeFixedString::serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeEscapedString(valueAt(column, row), out);
}

void DataTypeFixedString::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeQuotedString(valueAt(column, row), out);
}

void DataTypeFixedString::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    writeCSVString(valueAt(column, row), out);
}

void DataTypeFixedString::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    writeJSONString(valueAt(column, row), out, settings.json_escape_forward_slashes);
}

void DataTypeFixedString::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readWholeRest(s, in);
    insertValue(column, s);
}

void DataTypeFixedString::deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readEscapedString(s, in);
    insertValue(column, s);
}

void DataTypeFixedString::deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readQuotedString(s, in);
    insertValue(column, s);
}

void DataTypeFixedString::deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    std::string s;
    if (!in.eof() && in.peek() == '"')
        readJSONString(s, in);
    else
    {
        readBareToken(s, in);
        if (s == "null" && settings.null_as_default)
            s.clear();
    }
    insertValue(column, s);
}

void DataTypeFixedString::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    const auto & col = assertColumnCast<ColumnFixedString>(column);
    size_t end = bulkRangeEnd(col.size(), offset, limit);
    out.write(col.getChars().data() + offset * n_, (end - offset) * n_);
}

void DataTypeFixedString::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    auto & chars = assertColumnCast<ColumnFixedString>(column).getChars();
    size_t old = chars.size();
    chars.resize(old + limit * n_);
    size_t got = in.read(chars.data() + old, limit * n_);
    if (got != limit * n_)
    {
        chars.resize(old);
        throw Exception(ErrorCode::CANNOT_READ_ALL_DATA, "Cannot read all data of FixedString(" + std::to_string(n_) + ") column");
    }
}

} // namespace pipit
