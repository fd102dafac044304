#include "engine/types/DataTypeNullable.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

namespace
{

bool isNullWord(std::string_view s)
{
    return s.size() == 4 && (s[0] == 'N' || s[0] == 'n') && (s[1] == 'U' || s[1] == 'u') && (s[2] == 'L' || s[2] == 'l') &&
           (s[3] == 'L' || s[3] == 'l');
}

} // namespace

DataTypeNullable::DataTypeNullable(DataTypePtr nested)
    : nested_(std::move(nested))
{
    if (!nested_->canBeInsideNullable())
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "Nested type " + nested_->getName() + " cannot be inside Nullable type");
}

MutableColumnPtr DataTypeNullable::createColumn() const
{
    return ColumnNullable::create(nested_->createColumn(), ColumnUInt8::create());
}

#define PIPIT_NULLABLE_SERIALIZE(METHOD, NULL_TEXT)                                                                                        \
    void DataTypeNullable::METHOD(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const            \
    {                                                                                                                                      \
        const auto & col = assertColumnCast<ColumnNullable>(column);                                                                       \
        if (col.isNullAt(row))                                                                                                             \
            out.write(std::string_view(NULL_TEXT));                                                                                        \
        else                                                                                                                               \
            nested_->METHOD(col.getNestedColumn(), row, out, settings);                                                                    \
    }
PIPIT_NULLABLE_SERIALIZE(serializeText, "NULL")
PIPIT_NULLABLE_SERIALIZE(serializeTextEscaped, "\\N")
PIPIT_NULLABLE_SERIALIZE(serializeTextQuoted, "NULL")
PIPIT_NULLABLE_SERIALIZE(serializeTextCSV, "\\N")
PIPIT_NULLABLE_SERIALIZE(serializeTextJSON, "null")
#undef PIPIT_NULLABLE_SERIALIZE

namespace
{

void insertNull(ColumnNullable & col)
{
    col.getNestedColumn().insertDefault();
    col.getNullMapData().push_back(1);
}

/// Runs the nested parser and marks the row not-NULL; the null map is untouched on failure.
template <typename F>
void insertNotNull(ColumnNullable & col, F && parse_nested)
{
    parse_nested(col.getNestedColumn());
    col.getNullMapData().push_back(0);
}

} // namespace

void DataTypeNullable::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    auto & col = assertColumnCast<ColumnNullable>(column);
    std::string text;
    readWholeRest(text, in);
    if (text == "\\N" || isNullWord(text))
        insertNull(col);
    else
        insertNotNull(col, [&](IColumn & nested) { nested_->deserializeFromString(nested, text, settings); });
}

void DataTypeNullable::deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    auto & col = assertColumnCast<ColumnNullable>(column);
    std::string raw;
    readEscapedFieldRaw(raw, in);
    if (raw == "\\N")
    {
        insertNull(col);
        return;
    }
    insertNotNull(col,
                  [&](IColumn & nested)
                  {
                      ReadBufferFromMemory field(raw);
                      nested_->deserializeTextEscaped(nested, field, settings);
                      if (!field.eof())
                      {
                          nested.popBack(1);
                          assertEOF(field, "TSV field");
                      }
                  });
}

void DataTypeNullable::deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    auto & col = assertColumnCast<ColumnNullable>(column);
    if (!in.eof() && (in.peek() == 'N' || in.peek() == 'n'))
    {
        std::string token;
        readBareToken(token, in);
        if (isNullWord(token))
            insertNull(col);
        else
            insertNotNull(col, [&](IColumn & nested) { nested_->deserializeFromString(nested, token, settings); });
        return;
    }
    insertNotNull(col, [&](IColumn & nested) { nested_->deserializeTextQuoted(nested, in, settings); });
}

void DataTypeNullable::deserializeTextCSV(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    auto & col = assertColumnCast<ColumnNullable>(column);
    std::string field;
    bool quoted = readCSVField(field, in, settings.csv_delimiter);
    if (!quoted && (field.empty() || field == "\\N" || field == "NULL"))
        insertNull(col);
    else
        insertNotNull(col, [&](IColumn & nested) { nested_->deserializeFromString(nested, field, settings); });
}

void DataTypeNullable::deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    auto & col = assertColumnCast<ColumnNullable>(column);
    if (!in.eof() && in.peek() == 'n')
    {
        std::string token; // null, or nan for a Float nested type
        readBareToken(token, in);
        if (token == "null")
            insertNull(col);
        else
            insertNotNull(col, [&](IColumn & nested) { nested_->deserializeFromString(nested, token, settings); });
        return;
    }
    insertNotNull(col, [&](IColumn & nested) { nested_->deserializeTextJSON(nested, in, settings); });
}

void DataTypeNullable::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    const auto & col = assertColumnCast<ColumnNullable>(column);
    serializeVectorBulk(col.getNullMapData(), out, offset, limit);
    nested_->serializeBinaryBulk(col.getNestedColumn(), out, offset, limit);
}

void DataTypeNullable::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    auto & col = assertColumnCast<ColumnNullable>(column);
    auto & null_map = col.getNullMapData();
    size_t old = null_map.size();
    deserializeVectorBulk(null_map, in, limit);
    try
    {
        nested_->deserializeBinaryBulk(col.getNestedColumn(), in, limit);
    }
    catch (...)
    {
        null_map.resize(old);
        throw;
    }
}

DataTypePtr makeNullable(const DataTypePtr & type)
{
    if (type->isNullable())
        return type;
    if (const auto * lc = dynamic_cast<const DataTypeLowCardinality *>(type.get()))
        return std::make_shared<DataTypeLowCardinality>(makeNullable(lc->getDictionaryType()));
    if (!type->canBeInsideNullable())
        return type;
    return std::make_shared<DataTypeNullable>(type);
}

DataTypePtr removeNullable(const DataTypePtr & type)
{
    if (const auto * nullable = dynamic_cast<const DataTypeNullable *>(type.get()))
        return nullable->getNestedType();
    return type;
}

} // namespace pipit
