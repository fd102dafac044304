#pragma once

#include "engine/columns/IColumn.h"

namespace pipit
{

/// Fixed-width numbers stored contiguously. Also the physical column of Date (UInt16), Date32 (Int32),
/// DateTime (UInt32), DateTime64 (Int64), UUID (UInt128), Decimal32/64/128 (scaled Int32/64/128), Bool (UInt8).
/// Explicitly instantiated in ColumnVector.cpp for the 12 numeric types listed below.
template <typename T>
class ColumnVector final : public IColumn
{
public:
    using ValueType = T;
    using Container = PODArray<T>;

    /// size > 0 creates that many rows with unspecified values (to be overwritten by the caller).
    explicit ColumnVector(size_t size = 0)
        : data_(size)
    {
    }
    ColumnVector(const T * begin, const T * end)
        : data_(begin, end)
    {
    }

    static std::shared_ptr<ColumnVector> create(size_t size = 0) { return std::make_shared<ColumnVector>(size); }
    static std::shared_ptr<ColumnVector> create(std::initializer_list<T> values)
    {
        return std::make_shared<ColumnVector>(values.begin(), values.end());
    }

    Container & getData() { return data_; }
    const Container & getData() const { return data_; }
    T getElement(size_t n) const { return data_[n]; }

    const char * getFamilyName() const override;
    size_t size() const override { return data_.size(); }
    Field operator[](size_t n) const override;
    std::string_view getDataAt(size_t n) const override { return {reinterpret_cast<const char *>(&data_[n]), sizeof(T)}; }

    MutableColumnPtr cloneEmpty() const override { return create(); }
    MutableColumnPtr cloneMutable() const override;

    void insert(const Field & value) override;
    void insertValue(T value) { data_.push_back(value); }
    void insertFrom(const IColumn & src, size_t n) override { data_.push_back(static_cast<const ColumnVector &>(src).data_[n]); }
    void insertRangeFrom(const IColumn & src, size_t start, size_t length) override;
    void insertDefault() override { data_.push_back(T {}); }
    void insertManyDefaults(size_t count) override { data_.resize(data_.size() + count, T {}); }
    void insertData(const char * data, size_t size) override;
    void popBack(size_t count) override;
    void reserve(size_t count) override { data_.reserve(count); }

    ColumnPtr filter(const Filter & filter, size_t result_size_hint) const override;
    ColumnPtr permute(const Permutation & perm, size_t limit) const override;
    ColumnPtr cut(size_t start, size_t length) const override;
    ColumnPtr replicate(const Offsets & offsets) const override;

    int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const override;
    void getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const override;

    void updateHashWithValue(size_t n, UInt64 & hash) const override;
    size_t byteSize() const override { return data_.size() * sizeof(T); }

    bool isFixedWidth() const override { return true; }
    size_t sizeOfValueIfFixed() const override { return sizeof(T); }

private:
    Container data_;
};

using ColumnUInt8 = ColumnVector<UInt8>;
using ColumnUInt16 = ColumnVector<UInt16>;
using ColumnUInt32 = ColumnVector<UInt32>;
using ColumnUInt64 = ColumnVector<UInt64>;
using ColumnInt8 = ColumnVector<Int8>;
using ColumnInt16 = ColumnVector<Int16>;
using ColumnInt32 = ColumnVector<Int32>;
using ColumnInt64 = ColumnVector<Int64>;
using ColumnInt128 = ColumnVector<Int128>;
using ColumnUInt128 = ColumnVector<UInt128>;
using ColumnFloat32 = ColumnVector<Float32>;
using ColumnFloat64 = ColumnVector<Float64>;

extern template class ColumnVector<UInt8>;
extern template class ColumnVector<UInt16>;
extern template class ColumnVector<UInt32>;
extern template class ColumnVector<UInt64>;
extern template class ColumnVector<Int8>;
extern template class ColumnVector<Int16>;
extern template class ColumnVector<Int32>;
extern template class ColumnVector<Int64>;
extern template class ColumnVector<Int128>;
extern template class ColumnVector<UInt128>;
extern template class ColumnVector<Float32>;
extern template class ColumnVector<Float64>;

/// Shared building blocks of the column classes (defined in ColumnVector.cpp).
namespace column_detail
{
/// Number of non-zero bytes in filter.
size_t countBytesInFilter(const Filter & filter);
/// Effective row count of permute(perm, limit); throws on a limit beyond perm.
size_t permuteLimit(const Permutation & perm, size_t limit);
/// Checks that replicate() offsets match the column's size.
void checkReplicateOffsets(const Offsets & offsets, size_t column_size);
/// Checks that filter() got one byte per row.
void checkFilterSize(const Filter & filter, size_t column_size);
/// Stable sort of the rows by compareAt (ties by row index); for columns without a specialised sort.
void getPermutationByCompareAt(const IColumn & column, bool reverse, size_t limit, int nan_direction_hint, Permutation & perm);
} // namespace column_detail

} // namespace pipit
