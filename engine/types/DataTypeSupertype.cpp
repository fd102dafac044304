#include "engine/types/DataTypeSupertype.h"

#include "engine/base/Exception.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeDate.h"
#include "engine/types/DataTypeDate32.h"
#include "engine/types/DataTypeDateTime.h"
#include "engine/types/DataTypeDateTime64.h"
#include "engine/types/DataTypeDecimal.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeMap.h"
#include "engine/types/DataTypeNothing.h"
#include "engine/types/DataTypeNullable.h"
#include "engine/types/DataTypeNumber.h"
#include "engine/types/DataTypeString.h"
#include "engine/types/DataTypeTuple.h"

#include <algorithm>

namespace pipit
{

namespace
{

struct NoCommonType
{
    std::string reason;
};

std::string typeList(const DataTypes & types)
{
    std::string s;
    for (const auto & t : types)
        s += (s.empty() ? "" : ", ") + t->getName();
    return s;
}

bool isNothing(const DataTypePtr & t)
{
    return t->getTypeId() == TypeIndex::Nothing;
}

bool isNullableNothing(const DataTypePtr & t)
{
    const auto * n = dynamic_cast<const DataTypeNullable *>(t.get());
    return n && isNothing(n->getNestedType());
}

/// Integer properties: bits and signedness; Bool as UInt8. Returns false if not an integer.
bool integerInfo(TypeIndex id, size_t & bits, bool & is_signed)
{
    switch (id)
    {
    case TypeIndex::Bool:
        bits = 8;
        is_signed = false;
        return true;
    case TypeIndex::UInt8:
        bits = 8;
        is_signed = false;
        return true;
    case TypeIndex::UInt16:
        bits = 16;
        is_signed = false;
        return true;
    case TypeIndex::UInt32:
        bits = 32;
        is_signed = false;
        return true;
    case TypeIndex::UInt64:
        bits = 64;
        is_signed = false;
        return true;
    case TypeIndex::UInt128:
        bits = 128;
        is_signed = false;
        return true;
    case TypeIndex::Int8:
        bits = 8;
        is_signed = true;
        return true;
    case TypeIndex::Int16:
        bits = 16;
        is_signed = true;
        return true;
    case TypeIndex::Int32:
        bits = 32;
        is_signed = true;
        return true;
    case TypeIndex::Int64:
        bits = 64;
        is_signed = true;
        return true;
    case TypeIndex::Int128:
        bits = 128;
        is_signed = true;
        return true;
    default:
        return false;
    }
}

/// Decimal digits needed for the integer part of an integer type.
UInt32 integerDigits(size_t bits, bool is_signed)
{
    switch (bits)
    {
    case 8:
        return 3;
    case 16:
        return 5;
    case 32:
        return 10;
    case 64:
        return is_signed ? 19 : 20;
    default:
        return 39;
    }
}

DataTypePtr makeInteger(size_t bits, bool is_signed)
{
    if (is_signed)
    {
        switch (bits)
        {
        case 8:
            return std::make_shared<DataTypeInt8>();
        case 16:
            return std::make_shared<DataTypeInt16>();
        case 32:
            return std::make_shared<DataTypeInt32>();
        case 64:
            return std::make_shared<DataTypeInt64>();
        default:
            return std::make_shared<DataTypeInt128>();
        }
    }
    switch (bits)
    {
    case 8:
        return std::make_shared<DataTypeUInt8>();
    case 16:
        return std::make_shared<DataTypeUInt16>();
    case 32:
        return std::make_shared<DataTypeUInt32>();
    case 64:
        return std::make_shared<DataTypeUInt64>();
    default:
        return std::make_shared<DataTypeUInt128>();
    }
}

bool isDecimal(TypeIndex id)
{
    return id == TypeIndex::Decimal32 || id == TypeIndex::Decimal64 || id == TypeIndex::Decimal128;
}

UInt32 decimalPrecision(const IDataType & t)
{
    if (const auto * d = dynamic_cast<const DataTypeDecimal32 *>(&t))
        return d->getPrecision();
    if (const auto * d = dynamic_cast<const DataTypeDecimal64 *>(&t))
        return d->getPrecision();
    return dynamic_cast<const DataTypeDecimal128 &>(t).getPrecision();
}

UInt32 decimalScale(const IDataType & t)
{
    if (const auto * d = dynamic_cast<const DataTypeDecimal32 *>(&t))
        return d->getScale();
    if (const auto * d = dynamic_cast<const DataTypeDecimal64 *>(&t))
        return d->getScale();
    return dynamic_cast<const DataTypeDecimal128 &>(t).getScale();
}

DataTypePtr supertype(const DataTypes & types);

DataTypePtr supertypeImpl(const DataTypes & types)
{
    // Nothing / NULL literal.
    bool has_nullable_nothing = false;
    bool has_nothing = false;
    DataTypes rest;
    for (const auto & t : types)
    {
        if (isNullableNothing(t))
            has_nullable_nothing = true;
        else if (isNothing(t))
            has_nothing = true;
        else
            rest.push_back(t);
    }
    if (rest.empty())
        return has_nullable_nothing ? makeNullable(std::make_shared<DataTypeNothing>()) : types[0];
    if (has_nullable_nothing)
        return makeNullable(supertype(rest));
    if (has_nothing)
        return supertype(rest);

    // LowCardinality.
    size_t low_cardinality = 0;
    for (const auto & t : rest)
        low_cardinality += t->getTypeId() == TypeIndex::LowCardinality;
    if (low_cardinality)
    {
        DataTypes nested;
        for (const auto & t : rest)
            nested.push_back(removeLowCardinality(t));
        DataTypePtr result = supertype(nested);
        if (low_cardinality == rest.size())
        {
            TypeIndex id = removeNullable(result)->getTypeId();
            if (id != TypeIndex::Array && id != TypeIndex::Tuple && id != TypeIndex::Map)
                return std::make_shared<DataTypeLowCardinality>(result);
        }
        return result;
    }

    // Nullable.
    bool any_nullable = false;
    for (const auto & t : rest)
        any_nullable |= t->isNullable();
    if (any_nullable)
    {
        DataTypes nested;
        for (const auto & t : rest)
            nested.push_back(removeNullable(t));
        return makeNullable(supertype(nested));
    }

    // All equal.
    bool all_equal = true;
    for (const auto & t : rest)
        all_equal &= t->equals(*rest[0]);
    if (all_equal)
        return rest[0];

    auto count = [&](auto pred)
    {
        return static_cast<size_t>(std::count_if(rest.begin(), rest.end(), pred));
    };
    auto id_is = [](std::initializer_list<TypeIndex> ids)
    {
        return [ids](const DataTypePtr & t)
        {
            return std::find(ids.begin(), ids.end(), t->getTypeId()) != ids.end();
        };
    };

    // Composite types.
    if (size_t n = count(id_is({TypeIndex::Array})))
    {
        if (n != rest.size())
            throw NoCommonType {"some of them are Array and some of them are not"};
        DataTypes nested;
        for (const auto & t : rest)
            nested.push_back(static_cast<const DataTypeArray &>(*t).getNestedType());
        return std::make_shared<DataTypeArray>(supertype(nested));
    }
    if (size_t n = count(id_is({TypeIndex::Tuple})))
    {
        if (n != rest.size())
            throw NoCommonType {"some of them are Tuple and some of them are not"};
        const auto & first = static_cast<const DataTypeTuple &>(*rest[0]);
        size_t size = first.getElements().size();
        bool same_names = true;
        for (const auto & t : rest)
        {
            const auto & tuple = static_cast<const DataTypeTuple &>(*t);
            if (tuple.getElements().size() != size)
                throw NoCommonType {"Tuples have different sizes"};
            same_names &= tuple.getElementNames() == first.getElementNames();
        }
        DataTypes elements;
        for (size_t i = 0; i < size; ++i)
        {
            DataTypes column;
            for (const auto & t : rest)
                column.push_back(static_cast<const DataTypeTuple &>(*t).getElements()[i]);
            elements.push_back(supertype(column));
        }
        return std::make_shared<DataTypeTuple>(std::move(elements), same_names ? first.getElementNames() : std::vector<std::string> {});
    }
    if (size_t n = count(id_is({TypeIndex::Map})))
    {
        if (n != rest.size())
            throw NoCommonType {"some of them are Map and some of them are not"};
        DataTypes keys;
        DataTypes values;
        for (const auto & t : rest)
        {
            keys.push_back(static_cast<const DataTypeMap &>(*t).getKeyType());
            values.push_back(static_cast<const DataTypeMap &>(*t).getValueType());
        }
        return std::make_shared<DataTypeMap>(supertype(keys), supertype(values));
    }

    // Strings.
    if (size_t n = count(id_is({TypeIndex::String, TypeIndex::FixedString})))
    {
        if (n != rest.size())
            throw NoCommonType {"some of them are String/FixedString and some of them are not"};
        return std::make_shared<DataTypeString>();
    }

    // Dates and times.
    if (size_t n = count(id_is({TypeIndex::Date, TypeIndex::Date32, TypeIndex::DateTime, TypeIndex::DateTime64})))
    {
        if (n != rest.size())
            throw NoCommonType {"some of them are Date/Date32/DateTime/DateTime64 and some of them are not"};
        if (count(id_is({TypeIndex::DateTime64})))
        {
            UInt32 scale = 0;
            const TimeZone * tz = nullptr;
            for (const auto & t : rest)
            {
                if (const auto * dt64 = dynamic_cast<const DataTypeDateTime64 *>(t.get()))
                {
                    scale = std::max(scale, dt64->getScale());
                    if (!tz && dt64->hasExplicitTimeZone())
                        tz = &dt64->getTimeZone();
                }
                else if (const auto * dt = dynamic_cast<const DataTypeDateTime *>(t.get()); dt && !tz && dt->hasExplicitTimeZone())
                    tz = &dt->getTimeZone();
            }
            return tz ? std::make_shared<DataTypeDateTime64>(scale, tz->name()) : std::make_shared<DataTypeDateTime64>(scale);
        }
        if (count(id_is({TypeIndex::DateTime})))
        {
            for (const auto & t : rest)
                if (const auto * dt = dynamic_cast<const DataTypeDateTime *>(t.get()); dt && dt->hasExplicitTimeZone())
                    return std::make_shared<DataTypeDateTime>(dt->getTimeZone().name());
            return std::make_shared<DataTypeDateTime>();
        }
        if (count(id_is({TypeIndex::Date32})))
            return std::make_shared<DataTypeDate32>();
        return std::make_shared<DataTypeDate>();
    }

    if (count(id_is({TypeIndex::UUID})))
        throw NoCommonType {"some of them are UUID and some of them are not"};

    // Decimals.
    if (size_t n = count([](const DataTypePtr & t) { return isDecimal(t->getTypeId()); }))
    {
        UInt32 scale = 0;
        UInt32 int_digits = 0;
        for (const auto & t : rest)
        {
            size_t bits;
            bool is_signed;
            if (isDecimal(t->getTypeId()))
            {
                scale = std::max(scale, decimalScale(*t));
                int_digits = std::max(int_digits, decimalPrecision(*t) - decimalScale(*t));
            }
            else if (integerInfo(t->getTypeId(), bits, is_signed))
                int_digits = std::max(int_digits, integerDigits(bits, is_signed));
            else
                throw NoCommonType {"some of them are Decimal and some of them are not integers or Decimals"};
        }
        (void)n;
        if (int_digits + scale > 38)
            throw NoCommonType {"the resulting Decimal would need more than 38 digits"};
        return createDecimal(int_digits + scale, scale);
    }

    // Numbers.
    size_t max_unsigned = 0;
    size_t max_signed = 0;
    size_t max_float = 0;
    for (const auto & t : rest)
    {
        size_t bits;
        bool is_signed;
        TypeIndex id = t->getTypeId();
        if (integerInfo(id, bits, is_signed))
            (is_signed ? max_signed : max_unsigned) = std::max(is_signed ? max_signed : max_unsigned, bits);
        else if (id == TypeIndex::Float32)
            max_float = std::max<size_t>(max_float, 32);
        else if (id == TypeIndex::Float64)
            max_float = 64;
        else
            throw NoCommonType {"some of them are not numbers"};
    }
    if (max_float)
    {
        size_t max_int = std::max(max_unsigned, max_signed);
        if (max_float == 32 && max_int <= 16)
            return std::make_shared<DataTypeFloat32>();
        return std::make_shared<DataTypeFloat64>();
    }
    if (max_signed == 0)
        return makeInteger(max_unsigned, false);
    if (max_unsigned == 0)
        return makeInteger(max_signed, true);
    size_t bits = std::max(max_signed, max_unsigned * 2);
    if (bits > 128)
        throw NoCommonType {"some of them are signed integers and some are unsigned integers, but there is no signed integer type that "
                            "can exactly represent all required unsigned integer values"};
    return makeInteger(bits, true);
}

DataTypePtr supertype(const DataTypes & types)
{
    return supertypeImpl(types);
}

} // namespace

DataTypePtr getLeastSupertype(const DataTypes & types)
{
    if (types.empty())
        return std::make_shared<DataTypeNothing>();
    try
    {
        return supertype(types);
    }
    catch (const NoCommonType & e)
    {
        throw Exception(ErrorCode::NO_COMMON_TYPE, "There is no supertype for types " + typeList(types) + " because " + e.reason);
    }
}

DataTypePtr tryGetLeastSupertype(const DataTypes & types)
{
    try
    {
        return getLeastSupertype(types);
    }
    catch (const Exception & e)
    {
        if (e.code() == ErrorCode::NO_COMMON_TYPE)
            return nullptr;
        throw;
    }
}

} // namespace pipit
