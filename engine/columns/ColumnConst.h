#pragma once

#include "engine/columns/IColumn.h"

namespace pipit
{

/// `size` rows that all equal row 0 of a one-row data column (a literal, a constant argument).
/// Functions should handle it specially; convertToFullColumn() materialises it.
class ColumnConst final : public IColumn
{
public:
    ColumnConst(ColumnPtr data, size_t size);

    /// `data` must have exactly one row; a ColumnConst passed as data is unwrapped.
    static std::shared_ptr<ColumnConst> create(ColumnPtr data, size_t size) { return std::make_shared<ColumnConst>(std::move(data), size); }

    const IColumn & getDataColumn() const { return *data_; }
    const ColumnPtr & getDataColumnPtr() const { return data_; }
    Field getField() const { return (*data_)[0]; }
    /// A column of the data column's class with size() copies of the value.
    ColumnPtr convertToFullColumn() const;

    const char * getFamilyName() const override { return "Const"; }
    size_t size() const override { return size_; }
    Field operator[](size_t) const override { return getField(); }
    std::string_view getDataAt(size_t) const override { return data_->getDataAt(0); }

    MutableColumnPtr cloneEmpty() const override { return create(data_, 0); }
    MutableColumnPtr cloneMutable() const override { return create(data_, size_); }

    /// Inserting into a constant column only counts rows: the value must be the same constant.
    void insert(const Field &) override { ++size_; }
    void insertFrom(const IColumn &, size_t) override { ++size_; }
    void insertRangeFrom(const IColumn &, size_t, size_t length) override { size_ += length; }
    void insertDefault() override { ++size_; }
    void insertManyDefaults(size_t count) override { size_ += count; }
    void insertData(const char *, size_t) override { ++size_; }
    void popBack(size_t count) override;

    ColumnPtr filter(const Filter & filter, size_t result_size_hint) const override;
    ColumnPtr permute(const Permutation & perm, size_t limit) const override;
    ColumnPtr cut(size_t start, size_t length) const override;
    ColumnPtr replicate(const Offsets & offsets) const override;

    int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const override;
    void getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const override;

    void updateHashWithValue(size_t, UInt64 & hash) const override { data_->updateHashWithValue(0, hash); }
    size_t byteSize() const override { return data_->byteSize() + sizeof(size_); }

    bool isNullable() const override { return data_->isNullable(); }
    bool isConst() const override { return true; }
    bool isFixedWidth() const override { return data_->isFixedWidth(); }
    size_t sizeOfValueIfFixed() const override { return data_->sizeOfValueIfFixed(); }

private:
    ColumnPtr data_;
    size_t size_;
};

/// The argument unchanged unless it is a ColumnConst, which is materialised.
ColumnPtr convertToFullColumnIfConst(const ColumnPtr & column);
/// The argument unchanged unless it is a ColumnLowCardinality (defined in ColumnLowCardinality.cpp).
ColumnPtr convertToFullColumnIfLowCardinality(const ColumnPtr & column);

} // namespace pipit
