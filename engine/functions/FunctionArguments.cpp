#include "engine/functions/FunctionArguments.h"

#include "engine/base/TimeZone.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeDateTime.h"
#include "engine/types/DataTypeDateTime64.h"
#include "engine/types/DataTypeDecimal.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeNullable.h"
#include "engine/types/DataTypeSupertype.h"
#include "engine/types/DataTypeTuple.h"

#include <mutex>
#include <optional>
#include <unordered_map>

namespace pipit
{

bool isNativeNumber(TypeIndex t)
{
    switch (t)
    {
    case TypeIndex::UInt8:
    case TypeIndex::UInt16:
    case TypeIndex::UInt32:
    case TypeIndex::UInt64:
    case TypeIndex::Int8:
    case TypeIndex::Int16:
    case TypeIndex::Int32:
    case TypeIndex::Int64:
    case TypeIndex::Float32:
    case TypeIndex::Float64:
    case TypeIndex::Bool:
        return true;
    default:
        return false;
    }
}

bool isInteger(TypeIndex t)
{
    return isNativeNumber(t) && !isFloat(t);
}

bool isFloat(TypeIndex t)
{
    return t == TypeIndex::Float32 || t == TypeIndex::Float64;
}

bool isStringOrFixedString(TypeIndex t)
{
    return t == TypeIndex::String || t == TypeIndex::FixedString;
}

bool isDateOrDate32(TypeIndex t)
{
    return t == TypeIndex::Date || t == TypeIndex::Date32;
}

bool isDateTimeOrDateTime64(TypeIndex t)
{
    return t == TypeIndex::DateTime || t == TypeIndex::DateTime64;
}

bool isDecimal(TypeIndex t)
{
    return t == TypeIndex::Decimal32 || t == TypeIndex::Decimal64 || t == TypeIndex::Decimal128;
}

bool isNothing(const IDataType & type)
{
    if (type.getTypeId() == TypeIndex::Nothing)
        return true;
    if (const auto * nullable = dynamic_cast<const DataTypeNullable *>(&type))
        return nullable->getNestedType()->getTypeId() == TypeIndex::Nothing;
    return false;
}

DataTypePtr typeByName(const std::string & name)
{
    static std::mutex mutex;
    static std::unordered_map<std::string, DataTypePtr> cache;
    std::lock_guard lock(mutex);
    auto it = cache.find(name);
    if (it != cache.end())
        return it->second;
    auto type = parseDataType(name);
    cache.emplace(name, type);
    return type;
}

#define PIPIT_SIMPLE_TYPE(FN, NAME)                                                                                                        \
    const DataTypePtr & FN()                                                                                                               \
    {                                                                                                                                      \
        static const DataTypePtr type = parseDataType(NAME);                                                                               \
        return type;                                                                                                                       \
    }
PIPIT_SIMPLE_TYPE(typeUInt8, "UInt8")
PIPIT_SIMPLE_TYPE(typeUInt16, "UInt16")
PIPIT_SIMPLE_TYPE(typeUInt32, "UInt32")
PIPIT_SIMPLE_TYPE(typeUInt64, "UInt64")
PIPIT_SIMPLE_TYPE(typeInt8, "Int8")
PIPIT_SIMPLE_TYPE(typeInt16, "Int16")
PIPIT_SIMPLE_TYPE(typeInt32, "Int32")
PIPIT_SIMPLE_TYPE(typeInt64, "Int64")
PIPIT_SIMPLE_TYPE(typeFloat32, "Float32")
PIPIT_SIMPLE_TYPE(typeFloat64, "Float64")
PIPIT_SIMPLE_TYPE(typeString, "String")
PIPIT_SIMPLE_TYPE(typeDate, "Date")
PIPIT_SIMPLE_TYPE(typeDate32, "Date32")
PIPIT_SIMPLE_TYPE(typeNothing, "Nothing")
PIPIT_SIMPLE_TYPE(typeBool, "Bool")
#undef PIPIT_SIMPLE_TYPE

namespace
{

std::string quoteString(const std::string & s)
{
    std::string out = "'";
    for (char c : s)
    {
        if (c == '\'' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "'";
}

/// Text between the outermost parentheses of `name` after `prefix(`, or nullopt when `name` is not `prefix(...)`.
std::optional<std::string> innerOf(const std::string & name, std::string_view prefix)
{
    if (name.size() < prefix.size() + 2 || name.compare(0, prefix.size(), prefix) != 0 || name[prefix.size()] != '(' || name.back() != ')')
        return std::nullopt;
    return name.substr(prefix.size() + 1, name.size() - prefix.size() - 2);
}

/// Splits on top-level commas (outside parentheses and quotes), trimming spaces.
std::vector<std::string> splitTopLevel(const std::string & s)
{
    std::vector<std::string> parts;
    int depth = 0;
    bool quoted = false;
    std::string current;
    for (size_t i = 0; i < s.size(); ++i)
    {
        char c = s[i];
        if (quoted)
        {
            current += c;
            if (c == '\\' && i + 1 < s.size())
                current += s[++i];
            else if (c == '\'')
                quoted = false;
            continue;
        }
        if (c == '\'')
            quoted = true;
        else if (c == '(')
            ++depth;
        else if (c == ')')
            --depth;
        else if (c == ',' && depth == 0)
        {
            parts.push_back(current);
            current.clear();
            continue;
        }
        current += c;
    }
    parts.push_back(current);
    for (auto & part : parts)
    {
        size_t b = part.find_first_not_of(' ');
        size_t e = part.find_last_not_of(' ');
        part = b == std::string::npos ? "" : part.substr(b, e - b + 1);
    }
    return parts;
}

std::string unquote(const std::string & s)
{
    if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'')
    {
        std::string out;
        for (size_t i = 1; i + 1 < s.size(); ++i)
        {
            if (s[i] == '\\' && i + 2 < s.size())
                ++i;
            out += s[i];
        }
        return out;
    }
    return s;
}

} // namespace

DataTypePtr typeDateTime(const std::string & time_zone)
{
    return typeByName(time_zone.empty() ? "DateTime" : "DateTime(" + quoteString(time_zone) + ")");
}

DataTypePtr typeDateTime64(UInt32 scale, const std::string & time_zone)
{
    return typeByName("DateTime64(" + std::to_string(scale) + (time_zone.empty() ? "" : ", " + quoteString(time_zone)) + ")");
}

DataTypePtr numberType(bool is_signed, bool is_float, size_t size)
{
    if (is_float)
        return size <= 4 ? typeFloat32() : typeFloat64();
    if (size <= 1)
        return is_signed ? typeInt8() : typeUInt8();
    if (size <= 2)
        return is_signed ? typeInt16() : typeUInt16();
    if (size <= 4)
        return is_signed ? typeInt32() : typeUInt32();
    return is_signed ? typeInt64() : typeUInt64();
}

DataTypePtr makeNullableType(const DataTypePtr & type)
{
    if (type->isNullable() || !type->canBeInsideNullable())
        return type;
    return typeByName("Nullable(" + type->getName() + ")");
}

DataTypePtr removeNullableType(const DataTypePtr & type)
{
    if (!type->isNullable())
        return type;
    if (const auto * nullable = dynamic_cast<const DataTypeNullable *>(type.get()))
        return nullable->getNestedType();
    if (auto inner = innerOf(type->getName(), "Nullable"))
        return typeByName(*inner);
    return type;
}

DataTypePtr removeLowCardinalityType(const DataTypePtr & type)
{
    if (type->getTypeId() != TypeIndex::LowCardinality)
        return type;
    if (const auto * low_cardinality = dynamic_cast<const DataTypeLowCardinality *>(type.get()))
        return low_cardinality->getDictionaryType();
    if (auto inner = innerOf(type->getName(), "LowCardinality"))
        return typeByName(*inner);
    return type;
}

DataTypePtr arrayNestedType(const DataTypePtr & type)
{
    if (const auto * array = dynamic_cast<const DataTypeArray *>(type.get()))
        return array->getNestedType();
    if (auto inner = innerOf(type->getName(), "Array"))
        return typeByName(*inner);
    throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "Type " + type->getName() + " is not an Array");
}

DataTypes tupleElementTypes(const DataTypePtr & type)
{
    if (const auto * tuple = dynamic_cast<const DataTypeTuple *>(type.get()))
        return tuple->getElements();
    auto inner = innerOf(type->getName(), "Tuple");
    if (!inner)
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "Type " + type->getName() + " is not a Tuple");
    DataTypes res;
    for (const auto & part : splitTopLevel(*inner))
    {
        /// Named element "name Type": the type starts after the first space outside parentheses.
        size_t paren = part.find('(');
        size_t space = part.find(' ');
        if (space != std::string::npos && (paren == std::string::npos || space < paren))
            res.push_back(typeByName(part.substr(space + 1)));
        else
            res.push_back(typeByName(part));
    }
    return res;
}

std::string timeZoneNameOf(const IDataType & type)
{
    const std::string name = type.getName();
    if (auto inner = innerOf(name, "DateTime"))
        return unquote(*inner);
    if (auto inner = innerOf(name, "DateTime64"))
    {
        auto parts = splitTopLevel(*inner);
        if (parts.size() >= 2)
            return unquote(parts[1]);
    }
    return "";
}

const TimeZone & timeZoneOf(const IDataType & type)
{
    if (const auto * dt = dynamic_cast<const DataTypeDateTime *>(&type))
        return dt->getTimeZone();
    if (const auto * dt64 = dynamic_cast<const DataTypeDateTime64 *>(&type))
        return dt64->getTimeZone();
    auto name = timeZoneNameOf(type);
    return name.empty() ? TimeZone::utc() : TimeZone::get(name);
}

UInt32 scaleOf(const IDataType & type)
{
    if (const auto * dt64 = dynamic_cast<const DataTypeDateTime64 *>(&type))
        return dt64->getScale();
    const std::string name = type.getName();
    std::optional<std::string> inner;
    if ((inner = innerOf(name, "DateTime64")))
        return static_cast<UInt32>(std::stoul(splitTopLevel(*inner)[0]));
    for (const char * family : {"Decimal32", "Decimal64", "Decimal128"})
        if ((inner = innerOf(name, family)))
            return static_cast<UInt32>(std::stoul(splitTopLevel(*inner)[0]));
    if ((inner = innerOf(name, "Decimal")))
    {
        auto parts = splitTopLevel(*inner);
        return parts.size() >= 2 ? static_cast<UInt32>(std::stoul(parts[1])) : 0;
    }
    return 0;
}

namespace
{

struct NumberTraitsOf
{
    bool is_signed;
    bool is_float;
    size_t size;
};

NumberTraitsOf numberTraits(TypeIndex t)
{
    switch (t)
    {
    case TypeIndex::UInt8:
    case TypeIndex::Bool:
        return {false, false, 1};
    case TypeIndex::UInt16:
        return {false, false, 2};
    case TypeIndex::UInt32:
        return {false, false, 4};
    case TypeIndex::UInt64:
        return {false, false, 8};
    case TypeIndex::Int8:
        return {true, false, 1};
    case TypeIndex::Int16:
        return {true, false, 2};
    case TypeIndex::Int32:
        return {true, false, 4};
    case TypeIndex::Int64:
        return {true, false, 8};
    case TypeIndex::Float32:
        return {true, true, 4};
    default:
        return {true, true, 8};
    }
}

} // namespace

DataTypePtr leastSupertype(const DataTypes & input)
{
    if (input.empty())
        return typeNothing();
    bool has_nullable = false;
    DataTypes types;
    for (const auto & t : input)
    {
        if (t->isNullable())
            has_nullable = true;
        auto nested = removeNullableType(removeLowCardinalityType(t));
        if (nested->getTypeId() == TypeIndex::Nothing)
        {
            has_nullable = has_nullable || t->isNullable();
            continue;
        }
        types.push_back(nested);
    }
    auto wrap = [&](const DataTypePtr & t)
    {
        return has_nullable ? makeNullableType(t) : t;
    };
    if (types.empty())
        return has_nullable ? makeNullableType(typeNothing()) : typeNothing();

    bool all_equal = true;
    for (const auto & t : types)
        all_equal = all_equal && t->equals(*types[0]);
    if (all_equal)
        return wrap(types[0]);

    auto no_common = [&]() -> DataTypePtr
    {
        std::string names;
        for (const auto & t : input)
            names += (names.empty() ? "" : ", ") + t->getName();
        throw Exception(ErrorCode::NO_COMMON_TYPE, "There is no supertype for types " + names + " because some of them are incompatible");
    };

    bool all_strings = true, all_numbers = true, all_dates = true;
    for (const auto & t : types)
    {
        auto id = t->getTypeId();
        all_strings = all_strings && isStringOrFixedString(id);
        all_numbers = all_numbers && isNativeNumber(id);
        all_dates = all_dates && isDateOrDateTime(id);
    }
    if (all_strings)
        return wrap(typeString());
    if (all_dates)
    {
        bool has_datetime64 = false, has_datetime = false, has_date32 = false;
        UInt32 max_scale = 0;
        for (const auto & t : types)
        {
            auto id = t->getTypeId();
            has_datetime64 = has_datetime64 || id == TypeIndex::DateTime64;
            has_datetime = has_datetime || id == TypeIndex::DateTime;
            has_date32 = has_date32 || id == TypeIndex::Date32;
            max_scale = std::max(max_scale, scaleOf(*t));
        }
        if (has_datetime64)
            return wrap(typeDateTime64(max_scale));
        if (has_datetime)
        {
            for (const auto & t : types)
                if (t->getTypeId() == TypeIndex::DateTime)
                    return wrap(t);
        }
        return wrap(has_date32 ? typeDate32() : typeDate());
    }
    if (!all_numbers)
    {
        /// Composite types (e.g. [[1], []]: Array(UInt8) and Array(Nothing)): element-wise, as the type layer does.
        for (const auto & t : types)
        {
            auto id = t->getTypeId();
            if (id == TypeIndex::Array || id == TypeIndex::Tuple || id == TypeIndex::Map)
                return wrap(getLeastSupertype(types));
        }
        return no_common();
    }

    size_t max_unsigned = 0, max_signed = 0, max_float = 0;
    for (const auto & t : types)
    {
        auto traits = numberTraits(t->getTypeId());
        if (traits.is_float)
            max_float = std::max(max_float, traits.size);
        else if (traits.is_signed)
            max_signed = std::max(max_signed, traits.size);
        else
            max_unsigned = std::max(max_unsigned, traits.size);
    }
    if (max_float)
    {
        size_t max_int = std::max(max_signed, max_unsigned);
        if (max_float <= 4 && max_int < 4)
            return wrap(typeFloat32());
        if (max_int >= 8)
            return no_common();
        return wrap(typeFloat64());
    }
    if (max_signed)
    {
        size_t size = max_signed;
        if (max_unsigned >= max_signed)
            size = max_unsigned * 2;
        if (size > 8)
            return no_common();
        return wrap(numberType(true, false, size));
    }
    return wrap(numberType(false, false, max_unsigned));
}

DataTypePtr dataTypeOfField(const Field & value)
{
    switch (value.which())
    {
    case Field::Which::Null:
        return makeNullableType(typeNothing());
    case Field::Which::UInt64:
    {
        UInt64 v = value.get<UInt64>();
        return v <= 0xFF ? typeUInt8() : v <= 0xFFFF ? typeUInt16() : v <= 0xFFFFFFFFULL ? typeUInt32() : typeUInt64();
    }
    case Field::Which::Int64:
    {
        Int64 v = value.get<Int64>();
        if (v >= 0)
            return dataTypeOfField(Field(static_cast<UInt64>(v)));
        return v >= -128 ? typeInt8() : v >= -32768 ? typeInt16() : v >= -2147483648LL ? typeInt32() : typeInt64();
    }
    case Field::Which::Float64:
        return typeFloat64();
    case Field::Which::UInt128:
        return typeByName("UInt128");
    case Field::Which::Int128:
        return typeByName("Int128");
    case Field::Which::String:
        return typeString();
    case Field::Which::Decimal:
    {
        const auto & d = value.get<FieldDecimal>();
        return typeByName("Decimal(" + std::to_string(d.scale > 18 ? 38 : 18) + ", " + std::to_string(d.scale) + ")");
    }
    case Field::Which::Array:
    {
        DataTypes types;
        for (const auto & element : value.get<FieldArray>().values)
            types.push_back(dataTypeOfField(element));
        return typeByName("Array(" + leastSupertype(types)->getName() + ")");
    }
    case Field::Which::Tuple:
    {
        std::string name = "Tuple(";
        const auto & values = value.get<FieldTuple>().values;
        for (size_t i = 0; i < values.size(); ++i)
            name += (i ? ", " : "") + dataTypeOfField(values[i])->getName();
        return typeByName(name + ")");
    }
    case Field::Which::Map:
    {
        DataTypes keys, values;
        for (const auto & entry : value.get<FieldMap>().entries)
        {
            const auto & kv = entry.get<FieldTuple>().values;
            keys.push_back(dataTypeOfField(kv.at(0)));
            values.push_back(dataTypeOfField(kv.at(1)));
        }
        return typeByName("Map(" + leastSupertype(keys)->getName() + ", " + leastSupertype(values)->getName() + ")");
    }
    }
    return typeNothing();
}

ColumnPtr createConstColumn(const DataTypePtr & type, const Field & value, size_t rows)
{
    auto column = type->createColumn();
    column->insert(value);
    return ColumnConst::create(std::move(column), rows);
}

void throwIllegalTypeOfArgument(const std::string & function, const DataTypePtr & type, size_t index, const std::string & what)
{
    static const char * ordinals[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"};
    std::string ordinal = index < 10 ? ordinals[index] : std::to_string(index + 1) + "th";
    throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type " + (type ? type->getName() : std::string("?")) + " of " + ordinal +
                                                             " argument of function " + function + (what.empty() ? "" : ": " + what));
}

} // namespace pipit
