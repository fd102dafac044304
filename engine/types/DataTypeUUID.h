#pragma once

#include "engine/columns/ColumnVector.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// UUID in a ColumnUInt128: the 8-4-4-4-12 text reads most significant nibble first. Text/TSV
/// print it bare, Values '...', CSV and JSON "...".
/// Binary bulk: 16 raw little-endian bytes of the UInt128 per row.
class DataTypeUUID final : public IDataType
{
public:
    std::string getName() const override { return "UUID"; }
    TypeIndex getTypeId() const override { return TypeIndex::UUID; }
    MutableColumnPtr createColumn() const override { return ColumnUInt128::create(); }
    Field getDefault() const override { return Field(UInt128(0)); }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;
};

} // namespace pipit
