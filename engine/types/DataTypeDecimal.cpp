#include "engine/types/DataTypeDecimal.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

template <typename T>
DataTypeDecimal<T>::DataTypeDecimal(UInt32 precision, UInt32 scale)
    : precision_(precision)
    , scale_(scale)
{
    if (precision < 1 || precision > max_precision)
        throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "Precision " + std::to_string(precision) + " is out of bounds (1.." +
                                                              std::to_string(max_precision) + ") for decimal");
    if (scale > precision)
        throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND,
                        "Scale " + std::to_string(scale) + " is out of bounds (max scale: " + std::to_string(precision) + ") for Decimal");
}

template <typename T>
std::string DataTypeDecimal<T>::getName() const
{
    return "Decimal(" + std::to_string(precision_) + ", " + std::to_string(scale_) + ")";
}

template <typename T>
TypeIndex DataTypeDecimal<T>::getTypeId() const
{
    if constexpr (sizeof(T) == 4)
        return TypeIndex::Decimal32;
    else if constexpr (sizeof(T) == 8)
        return TypeIndex::Decimal64;
    else
        return TypeIndex::Decimal128;
}

template <typename T>
T DataTypeDecimal<T>::parseValue(std::string_view text) const
{
    Int128 v;
    if (!tryParseDecimal(text, precision_, scale_, v))
        throw Exception(ErrorCode::CANNOT_PARSE_NUMBER, "Cannot parse " + quoteForError(text) + " as " + getName());
    return static_cast<T>(v);
}

template <typename T>
void DataTypeDecimal<T>::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    writeDecimalText(assertColumnCast<ColumnType>(column).getData()[row], scale_, out, settings.decimal_trailing_zeros);
}

template <typename T>
void DataTypeDecimal<T>::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    if (settings.json_quote_decimals)
        out.write('"');
    serializeText(column, row, out, settings);
    if (settings.json_quote_decimals)
        out.write('"');
}

template <typename T>
void DataTypeDecimal<T>::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readWholeRest(s, in);
    T v = parseValue(s);
    assertColumnCast<ColumnType>(column).getData().push_back(v);
}

template <typename T>
void DataTypeDecimal<T>::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    serializeVectorBulk(assertColumnCast<ColumnType>(column).getData(), out, offset, limit);
}

template <typename T>
void DataTypeDecimal<T>::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    deserializeVectorBulk(assertColumnCast<ColumnType>(column).getData(), in, limit);
}

template class DataTypeDecimal<Int32>;
template class DataTypeDecimal<Int64>;
template class DataTypeDecimal<Int128>;

DataTypePtr createDecimal(UInt32 precision, UInt32 scale)
{
    if (precision < 1 || precision > 38)
        throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND,
                        "Precision " + std::to_string(precision) + " is out of bounds (1..38) for Decimal");
    if (precision <= 9)
        return std::make_shared<DataTypeDecimal32>(precision, scale);
    if (precision <= 18)
        return std::make_shared<DataTypeDecimal64>(precision, scale);
    return std::make_shared<DataTypeDecimal128>(precision, scale);
}

} // namespace pipit
