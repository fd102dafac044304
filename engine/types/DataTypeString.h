#pragma once

#include "engine/columns/ColumnString.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Arbitrary bytes in a ColumnString. Text: raw; TSV escaped; Values '...'; CSV "..." with "";
/// JSON "..." with JSON escapes.
/// Binary bulk: per row, varint byte length followed by the bytes (ClickHouse's layout).
class DataTypeString final : public IDataType
{
public:
    std::string getName() const override { return "String"; }
    TypeIndex getTypeId() const override { return TypeIndex::String; }
    MutableColumnPtr createColumn() const override { return ColumnString::create(); }
    Field getDefault() const override { return Field(std::string()); }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;

    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextCSV(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;
};

} // namespace pipit
