#pragma once

#include "engine/columns/IColumn.h"

namespace pipit
{

/// Tuple(T1, ..., Tn): one column per element, all of the same size. Values are FieldTuple.
class ColumnTuple final : public IColumn
{
public:
    /// Elements must all have the same size; an empty tuple counts its rows itself.
    explicit ColumnTuple(MutableColumns columns, size_t rows_if_empty = 0);

    static std::shared_ptr<ColumnTuple> create(MutableColumns columns) { return std::make_shared<ColumnTuple>(std::move(columns)); }

    size_t tupleSize() const { return columns_.size(); }
    IColumn & getColumn(size_t i) { return *columns_[i]; }
    const IColumn & getColumn(size_t i) const { return *columns_[i]; }
    const MutableColumnPtr & getColumnPtr(size_t i) { return columns_[i]; }
    ColumnPtr getColumnPtr(size_t i) const { return columns_[i]; }

    const char * getFamilyName() const override { return "Tuple"; }
    size_t size() const override { return size_; }
    Field operator[](size_t n) const override;

    MutableColumnPtr cloneEmpty() const override;
    MutableColumnPtr cloneMutable() const override;

    /// Accepts a FieldTuple of tupleSize() values; on a bad element nothing is inserted.
    void insert(const Field & value) override;
    void insertFrom(const IColumn & src, size_t n) override;
    void insertRangeFrom(const IColumn & src, size_t start, size_t length) override;
    void insertDefault() override;
    void popBack(size_t count) override;
    void reserve(size_t count) override;

    ColumnPtr filter(const Filter & filter, size_t result_size_hint) const override;
    ColumnPtr permute(const Permutation & perm, size_t limit) const override;
    ColumnPtr cut(size_t start, size_t length) const override;
    ColumnPtr replicate(const Offsets & offsets) const override;

    /// Lexicographic by element.
    int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const override;
    void getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const override;

    void updateHashWithValue(size_t n, UInt64 & hash) const override;
    size_t byteSize() const override;

private:
    template <typename Op>
    ColumnPtr transform(size_t result_rows, Op && op) const;

    MutableColumns columns_;
    size_t size_ = 0;
};

} // namespace pipit
