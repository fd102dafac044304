#include "engine/columns/Field.h"

#include "engine/base/Exception.h"

#include <charconv>
#include <cmath>

namespace pipit
{

namespace
{

std::string int128ToString(Int128 v)
{
    if (v == 0)
        return "0";
    bool negative = v < 0;
    UInt128 u = negative ? static_cast<UInt128>(-(v + 1)) + 1 : static_cast<UInt128>(v);
    std::string out;
    while (u > 0)
    {
        out.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
    }
    if (negative)
        out.push_back('-');
    return {out.rbegin(), out.rend()};
}

std::string uint128ToString(UInt128 u)
{
    if (u == 0)
        return "0";
    std::string out;
    while (u > 0)
    {
        out.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
    }
    return {out.rbegin(), out.rend()};
}

std::string dumpList(const FieldVector & values, char open, char close)
{
    std::string out(1, open);
    for (size_t i = 0; i < values.size(); ++i)
    {
        if (i)
            out += ", ";
        out += values[i].dump();
    }
    out += close;
    return out;
}

int compareLists(const FieldVector & lhs, const FieldVector & rhs)
{
    for (size_t i = 0; i < lhs.size() && i < rhs.size(); ++i)
        if (int c = compareFields(lhs[i], rhs[i]))
            return c;
    return lhs.size() < rhs.size() ? -1 : (lhs.size() > rhs.size() ? 1 : 0);
}

bool isNumeric(Field::Which w)
{
    switch (w)
    {
    case Field::Which::UInt64:
    case Field::Which::Int64:
    case Field::Which::Float64:
    case Field::Which::UInt128:
    case Field::Which::Int128:
    case Field::Which::Decimal:
        return true;
    default:
        return false;
    }
}

template <typename T>
int cmp(const T & a, const T & b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

} // namespace

Float64 Field::toFloat64() const
{
    switch (which())
    {
    case Which::UInt64:
        return static_cast<Float64>(get<UInt64>());
    case Which::Int64:
        return static_cast<Float64>(get<Int64>());
    case Which::Float64:
        return get<Float64>();
    case Which::UInt128:
        return static_cast<Float64>(get<UInt128>());
    case Which::Int128:
        return static_cast<Float64>(get<Int128>());
    case Which::Decimal:
    {
        const auto & d = get<FieldDecimal>();
        return static_cast<Float64>(d.value) / std::pow(10.0, d.scale);
    }
    default:
        throw Exception(ErrorCode::BAD_TYPE_OF_FIELD, "Value " + dump() + " is not a number");
    }
}

Int64 Field::toInt64() const
{
    switch (which())
    {
    case Which::UInt64:
        return static_cast<Int64>(get<UInt64>());
    case Which::Int64:
        return get<Int64>();
    case Which::Float64:
        return static_cast<Int64>(get<Float64>());
    case Which::UInt128:
        return static_cast<Int64>(get<UInt128>());
    case Which::Int128:
        return static_cast<Int64>(get<Int128>());
    case Which::Decimal:
        return static_cast<Int64>(toFloat64());
    default:
        throw Exception(ErrorCode::BAD_TYPE_OF_FIELD, "Value " + dump() + " is not a number");
    }
}

UInt64 Field::toUInt64() const
{
    if (which() == Which::UInt64)
        return get<UInt64>();
    return static_cast<UInt64>(toInt64());
}

std::string Field::dump() const
{
    switch (which())
    {
    case Which::Null:
        return "NULL";
    case Which::UInt64:
        return std::to_string(get<UInt64>());
    case Which::Int64:
        return std::to_string(get<Int64>());
    case Which::Float64:
    {
        char buf[64];
        auto res = std::to_chars(buf, buf + sizeof(buf), get<Float64>());
        return std::string(buf, res.ptr);
    }
    case Which::UInt128:
        return uint128ToString(get<UInt128>());
    case Which::Int128:
        return int128ToString(get<Int128>());
    case Which::String:
    {
        std::string out = "'";
        for (char c : get<std::string>())
        {
            if (c == '\'' || c == '\\')
                out += '\\';
            out += c;
        }
        return out + "'";
    }
    case Which::Array:
        return dumpList(get<FieldArray>().values, '[', ']');
    case Which::Tuple:
        return dumpList(get<FieldTuple>().values, '(', ')');
    case Which::Map:
        return "map" + dumpList(get<FieldMap>().entries, '(', ')');
    case Which::Decimal:
    {
        const auto & d = get<FieldDecimal>();
        std::string digits = int128ToString(d.value < 0 ? -d.value : d.value);
        if (d.scale > 0)
        {
            if (digits.size() <= d.scale)
                digits.insert(0, d.scale - digits.size() + 1, '0');
            digits.insert(digits.size() - d.scale, ".");
        }
        return (d.value < 0 ? "-" : "") + digits;
    }
    }
    return "?";
}

int compareFields(const Field & lhs, const Field & rhs)
{
    using W = Field::Which;
    W l = lhs.which();
    W r = rhs.which();
    if (l == W::Null || r == W::Null)
        return cmp(l != W::Null, r != W::Null);
    if (l == r)
    {
        switch (l)
        {
        case W::UInt64:
            return cmp(lhs.get<UInt64>(), rhs.get<UInt64>());
        case W::Int64:
            return cmp(lhs.get<Int64>(), rhs.get<Int64>());
        case W::Float64:
            return cmp(lhs.get<Float64>(), rhs.get<Float64>());
        case W::UInt128:
            return cmp(lhs.get<UInt128>(), rhs.get<UInt128>());
        case W::Int128:
            return cmp(lhs.get<Int128>(), rhs.get<Int128>());
        case W::String:
            return cmp(lhs.get<std::string>(), rhs.get<std::string>());
        case W::Array:
            return compareLists(lhs.get<FieldArray>().values, rhs.get<FieldArray>().values);
        case W::Tuple:
            return compareLists(lhs.get<FieldTuple>().values, rhs.get<FieldTuple>().values);
        case W::Map:
            return compareLists(lhs.get<FieldMap>().entries, rhs.get<FieldMap>().entries);
        case W::Decimal:
            if (lhs.get<FieldDecimal>().scale == rhs.get<FieldDecimal>().scale)
                return cmp(lhs.get<FieldDecimal>().value, rhs.get<FieldDecimal>().value);
            return cmp(lhs.toFloat64(), rhs.toFloat64());
        case W::Null:
            return 0;
        }
    }
    if (isNumeric(l) && isNumeric(r))
    {
        // Exact for mixed signed/unsigned 64-bit integers, by value for the rest.
        if (l == W::UInt64 && r == W::Int64)
            return rhs.get<Int64>() < 0 ? 1 : cmp(lhs.get<UInt64>(), static_cast<UInt64>(rhs.get<Int64>()));
        if (l == W::Int64 && r == W::UInt64)
            return lhs.get<Int64>() < 0 ? -1 : cmp(static_cast<UInt64>(lhs.get<Int64>()), rhs.get<UInt64>());
        return cmp(lhs.toFloat64(), rhs.toFloat64());
    }
    return cmp(static_cast<int>(l), static_cast<int>(r));
}

} // namespace pipit
