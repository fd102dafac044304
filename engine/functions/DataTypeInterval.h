#pragma once

#include "engine/types/IDataType.h"

namespace pipit
{

/// IntervalNanosecond .. IntervalYear: a count of calendar units, the type of `INTERVAL n unit`
/// (toIntervalDay(n)). Stored as Int64. Its TypeIndex is Int64 so it converts and compares like
/// a number; date arithmetic recognises it by class (dynamic_cast) and applies the unit.
class DataTypeInterval final : public IDataType
{
public:
    enum class Kind
    {
        Second,
        Minute,
        Hour,
        Day,
        Week,
        Month,
        Quarter,
        Year,
        Millisecond,
        Microsecond,
        Nanosecond,
    };

    explicit DataTypeInterval(Kind kind)
        : kind_(kind)
    {
    }

    Kind getKind() const { return kind_; }
    /// "Day", "Hour", ...
    static const char * kindName(Kind kind);
    /// Seconds in one unit for fixed-length units (Second..Week); 0 for Month/Quarter/Year and sub-second units.
    static Int64 fixedSeconds(Kind kind);
    /// Decimal digits of a second of a sub-second unit (Millisecond 3, Microsecond 6, Nanosecond 9); 0 for the others.
    static UInt32 subsecondScale(Kind kind);

    std::string getName() const override { return std::string("Interval") + kindName(kind_); }
    TypeIndex getTypeId() const override { return TypeIndex::Int64; }
    MutableColumnPtr createColumn() const override;
    Field getDefault() const override { return Field(Int64(0)); }
    bool canBeInsideNullable() const override { return true; }
    bool isValueRepresentedByNumber() const override { return true; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

private:
    Kind kind_;
};

} // namespace pipit
