#pragma once

#include "engine/columns/ColumnVector.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Integers and floats (UInt8..UInt64, Int8..Int64, Int128, UInt128, Float32, Float64) in a
/// ColumnVector<T>. Text is the plain number in every format (floats: inf, -inf, nan); JSON prints
/// numbers except 64-bit integers when json_quote_64bit_integers, 128-bit integers when
/// json_quote_decimals, and non-finite floats as null (quoted when json_quote_denormals).
/// Binary bulk: the values as raw little-endian bytes, sizeof(T) each.
template <typename T>
class DataTypeNumber final : public IDataType
{
public:
    using FieldType = T;
    using ColumnType = ColumnVector<T>;

    std::string getName() const override;
    TypeIndex getTypeId() const override;
    MutableColumnPtr createColumn() const override { return ColumnType::create(); }
    Field getDefault() const override { return Field(T {}); }
    bool isValueRepresentedByNumber() const override { return true; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

    /// Parses one value of the text (whole string) or throws CANNOT_PARSE_NUMBER.
    static T parseValue(std::string_view text);
};

using DataTypeUInt8 = DataTypeNumber<UInt8>;
using DataTypeUInt16 = DataTypeNumber<UInt16>;
using DataTypeUInt32 = DataTypeNumber<UInt32>;
using DataTypeUInt64 = DataTypeNumber<UInt64>;
using DataTypeUInt128 = DataTypeNumber<UInt128>;
using DataTypeInt8 = DataTypeNumber<Int8>;
using DataTypeInt16 = DataTypeNumber<Int16>;
using DataTypeInt32 = DataTypeNumber<Int32>;
using DataTypeInt64 = DataTypeNumber<Int64>;
using DataTypeInt128 = DataTypeNumber<Int128>;
using DataTypeFloat32 = DataTypeNumber<Float32>;
using DataTypeFloat64 = DataTypeNumber<Float64>;

/// End of the row range [offset, offset + limit) clipped to `rows` (limit may be SIZE_MAX).
inline size_t bulkRangeEnd(size_t rows, size_t offset, size_t limit)
{
    return offset >= rows ? offset : offset + std::min(limit, rows - offset);
}

/// Raw fixed-width bulk (de)serialisation shared by every type stored in a ColumnVector.
template <typename T>
void serializeVectorBulk(const PODArray<T> & data, WriteBuffer & out, size_t offset, size_t limit);
template <typename T>
void deserializeVectorBulk(PODArray<T> & data, ReadBuffer & in, size_t limit);

} // namespace pipit
