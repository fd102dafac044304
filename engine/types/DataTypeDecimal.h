#pragma once

#include "engine/columns/ColumnVector.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Decimal(P, S): value * 10^S stored as a scaled integer T (Int32 for P <= 9, Int64 for P <= 18,
/// Int128 for P <= 38) in a ColumnVector<T>. Text: "-1.05" with trailing fractional zeros dropped
/// (kept with decimal_trailing_zeros); JSON a bare number unless json_quote_decimals. Parsing
/// truncates digits beyond S and rejects values needing more than P - S integer digits.
/// Binary bulk: sizeof(T) raw little-endian bytes per row.
template <typename T>
class DataTypeDecimal final : public IDataType
{
public:
    using FieldType = T;
    using ColumnType = ColumnVector<T>;
    static constexpr UInt32 max_precision = sizeof(T) == 4 ? 9 : (sizeof(T) == 8 ? 18 : 38);

    /// Throws ARGUMENT_OUT_OF_BOUND unless 1 <= precision <= max_precision and scale <= precision.
    DataTypeDecimal(UInt32 precision, UInt32 scale);

    UInt32 getPrecision() const { return precision_; }
    UInt32 getScale() const { return scale_; }

    std::string getName() const override;
    TypeIndex getTypeId() const override;
    MutableColumnPtr createColumn() const override { return ColumnType::create(); }
    Field getDefault() const override { return Field(FieldDecimal {0, scale_}); }
    bool isValueRepresentedByNumber() const override { return true; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

    /// Scaled value of the text; throws CANNOT_PARSE_NUMBER.
    T parseValue(std::string_view text) const;

private:
    UInt32 precision_;
    UInt32 scale_;
};

using DataTypeDecimal32 = DataTypeDecimal<Int32>;
using DataTypeDecimal64 = DataTypeDecimal<Int64>;
using DataTypeDecimal128 = DataTypeDecimal<Int128>;

/// Decimal(P, S) with the narrowest storage for P; throws ARGUMENT_OUT_OF_BOUND for P outside
/// 1..38 or S > P.
DataTypePtr createDecimal(UInt32 precision, UInt32 scale);

} // namespace pipit
