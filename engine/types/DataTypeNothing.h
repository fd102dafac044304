#pragma once

#include "engine/columns/ColumnVector.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Type of the NULL literal (as Nullable(Nothing)) and of empty arrays ([] is Array(Nothing)).
/// Has no values of its own: its column is a ColumnUInt8 of zeros used only for its length. Text
/// prints NULL (JSON null); parsing accepts only NULL / \N / null.
/// Binary bulk: nothing is written; reading appends `limit` rows.
class DataTypeNothing final : public IDataType
{
public:
    std::string getName() const override { return "Nothing"; }
    TypeIndex getTypeId() const override { return TypeIndex::Nothing; }
    MutableColumnPtr createColumn() const override { return ColumnUInt8::create(); }
    Field getDefault() const override { return Field(Null {}); }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;
};

} // namespace pipit
