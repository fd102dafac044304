#pragma once

#include "engine/types/DataTypeDecimal.h"
#include "engine/types/IDataType.h"

namespace pipit
{

template <typename T>
struct TypeTag
{
    using Type = T;
};

/// Calls f(TypeTag<T>{}) with T the ColumnVector element type that stores values of `type`
/// (Date -> UInt16, DateTime -> UInt32, Decimal64 -> Int64, UUID -> UInt128, Bool -> UInt8 ...).
/// Returns false, without calling f, for types not stored in a ColumnVector.
template <typename F>
bool dispatchStorageType(const IDataType & type, F && f)
{
    switch (type.getTypeId())
    {
    case TypeIndex::UInt8:
    case TypeIndex::Bool:
        f(TypeTag<UInt8> {});
        return true;
    case TypeIndex::UInt16:
    case TypeIndex::Date:
        f(TypeTag<UInt16> {});
        return true;
    case TypeIndex::UInt32:
    case TypeIndex::DateTime:
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
    case TypeIndex::Date32:
    case TypeIndex::Decimal32:
        f(TypeTag<Int32> {});
        return true;
    case TypeIndex::Int64:
    case TypeIndex::DateTime64:
    case TypeIndex::Decimal64:
        f(TypeTag<Int64> {});
        return true;
    case TypeIndex::Int128:
    case TypeIndex::Decimal128:
        f(TypeTag<Int128> {});
        return true;
    case TypeIndex::UInt128:
    case TypeIndex::UUID:
        f(TypeTag<UInt128> {});
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

inline bool isDecimalType(const IDataType & type)
{
    TypeIndex t = type.getTypeId();
    return t == TypeIndex::Decimal32 || t == TypeIndex::Decimal64 || t == TypeIndex::Decimal128;
}

/// Plain numbers: integers of every width (and Bool) and floats; not Date/DateTime/Decimal/UUID.
inline bool isNumberType(const IDataType & type)
{
    switch (type.getTypeId())
    {
    case TypeIndex::UInt8:
    case TypeIndex::Bool:
    case TypeIndex::UInt16:
    case TypeIndex::UInt32:
    case TypeIndex::UInt64:
    case TypeIndex::UInt128:
    case TypeIndex::Int8:
    case TypeIndex::Int16:
    case TypeIndex::Int32:
    case TypeIndex::Int64:
    case TypeIndex::Int128:
    case TypeIndex::Float32:
    case TypeIndex::Float64:
        return true;
    default:
        return false;
    }
}

/// Scale of a Decimal type (0 for other types).
inline UInt32 getDecimalScale(const IDataType & type)
{
    if (const auto * d32 = dynamic_cast<const DataTypeDecimal32 *>(&type))
        return d32->getScale();
    if (const auto * d64 = dynamic_cast<const DataTypeDecimal64 *>(&type))
        return d64->getScale();
    if (const auto * d128 = dynamic_cast<const DataTypeDecimal128 *>(&type))
        return d128->getScale();
    return 0;
}

} // namespace pipit
