#pragma once

#include "engine/base/Exception.h"
#include "engine/columns/ColumnConst.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/functions/IFunction.h"

#include <type_traits>

namespace pipit
{

class TimeZone;

/// Shared vocabulary of function implementations: type predicates and constructors, access to
/// numeric/string argument data whether constant or not, and dispatch over numeric types.

/// Type predicates by TypeIndex.
bool isNativeNumber(TypeIndex t); /// UInt8..Float64 and Bool
bool isInteger(TypeIndex t);
bool isFloat(TypeIndex t);
bool isStringOrFixedString(TypeIndex t);
bool isDateOrDate32(TypeIndex t);
bool isDateTimeOrDateTime64(TypeIndex t);
inline bool isDateOrDateTime(TypeIndex t)
{
    return isDateOrDate32(t) || isDateTimeOrDateTime64(t);
}
bool isDecimal(TypeIndex t);
bool isNothing(const IDataType & type); /// Nothing or Nullable(Nothing)

/// Shared instances of simple types.
const DataTypePtr & typeUInt8();
const DataTypePtr & typeUInt16();
const DataTypePtr & typeUInt32();
const DataTypePtr & typeUInt64();
const DataTypePtr & typeInt8();
const DataTypePtr & typeInt16();
const DataTypePtr & typeInt32();
const DataTypePtr & typeInt64();
const DataTypePtr & typeFloat32();
const DataTypePtr & typeFloat64();
const DataTypePtr & typeString();
const DataTypePtr & typeDate();
const DataTypePtr & typeDate32();
const DataTypePtr & typeNothing();
const DataTypePtr & typeBool();
/// DateTime with an explicit zone name ("" = the default zone, UTC).
DataTypePtr typeDateTime(const std::string & time_zone = "");
DataTypePtr typeDateTime64(UInt32 scale, const std::string & time_zone = "");
DataTypePtr typeByName(const std::string & name);

/// Number type of the given properties, as ClickHouse's NumberTraits::Construct: size in bytes
/// (1, 2, 4, 8; floats 4 or 8).
DataTypePtr numberType(bool is_signed, bool is_float, size_t size);

DataTypePtr makeNullableType(const DataTypePtr & type);
DataTypePtr removeNullableType(const DataTypePtr & type);
DataTypePtr removeLowCardinalityType(const DataTypePtr & type);
/// Inner type of Array(T).
DataTypePtr arrayNestedType(const DataTypePtr & type);
/// Element types of Tuple(...).
DataTypes tupleElementTypes(const DataTypePtr & type);
/// Time zone of DateTime/DateTime64 (UTC when none is given); UTC for other types.
const TimeZone & timeZoneOf(const IDataType & type);
/// Explicit zone name of DateTime/DateTime64 or "".
std::string timeZoneNameOf(const IDataType & type);
/// Scale of DateTime64 / Decimal; 0 for other types.
UInt32 scaleOf(const IDataType & type);
/// Least common type of `types` (ClickHouse getLeastSupertype); throws NO_COMMON_TYPE-like
/// TYPE_MISMATCH when there is none.
DataTypePtr leastSupertype(const DataTypes & types);

/// Type of a literal as ClickHouse infers it: the smallest UInt/Int type that holds an integer,
/// Float64, String, Nullable(Nothing) for NULL, Array(supertype of elements), Tuple(element types).
DataTypePtr dataTypeOfField(const Field & value);

/// A ColumnConst holding `value` of `type` repeated `rows` times.
ColumnPtr createConstColumn(const DataTypePtr & type, const Field & value, size_t rows);

/// Reads the values of a numeric argument of physical type T, constant or not.
template <typename T>
class NumericArgument
{
public:
    explicit NumericArgument(const IColumn & column)
    {
        if (const auto * c = dynamic_cast<const ColumnConst *>(&column))
        {
            is_const_ = true;
            value_ = assertColumnCast<ColumnVector<T>>(c->getDataColumn()).getData()[0];
            data_ = &value_;
        }
        else
            data_ = assertColumnCast<ColumnVector<T>>(column).getData().data();
    }
    bool isConst() const { return is_const_; }
    const T * data() const { return data_; }
    T operator[](size_t i) const { return is_const_ ? value_ : data_[i]; }
    T constValue() const { return value_; }

private:
    bool is_const_ = false;
    T value_ {};
    const T * data_ = nullptr;
};

/// Reads the values of a String argument, constant or not.
class StringArgument
{
public:
    explicit StringArgument(const IColumn & column)
    {
        if (const auto * c = dynamic_cast<const ColumnConst *>(&column))
        {
            is_const_ = true;
            value_ = c->getDataColumn().getDataAt(0);
        }
        else
            column_ = &assertColumnCast<ColumnString>(column);
    }
    bool isConst() const { return is_const_; }
    std::string_view operator[](size_t i) const { return is_const_ ? value_ : column_->getDataAt(i); }
    const ColumnString * column() const { return column_; }
    std::string_view constValue() const { return value_; }

private:
    bool is_const_ = false;
    std::string_view value_;
    const ColumnString * column_ = nullptr;
};

template <typename T>
struct TypeTag
{
    using Type = T;
};

/// Calls f(TypeTag<T>{}) with the physical type of a native number type index (Bool as UInt8);
/// returns false (without calling) for other types.
template <typename F>
bool dispatchNativeNumber(TypeIndex t, F && f)
{
    switch (t)
    {
    case TypeIndex::UInt8:
        f(TypeTag<UInt8> {});
        return true;
    case TypeIndex::Bool:
        f(TypeTag<UInt8> {});
        return true;
    case TypeIndex::UInt16:
        f(TypeTag<UInt16> {});
        return true;
    case TypeIndex::UInt32:
        f(TypeTag<UInt32> {});
        return true;
    case TypeIndex::UInt64:
        f(TypeTag<UInt64> {});
        return true;
    case TypeIndex::Int8:
        f(TypeTag<Int8> {});
        return true;
    case TypeIndex::Int16:
        f(TypeTag<Int16> {});
        return true;
    case TypeIndex::Int32:
        f(TypeTag<Int32> {});
        return true;
    case TypeIndex::Int64:
        f(TypeTag<Int64> {});
        return true;
    case TypeIndex::Float32:
        f(TypeTag<Float32> {});
        return true;
    case TypeIndex::Float64:
        f(TypeTag<Float64> {});
        return true;
    default:
        return false;
    }
}

/// Like dispatchNativeNumber, plus the number-backed time types by their physical type
/// (Date UInt16, Date32 Int32, DateTime UInt32, DateTime64 Int64).
template <typename F>
bool dispatchPhysicalNumber(TypeIndex t, F && f)
{
    switch (t)
    {
    case TypeIndex::Date:
        f(TypeTag<UInt16> {});
        return true;
    case TypeIndex::Date32:
        f(TypeTag<Int32> {});
        return true;
    case TypeIndex::DateTime:
        f(TypeTag<UInt32> {});
        return true;
    case TypeIndex::DateTime64:
        f(TypeTag<Int64> {});
        return true;
    default:
        return dispatchNativeNumber(t, std::forward<F>(f));
    }
}

/// TypeIndex of a native number type T.
template <typename T>
constexpr TypeIndex typeIndexOf()
{
    if constexpr (std::is_same_v<T, UInt8>)
        return TypeIndex::UInt8;
    else if constexpr (std::is_same_v<T, UInt16>)
        return TypeIndex::UInt16;
    else if constexpr (std::is_same_v<T, UInt32>)
        return TypeIndex::UInt32;
    else if constexpr (std::is_same_v<T, UInt64>)
        return TypeIndex::UInt64;
    else if constexpr (std::is_same_v<T, Int8>)
        return TypeIndex::Int8;
    else if constexpr (std::is_same_v<T, Int16>)
        return TypeIndex::Int16;
    else if constexpr (std::is_same_v<T, Int32>)
        return TypeIndex::Int32;
    else if constexpr (std::is_same_v<T, Int64>)
        return TypeIndex::Int64;
    else if constexpr (std::is_same_v<T, Float32>)
        return TypeIndex::Float32;
    else
        return TypeIndex::Float64;
}

/// Converts a number to T without undefined behaviour: integers wrap like ClickHouse's
/// static casts, floats that are NaN or outside the 64-bit range become 0 before wrapping.
template <typename To, typename From>
inline To convertNumber(From value)
{
    if constexpr (std::is_floating_point_v<From> && !std::is_floating_point_v<To>)
    {
        if (!(value > -9.2233720368547758e18 && value < 1.8446744073709552e19))
            return To {};
        if (value < 0)
            return static_cast<To>(static_cast<Int64>(value));
        if (value >= 9.2233720368547758e18)
            return static_cast<To>(static_cast<UInt64>(value));
        return static_cast<To>(static_cast<Int64>(value));
    }
    else
        return static_cast<To>(value);
}

/// Removes a ColumnConst wrapper.
inline const IColumn & unwrapConst(const IColumn & column)
{
    if (const auto * c = dynamic_cast<const ColumnConst *>(&column))
        return c->getDataColumn();
    return column;
}

inline bool isColumnConst(const IColumn & column)
{
    return column.isConst();
}

/// "Illegal type X of argument N of function f" style message, with `what` appended when given.
[[noreturn]] void throwIllegalTypeOfArgument(const std::string & function, const DataTypePtr & type, size_t index,
                                             const std::string & what = "");

} // namespace pipit
