#pragma once

#include "engine/columns/ColumnVector.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Date32 as Int32 days since 1970-01-01 (1900-01-01 .. 2299-12-31) in a ColumnInt32. Text
/// YYYY-MM-DD: bare in text/TSV, '...' in Values, "..." in CSV and JSON. Parsing accepts a date or
/// a date-time (its date part); out-of-range dates saturate to the range ends.
/// Binary bulk: 4 raw bytes per row.
class DataTypeDate32 final : public IDataType
{
public:
    std::string getName() const override { return "Date32"; }
    TypeIndex getTypeId() const override { return TypeIndex::Date32; }
    MutableColumnPtr createColumn() const override { return ColumnInt32::create(); }
    Field getDefault() const override { return Field(Int64(0)); }
    bool isValueRepresentedByNumber() const override { return true; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

    static constexpr Int32 min_day = -25567; /// 1900-01-01
    static constexpr Int32 max_day = 120529; /// 2299-12-31
};

} // namespace pipit
