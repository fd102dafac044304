#pragma once

#include "engine/columns/ColumnVector.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Date as UInt16 days since 1970-01-01 (1970-01-01 .. 2149-06-06) in a ColumnUInt16. Text
/// YYYY-MM-DD: bare in text/TSV, '...' in Values, "..." in CSV and JSON. Parsing accepts a date or
/// a date-time (its date part); out-of-range dates saturate to the range ends.
/// Binary bulk: 2 raw bytes per row.
class DataTypeDate final : public IDataType
{
public:
    std::string getName() const override { return "Date"; }
    TypeIndex getTypeId() const override { return TypeIndex::Date; }
    MutableColumnPtr createColumn() const override { return ColumnUInt16::create(); }
    Field getDefault() const override { return Field(UInt64(0)); }
    bool isValueRepresentedByNumber() const override { return true; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

    /// Days since epoch of a date or date-time text (unclamped); throws CANNOT_PARSE_DATE.
    static Int32 parseDays(std::string_view text);
};

} // namespace pipit
