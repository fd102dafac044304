#pragma once

#include "engine/base/TimeZone.h"
#include "engine/columns/ColumnVector.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// DateTime as UInt32 seconds since the epoch in a ColumnUInt32, shown in its time zone (UTC when
/// none is given; the name is "DateTime" then, else "DateTime('Europe/Madrid')"). Text
/// YYYY-MM-DD hh:mm:ss: bare in text/TSV, '...' in Values, "..." in CSV and JSON. Parsing accepts
/// the forms of tryParseDateTime; instants outside the UInt32 range saturate.
/// Binary bulk: 4 raw bytes per row.
class DataTypeDateTime final : public IDataType
{
public:
    DataTypeDateTime();
    /// Throws BAD_ARGUMENTS for an unknown zone.
    explicit DataTypeDateTime(std::string_view time_zone);

    const TimeZone & getTimeZone() const { return *time_zone_; }
    bool hasExplicitTimeZone() const { return has_explicit_time_zone_; }

    std::string getName() const override;
    TypeIndex getTypeId() const override { return TypeIndex::DateTime; }
    MutableColumnPtr createColumn() const override { return ColumnUInt32::create(); }
    Field getDefault() const override { return Field(UInt64(0)); }
    bool isValueRepresentedByNumber() const override { return true; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

private:
    const TimeZone * time_zone_;
    bool has_explicit_time_zone_;
};

} // namespace pipit
