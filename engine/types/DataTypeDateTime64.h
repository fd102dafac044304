#pragma once

#include "engine/base/TimeZone.h"
#include "engine/columns/ColumnVector.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// DateTime64(scale[, 'tz']) as Int64 ticks of 10^-scale seconds since the epoch (scale 0..9) in a
/// ColumnInt64. Text YYYY-MM-DD hh:mm:ss.fff with exactly `scale` fractional digits; quoting as
/// DateTime. Parsing accepts the forms of tryParseDateTime64 (extra fraction digits truncated).
/// Binary bulk: 8 raw bytes per row.
class DataTypeDateTime64 final : public IDataType
{
public:
    /// Throws ARGUMENT_OUT_OF_BOUND for scale > 9, BAD_ARGUMENTS for an unknown zone.
    explicit DataTypeDateTime64(UInt32 scale);
    DataTypeDateTime64(UInt32 scale, std::string_view time_zone);

    UInt32 getScale() const { return scale_; }
    const TimeZone & getTimeZone() const { return *time_zone_; }
    bool hasExplicitTimeZone() const { return has_explicit_time_zone_; }

    std::string getName() const override;
    TypeIndex getTypeId() const override { return TypeIndex::DateTime64; }
    MutableColumnPtr createColumn() const override { return ColumnInt64::create(); }
    Field getDefault() const override { return Field(Int64(0)); }
    bool isValueRepresentedByNumber() const override { return true; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

private:
    UInt32 scale_;
    const TimeZone * time_zone_;
    bool has_explicit_time_zone_;
};

} // namespace pipit
