#pragma once

#include "engine/columns/Field.h"
#include "engine/columns/PODArray.h"

#include <memory>
#include <string_view>
#include <typeinfo>

namespace pipit
{

class IColumn;
using ColumnPtr = std::shared_ptr<const IColumn>;
using MutableColumnPtr = std::shared_ptr<IColumn>;
using Columns = std::vector<ColumnPtr>;
using MutableColumns = std::vector<MutableColumnPtr>;

/// A column is a vector of values of one physical kind, stored contiguously (DESIGN.md §3).
/// Columns know nothing about SQL types: the DataType that created a column interprets it
/// (a ColumnVector<UInt32> may hold DateTime). Operations that produce a new column return it
/// and leave `this` unchanged; insert* mutate. Per-row virtual calls (compareAt, operator[],
/// insertFrom) are for slow paths and tests; hot loops cast to the concrete column and work on
/// its data directly.
class IColumn
{
public:
    virtual ~IColumn() = default;

    /// "UInt64", "String", "Nullable", "Array", "Const", ... for messages and type dispatch.
    virtual const char * getFamilyName() const = 0;

    virtual size_t size() const = 0;
    bool empty() const { return size() == 0; }

    /// Value of row n as a Field (slow path).
    virtual Field operator[](size_t n) const = 0;
    /// Raw bytes of row n for columns with a contiguous representation (numbers, String,
    /// FixedString); throws NOT_IMPLEMENTED otherwise.
    virtual std::string_view getDataAt(size_t n) const;

    virtual MutableColumnPtr cloneEmpty() const = 0;
    /// Deep copy as a mutable column.
    virtual MutableColumnPtr cloneMutable() const;

    /// Appends a value; throws BAD_TYPE_OF_FIELD if the Field does not fit.
    virtual void insert(const Field & value) = 0;
    /// Appends row n of `src`, which must be a column of the same kind.
    virtual void insertFrom(const IColumn & src, size_t n) = 0;
    virtual void insertRangeFrom(const IColumn & src, size_t start, size_t length) = 0;
    /// Appends the type's zero value (0, '', empty array, NULL for Nullable).
    virtual void insertDefault() = 0;
    virtual void insertManyDefaults(size_t count)
    {
        for (size_t i = 0; i < count; ++i)
            insertDefault();
    }
    /// Appends raw bytes as one value (numbers: exactly sizeof(T) bytes; strings: the chars).
    virtual void insertData(const char * data, size_t size);
    virtual void popBack(size_t count) = 0;
    virtual void reserve(size_t /*count*/) {}

    /// Rows where filter[i] != 0, in order. filter.size() == size().
    virtual ColumnPtr filter(const Filter & filter, size_t result_size_hint) const = 0;
    /// Rows perm[0..limit) (limit 0 means perm.size()).
    virtual ColumnPtr permute(const Permutation & perm, size_t limit) const = 0;
    /// Rows [start, start + length).
    virtual ColumnPtr cut(size_t start, size_t length) const;
    /// Row i repeated offsets[i] - offsets[i-1] times (for ARRAY JOIN and constant expansion).
    virtual ColumnPtr replicate(const Offsets & offsets) const = 0;

    /// <0, 0, >0 comparing this[n] with rhs[m]; rhs is of the same kind. nan_direction_hint
    /// (1 or -1) says where NaN and NULL sort: 1 = after everything.
    virtual int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const = 0;
    /// Fills `perm` with the stable sort order of the rows; only the first `limit` entries must be
    /// right when limit != 0 (partial sort).
    virtual void getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const;

    /// Mixes row n into a 64-bit hash (for GROUP BY, DISTINCT, JOIN, IN sets).
    virtual void updateHashWithValue(size_t n, UInt64 & hash) const = 0;

    /// Bytes of memory used by the data.
    virtual size_t byteSize() const = 0;

    virtual bool isNullable() const { return false; }
    virtual bool isConst() const { return false; }
    /// Numeric columns of fixed width expose their values as raw memory.
    virtual bool isFixedWidth() const { return false; }
    virtual size_t sizeOfValueIfFixed() const { return 0; }
};

/// Combines 64-bit hashes (used by updateHashWithValue implementations).
inline void hashCombine(UInt64 & hash, UInt64 value)
{
    hash ^= value + 0x9E3779B97F4A7C15ULL + (hash << 6) + (hash >> 2);
    hash *= 0xFF51AFD7ED558CCDULL;
}
UInt64 hashBytes(const char * data, size_t size);

/// Takes ownership of a column just returned by filter/permute/cut/replicate (each returns a fresh
/// object nobody else holds) as mutable, e.g. to wrap it into a composite column.
inline MutableColumnPtr assumeMutable(ColumnPtr column)
{
    return std::const_pointer_cast<IColumn>(std::move(column));
}

[[noreturn]] void throwBadColumnCast(const IColumn & column, const char * expected);

/// Casts to the concrete column class; a mismatch is an internal bug (LOGICAL_ERROR).
template <typename T>
const T & assertColumnCast(const IColumn & column)
{
    const T * res = dynamic_cast<const T *>(&column);
    if (!res) [[unlikely]]
        throwBadColumnCast(column, typeid(T).name());
    return *res;
}
template <typename T>
T & assertColumnCast(IColumn & column)
{
    T * res = dynamic_cast<T *>(&column);
    if (!res) [[unlikely]]
        throwBadColumnCast(column, typeid(T).name());
    return *res;
}

} // namespace pipit
