#pragma once

#include "engine/base/BasicTypes.h"

#include <compare>
#include <string>
#include <variant>
#include <vector>

namespace pipit
{

class Field;
using FieldVector = std::vector<Field>;

struct Null
{
    auto operator<=>(const Null &) const = default;
};

/// Tuple(...) values and Map entries are FieldVectors tagged so they stay distinct from Array.
struct FieldArray
{
    FieldVector values;
    bool operator==(const FieldArray &) const = default;
};
struct FieldTuple
{
    FieldVector values;
    bool operator==(const FieldTuple &) const = default;
};
/// Map as a list of 2-element tuples (key, value) in insertion order.
struct FieldMap
{
    FieldVector entries;
    bool operator==(const FieldMap &) const = default;
};
/// Decimal value: `value` / 10^scale.
struct FieldDecimal
{
    Int128 value = 0;
    UInt32 scale = 0;
    bool operator==(const FieldDecimal &) const = default;
};

/// One value of any type, used where values are few: literals, defaults, index keys, settings.
/// Vectorized paths work on columns, never on Fields. Integer widths collapse to UInt64/Int64,
/// Bool is UInt64, Date/DateTime are their numeric representation, UUID is UInt128.
class Field
{
public:
    enum class Which
    {
        Null,
        UInt64,
        Int64,
        Float64,
        UInt128,
        Int128,
        String,
        Array,
        Tuple,
        Map,
        Decimal,
    };

    Field() = default;
    Field(Null) {}
    Field(bool v)
        : value_(static_cast<UInt64>(v))
    {
    }
    Field(UInt8 v)
        : value_(static_cast<UInt64>(v))
    {
    }
    Field(UInt16 v)
        : value_(static_cast<UInt64>(v))
    {
    }
    Field(UInt32 v)
        : value_(static_cast<UInt64>(v))
    {
    }
    Field(unsigned long v)
        : value_(static_cast<UInt64>(v))
    {
    }
    Field(unsigned long long v)
        : value_(static_cast<UInt64>(v))
    {
    }
    Field(Int8 v)
        : value_(static_cast<Int64>(v))
    {
    }
    Field(Int16 v)
        : value_(static_cast<Int64>(v))
    {
    }
    Field(Int32 v)
        : value_(static_cast<Int64>(v))
    {
    }
    Field(long v)
        : value_(static_cast<Int64>(v))
    {
    }
    Field(long long v)
        : value_(static_cast<Int64>(v))
    {
    }
    Field(float v)
        : value_(static_cast<Float64>(v))
    {
    }
    Field(double v)
        : value_(v)
    {
    }
    Field(UInt128 v)
        : value_(v)
    {
    }
    Field(Int128 v)
        : value_(v)
    {
    }
    Field(std::string v)
        : value_(std::move(v))
    {
    }
    Field(std::string_view v)
        : value_(std::string(v))
    {
    }
    Field(const char * v)
        : value_(std::string(v))
    {
    }
    Field(FieldArray v)
        : value_(std::move(v))
    {
    }
    Field(FieldTuple v)
        : value_(std::move(v))
    {
    }
    Field(FieldMap v)
        : value_(std::move(v))
    {
    }
    Field(FieldDecimal v)
        : value_(v)
    {
    }

    Which which() const { return static_cast<Which>(value_.index()); }
    bool isNull() const { return which() == Which::Null; }

    template <typename T>
    const T & get() const
    {
        return std::get<T>(value_);
    }
    template <typename T>
    T & get()
    {
        return std::get<T>(value_);
    }
    template <typename T>
    const T * tryGet() const
    {
        return std::get_if<T>(&value_);
    }

    /// Numeric value converted to the requested arithmetic type (UInt64/Int64/Float64/Decimal);
    /// throws BAD_TYPE_OF_FIELD for non-numeric fields.
    Float64 toFloat64() const;
    Int64 toInt64() const;
    UInt64 toUInt64() const;

    /// SQL-literal-like text for messages and EXPLAIN: 42, -1, 0.5, 'str', [1, 2], (1, 'a'), NULL.
    std::string dump() const;

    bool operator==(const Field & rhs) const = default;

private:
    std::variant<Null, UInt64, Int64, Float64, UInt128, Int128, std::string, FieldArray, FieldTuple, FieldMap, FieldDecimal> value_;
};

/// Total order used by index analysis and sorting of Fields: NULL sorts first; numbers of different
/// representations compare by value; strings byte-wise; arrays/tuples lexicographically.
int compareFields(const Field & lhs, const Field & rhs);

} // namespace pipit
